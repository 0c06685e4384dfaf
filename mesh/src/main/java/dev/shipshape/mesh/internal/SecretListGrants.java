package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the spec's RBAC lets a ServiceAccount {@code list} the Secrets of its own namespace, the question istiod
 * asks before it serves a proxy a Secret that no Gateway verified ({@code CredentialsController.Authorize} in
 * istio/istio {@code pilot/pkg/credentials/kube/secrets.go} sends a SubjectAccessReview for verb {@code list},
 * resource {@code secrets} in the proxy's namespace, without a name). Read as the API server's RBAC authorizer reads
 * Roles and ClusterRoles: a RoleBinding in the namespace or a ClusterRoleBinding binds the ServiceAccount (as a
 * {@code ServiceAccount} subject or the user {@code system:serviceaccount:NS:NAME}) to a role with a rule for the
 * core API group (or {@code *}), resource {@code secrets} (or {@code *}) and verb {@code list} (or {@code *}) and
 * without {@code resourceNames}, which a request without a name never matches. Bindings to groups such as
 * {@code system:serviceaccounts:NS} do not count: istiod's review names the user alone, without its groups.
 * Aggregated ClusterRoles are read by their own rules only.
 */
final class SecretListGrants {
  private static final String RBAC = "rbac.authorization.k8s.io";

  /** The suffix of a CA certificate's Secret, which istiod serves without asking. */
  private static final String CA_ONLY = "-cacert";

  private SecretListGrants() {}

  /**
   * True when istiod asks whether the reader may list Secrets before it serves Secret {@code name}: for every name
   * but a CA certificate alone ({@code -cacert}, {@code filterAuthorizedResources} in {@code pilot/pkg/xds/sds.go}).
   * A DestinationRule's client credential is asked for in {@code SIMPLE} mode as in {@code MUTUAL}: current istiod
   * requests its certificate and key whenever {@code credentialName} is set ({@code
   * ApplyCustomSDSToClientCommonTLSContext} in {@code pilot/pkg/security/model/authentication.go}).
   */
  static boolean needsGrant(String name) {
    return !name.endsWith(CA_ONLY);
  }


  /** The ServiceAccount of a workload's pods: {@code default} for a pod template that names none. */
  static String serviceAccount(PodTemplateSpec template) {
    String account = template.getSpec() == null ? null : template.getSpec().getServiceAccountName();
    return account == null || account.isEmpty() ? "default" : account;
  }

  /** The ServiceAccounts of {@code namespace} among {@code accounts} that the spec does not let list Secrets. */
  static List<String> ungranted(SpecContext context, String namespace, Collection<String> accounts) {
    return accounts.stream().filter(a -> !granted(context, namespace, a)).toList();
  }

  /**
   * The ServiceAccounts, in spec order, of the spec's workloads in {@code namespace} whose pod template
   * {@code selector} selects ({@code default} for a pod template that names none): the identities istiod asks about.
   */
  static Set<String> serviceAccounts(SpecContext context, String namespace, Map<String, String> selector) {
    Set<String> accounts = new LinkedHashSet<>();
    for (HasMetadata workload : Workloads.inNamespace(context, namespace)) {
      Workloads.podTemplate(workload).filter(t -> MeshSpec.selects(selector, t.getMetadata() == null
              || t.getMetadata().getLabels() == null ? Map.of() : t.getMetadata().getLabels()))
          .ifPresent(t -> accounts.add(serviceAccount(t)));
    }
    return accounts;
  }

  /** True when a binding of the spec grants {@code serviceAccount} of {@code namespace} list on its Secrets. */
  static boolean granted(SpecContext context, String namespace, String serviceAccount) {
    for (HasMetadata binding : context.resources(RBAC, "RoleBinding")) {
      if (namespace.equals(binding.getMetadata().getNamespace()) && grants(context, binding, namespace,
          serviceAccount)) {
        return true;
      }
    }
    for (HasMetadata binding : context.resources(RBAC, "ClusterRoleBinding")) {
      if (grants(context, binding, namespace, serviceAccount)) return true;
    }
    return false;
  }

  private static boolean grants(SpecContext context, HasMetadata binding, String namespace, String serviceAccount) {
    JsonNode tree = Manifests.toTree(binding);
    boolean bound = false;
    for (JsonNode subject : tree.path("subjects")) {
      bound |= binds(subject, namespace, serviceAccount, binding.getMetadata().getNamespace());
    }
    if (!bound) return false;
    String kind = tree.path("roleRef").path("kind").asText("");
    String name = tree.path("roleRef").path("name").asText("");
    Optional<HasMetadata> role = kind.equals("ClusterRole")
        ? context.find(ResourceRef.clusterScoped(RBAC, "ClusterRole", name))
        : context.find(ResourceRef.namespaced(RBAC, "Role", binding.getMetadata().getNamespace(), name));
    return role.map(r -> listsSecrets(Manifests.toTree(r).path("rules"))).orElse(false);
  }

  private static boolean binds(JsonNode subject, String namespace, String serviceAccount, String bindingNamespace) {
    String kind = subject.path("kind").asText("");
    String name = subject.path("name").asText("");
    return switch (kind) {
      case "ServiceAccount" -> name.equals(serviceAccount)
          && subject.path("namespace").asText(bindingNamespace == null ? "" : bindingNamespace).equals(namespace);
      case "User" -> name.equals("system:serviceaccount:" + namespace + ":" + serviceAccount);
      default -> false;
    };
  }

  private static boolean listsSecrets(JsonNode rules) {
    for (JsonNode rule : rules) {
      if (rule.path("resourceNames").size() > 0) continue;
      if (has(rule.path("apiGroups"), "") && has(rule.path("resources"), "secrets")
          && has(rule.path("verbs"), "list")) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(JsonNode values, String wanted) {
    for (JsonNode v : values) {
      if (v.asText().equals(wanted) || v.asText().equals("*")) return true;
    }
    return false;
  }
}
