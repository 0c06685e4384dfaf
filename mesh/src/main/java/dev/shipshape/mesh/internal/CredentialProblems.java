package dev.shipshape.mesh.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.Credentials;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** The problems that the checks of DestinationRule and Gateway credentials share, in one wording. */
final class CredentialProblems {
  private CredentialProblems() {}

  /** A {@code kubernetes-gateway://} credential where Istio never verifies it. */
  static Problem gatewayApi(ResourceRef ref, String field, String credentialName, String reader) {
    return Problem.error(ref, field, "credential " + credentialName + " uses the kubernetes-gateway:// form, which "
            + "istiod serves a proxy only when a Gateway in the proxy's own namespace names it, not for " + reader,
        "name the Secret without prefix (or with kubernetes://)");
  }

  /** A Secret of another namespace than the proxies {@code readers}, in {@code namespace}, that read it. */
  static Problem crossNamespace(ResourceRef ref, String field, Credentials credential, String namespace,
      String readers) {
    return Problem.error(ref, field, crossNamespaceDetail(credential, namespace, readers),
        ownNamespaceFix(credential, namespace, readers + " read it in their own namespace", ""));
  }

  /**
   * A Secret of another namespace than gateways of {@code namespace} that use a DestinationRule read it in, for the
   * services {@code hosts} (one at least): an error when the spec runs such gateways, the workloads {@code gateways}
   * ({@code Kind namespace/name}), else (none given) a warning for the gateways that would use the rule there. The
   * fix names the Secret each gateway then reads, or narrowing the rule's {@code exportTo}.
   */
  static Problem crossNamespaceForGateways(ResourceRef ref, String field, Credentials credential, String namespace,
      List<String> gateways, List<String> hosts) {
    String narrow = "; or narrow exportTo so that gateways of " + namespace + " do not use the rule";
    String fix = ownNamespaceFix(credential, namespace, "each gateway reads it in its own namespace", narrow);
    String uses = " this rule for " + listed(hosts) + ",";
    return gateways.isEmpty()
        ? Problem.warning(ref, field, crossNamespaceDetail(credential, namespace, "gateways in " + namespace
            + ", which would use" + uses), fix)
        : Problem.error(ref, field, crossNamespaceDetail(credential, namespace, "the pods of gateway"
            + (gateways.size() == 1 ? " " + gateways.get(0) + ", which uses"
                : "s " + String.join(" and ", gateways) + ", which use") + uses), fix);
  }

  /** Up to three names joined ({@code a, b and c}), and how many more there are. */
  private static String listed(List<String> names) {
    List<String> shown = names.subList(0, Math.min(3, names.size()));
    String joined = shown.size() == 1 ? shown.get(0)
        : String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
    return names.size() > 3 ? String.join(", ", shown) + " and " + (names.size() - 3) + " more" : joined;
  }

  private static String crossNamespaceDetail(Credentials credential, String namespace, String readers) {
    return "credential names Secret " + credential.namespace().orElse("") + "/" + credential.name()
        + ", but Istio serves " + readers + " only Secrets of their own namespace " + namespace;
  }

  /**
   * The fix of a credential naming another namespace: no namespace in the name, as Istio resolves a name without
   * one in the namespace of each proxy that reads it ({@code ParseResourceName} in istio/istio
   * {@code pilot/pkg/model/credentials}), and the Secret there.
   */
  private static String ownNamespaceFix(Credentials credential, String namespace, String whoReads,
      String alternative) {
    return "write the credential as " + credential.name() + " (no namespace), so that " + whoReads + ", and add "
        + "Secret " + namespace + "/" + credential.name() + alternative;
  }

  /**
   * A warning that istiod does not serve {@code readers} the Secret {@code namespace/secret}: their ServiceAccount
   * {@code account} may not list Secrets there as far as the spec's RBAC tells ({@link SecretListGrants}).
   */
  static Problem listDenied(ResourceRef ref, String field, String namespace, String secret, String account,
      String readers, String consequence) {
    return Problem.warning(ref, field, "istiod serves Secret " + namespace + "/" + secret + " to " + readers
            + " only if their ServiceAccount " + namespace + "/" + account + " may list Secrets in " + namespace
            + ", and no Role or ClusterRole binding of the spec grants it; without that grant " + consequence,
        "bind ServiceAccount " + account + " to a Role in " + namespace + " that allows verb list on secrets "
            + "(apiGroups [\"\"]), unless the cluster grants it otherwise");
  }

  /** A warning when the Secret or ConfigMap {@code credential} is neither in the spec nor declared. */
  static void present(SpecContext context, ResourceRef ref, String field, ResourceRef credential,
      List<Problem> problems) {
    if (context.find(credential).isPresent() || context.isPreExisting(credential)) return;
    String namespace = credential.namespace().orElse("");
    problems.add(Problem.warning(ref, field, credential.kind() + " " + namespace + "/" + credential.name()
            + ", where Istio reads this credential, is neither in the spec nor declared pre-existing; until it "
            + "exists, connections that need it fail",
        "add the " + credential.kind() + " to the spec in " + namespace + ", or declare it with "
            + "preExistingResource"));
  }

  /** The namespace of an object, {@code default} when it names none (where the API server puts it). */
  static String namespace(HasMetadata o) {
    String namespace = o.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }
}
