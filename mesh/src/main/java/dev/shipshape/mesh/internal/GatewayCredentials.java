package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import dev.shipshape.mesh.analysis.internal.Credentials;
import dev.shipshape.mesh.analysis.internal.ServerTlsRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The TLS settings and credentials of an Istio Gateway's servers, as Istio's validation judges the settings
 * ({@link ServerTlsRules}, for every server) and istiod serves the credentials to the gateway's pods:
 * <ul>
 *   <li>a server in {@code PASSTHROUGH} (the default mode) or {@code AUTO_PASSTHROUGH} mode loads no certificate,
 *       and one in {@code ISTIO_MUTUAL} mode serves the mesh certificate: nothing more is checked of them;</li>
 *   <li>a ConfigMap holds no key ({@code SecretGen.generate} in {@code pilot/pkg/xds/sds.go} serves only its CA
 *       certificate);</li>
 *   <li>a {@code kubernetes://} Secret (or a name without prefix) is served only in the pods' namespace, and only
 *       if their ServiceAccount may list Secrets there ({@code filterAuthorizedResources} in
 *       {@code pilot/pkg/xds/sds.go}, {@link SecretListGrants});</li>
 *   <li>a {@code kubernetes-gateway://NAMESPACE/NAME} Secret is served only when {@code mergeGateways}
 *       ({@code pilot/pkg/model/gateway.go}) verified it: the Gateway is in the pods' namespace, and the Secret is
 *       too or a ReferenceGrant of the Secret's namespace lets Gateways of the pods' namespace read it
 *       ({@code ReferenceGrants.SecretAllowed});</li>
 *   <li>each entry of {@code credentialNames} is read as {@code credentialName} is.</li>
 * </ul>
 * The pods' namespace is the namespace of the spec's workload that the Gateway's selector selects; unknown when
 * the spec has none.
 */
public final class GatewayCredentials {
  private static final String GATEWAY_API = "gateway.networking.k8s.io";
  private static final String INJECT_TEMPLATES = "inject.istio.io/templates";

  private GatewayCredentials() {}

  /** The problems of every server's TLS settings and credentials of {@code gateway}. */
  static void check(SpecContext context, HasMetadata gateway, List<Problem> problems) {
    JsonNode spec = Manifests.toTree(gateway).path("spec");
    String gatewayNamespace = CredentialProblems.namespace(gateway);
    Optional<String> podNamespace = podNamespace(context, spec.path("selector"));
    // The ServiceAccounts of the gateway's pods that istiod would not serve a kubernetes:// Secret.
    List<String> ungranted = podNamespace.map(ns -> SecretListGrants.serviceAccounts(context, ns,
        labels(spec.path("selector"))).stream().filter(a -> !SecretListGrants.granted(context, ns, a)).toList())
        .orElse(List.of());
    ResourceRef ref = ResourceRef.of(gateway);
    for (int i = 0; i < spec.path("servers").size(); i++) {
      JsonNode tls = spec.path("servers").get(i).path("tls");
      String at = "spec.servers[" + i + "].tls";
      boolean readsCredentials = ServerTlsRules.checkServer(spec.path("servers").get(i), "spec.servers[" + i + "]",
          (error, field, detail, fix) -> problems.add(error ? Problem.error(ref, field, detail, fix)
              : Problem.warning(ref, field, detail, fix)));
      if (!readsCredentials) continue;
      if (!tls.path("credentialName").asText("").isEmpty()) {
        credential(context, ref, at + ".credentialName", tls.path("credentialName").asText(), gatewayNamespace,
            podNamespace, ungranted, problems);
      }
      for (int j = 0; j < tls.path("credentialNames").size(); j++) {
        credential(context, ref, at + ".credentialNames[" + j + "]", tls.path("credentialNames").get(j).asText(),
            gatewayNamespace, podNamespace, ungranted, problems);
      }
    }
  }

  /**
   * One credential of a server. A {@code kubernetes://} Secret (or a name without prefix) is served only if the
   * pods' ServiceAccount may list Secrets in their namespace, whatever namespace the Gateway is in
   * ({@code filterAuthorizedResources} in {@code pilot/pkg/xds/sds.go} asks {@code CredentialsController.Authorize}
   * for every such Secret that is not a CA certificate alone; {@code mergeGateways}' verified references only
   * exempt {@code kubernetes-gateway://} ones).
   */
  private static void credential(SpecContext context, ResourceRef ref, String field, String credentialName,
      String gatewayNamespace, Optional<String> podNamespace, List<String> ungranted, List<Problem> problems) {
    Credentials credential = Credentials.parse(credentialName);
    if (credential.kind() == Credentials.Kind.GATEWAY_API) {
      gatewayApi(context, ref, field, credentialName, gatewayNamespace, podNamespace, problems);
      return;
    }
    Optional<Problem> invalid = serverCredential(ref, field, credentialName, podNamespace);
    invalid.ifPresent(problems::add);
    if (invalid.isEmpty() && credential.kind() == Credentials.Kind.SECRET && podNamespace.isPresent()) {
      CredentialProblems.present(context, ref, field, ResourceRef.core("Secret", podNamespace.get(),
          credential.name()), problems);
      if (SecretListGrants.needsGrant(credential.name())) {
        for (String account : ungranted) {
          problems.add(CredentialProblems.listDenied(ref, field, podNamespace.get(), credential.name(), account,
              "the gateway's pods", "the server has no certificate and its TLS handshakes fail"));
        }
      }
    }
  }

  /**
   * A {@code kubernetes-gateway://} credential: the Gateway's pods are in its namespace (assumed when the spec does
   * not run them), and the Secret is in that namespace or a ReferenceGrant of the spec allows it.
   */
  private static void gatewayApi(SpecContext context, ResourceRef ref, String field, String credentialName,
      String gatewayNamespace, Optional<String> podNamespace, List<Problem> problems) {
    Credentials credential = Credentials.parse(credentialName);
    String pods = podNamespace.orElse(gatewayNamespace);
    if (credential.problem().isPresent()) {
      problems.add(Problem.error(ref, field, credential.problem().get(), "write kubernetes-gateway://" + pods
          + "/<Secret name>"));
    } else if (!pods.equals(gatewayNamespace)) {
      problems.add(Problem.error(ref, field, "credential " + credentialName + " uses the kubernetes-gateway:// "
              + "form, which istiod serves the gateway's pods (in " + pods + ") only for Gateways of their own "
              + "namespace, but this Gateway is in " + gatewayNamespace, "put the Gateway in " + pods
              + ", or name the Secret kubernetes://" + credential.name() + " in " + pods));
    } else {
      String namespace = credential.namespaceOr(pods);
      if (!namespace.equals(pods) && !referenceGranted(context, namespace, credential.name(), pods)) {
        problems.add(Problem.error(ref, field, "credential names Secret " + namespace + "/" + credential.name()
                + ", but istiod serves the gateway's pods (in " + pods + ") a Secret of another namespace only "
                + "when a ReferenceGrant there lets Gateways of " + pods + " read it",
            "put the Secret in " + pods + ", or add a ReferenceGrant in " + namespace + " from Gateway ("
                + GATEWAY_API + ") in " + pods + " to Secret " + credential.name()));
      } else {
        CredentialProblems.present(context, ref, field, ResourceRef.core("Secret", namespace, credential.name()),
            problems);
      }
    }
  }

  /** True when a ReferenceGrant of the spec in {@code namespace} lets Gateways of {@code from} read the Secret. */
  private static boolean referenceGranted(SpecContext context, String namespace, String secret, String from) {
    for (HasMetadata grant : context.resources(GATEWAY_API, "ReferenceGrant")) {
      if (!namespace.equals(grant.getMetadata().getNamespace())) continue;
      JsonNode spec = Manifests.toTree(grant).path("spec");
      boolean fromGateways = false;
      for (JsonNode f : spec.path("from")) {
        fromGateways |= f.path("group").asText("").equals(GATEWAY_API) && f.path("kind").asText("").equals("Gateway")
            && f.path("namespace").asText("").equals(from);
      }
      for (JsonNode to : spec.path("to")) {
        if (fromGateways && to.path("group").asText("").isEmpty() && to.path("kind").asText("").equals("Secret")
            && (to.path("name").asText("").isEmpty() || to.path("name").asText("").equals(secret))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The problem of a gateway server's credential whose gateway pods are in {@code podNamespace} (empty when
   * unknown): a form that gives no certificate and key, or a Secret of another namespace. A
   * {@code kubernetes-gateway://} credential is refused: only a Gateway in the pods' namespace gets it served.
   */
  public static Optional<Problem> serverCredential(ResourceRef ref, String field, String credentialName,
      Optional<String> podNamespace) {
    Credentials credential = Credentials.parse(credentialName);
    return switch (credential.kind()) {
      case CONFIG_MAP -> Optional.of(Problem.error(ref, field, "credential " + credentialName + " names a ConfigMap, "
              + "of which Istio serves only the CA certificate (ca.crt): the gateway would have no certificate and "
              + "key to serve", "name a Secret of type kubernetes.io/tls (tls.crt, tls.key) in the namespace of the "
              + "gateway's pods" + podNamespace.map(n -> " (" + n + ")").orElse("")));
      case GATEWAY_API -> Optional.of(CredentialProblems.gatewayApi(ref, field, credentialName,
          "IngressGateway.tlsSecret, which takes the Secret's name"));
      case SECRET -> podNamespace.filter(n -> !credential.namespaceOr(n).equals(n))
          .map(n -> CredentialProblems.crossNamespace(ref, field, credential, n, "the gateway's pods"));
      case BUILTIN -> Optional.empty();
    };
  }

  /** The namespace of the first workload of the spec whose pods the gateway's selector selects. */
  static Optional<String> podNamespace(SpecContext context, JsonNode selector) {
    Map<String, String> labels = labels(selector);
    if (labels.isEmpty()) return Optional.empty();
    for (HasMetadata o : context.resources()) {
      Optional<Map<String, String>> pod = Workloads.podTemplate(o).map(PodTemplateSpec::getMetadata)
          .map(m -> m.getLabels() == null ? Map.<String, String>of() : m.getLabels());
      if (pod.isPresent() && MeshSpec.selects(labels, pod.get())) return Optional.of(CredentialProblems.namespace(o));
    }
    return Optional.empty();
  }

  private static Map<String, String> labels(JsonNode selector) {
    Map<String, String> labels = new TreeMap<>();
    selector.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /**
   * The namespaces where a gateway of the spec runs, in spec order: a workload that a Gateway of the spec selects,
   * or whose pods Istio injects with its {@code gateway} template ({@code inject.istio.io/templates}).
   */
  static List<String> gatewayNamespaces(SpecContext context) {
    List<String> namespaces = new ArrayList<>();
    for (HasMetadata gateway : context.resources(IstioObjects.NETWORKING, "Gateway")) {
      podNamespace(context, Manifests.toTree(gateway).path("spec").path("selector"))
          .filter(n -> !namespaces.contains(n)).ifPresent(namespaces::add);
    }
    for (HasMetadata o : context.resources()) {
      Optional<Map<String, String>> annotations = Workloads.podTemplate(o).map(PodTemplateSpec::getMetadata)
          .map(m -> m.getAnnotations() == null ? Map.<String, String>of() : m.getAnnotations());
      String namespace = CredentialProblems.namespace(o);
      if (annotations.map(a -> a.getOrDefault(INJECT_TEMPLATES, "")).filter(t -> List.of(t.split(","))
          .contains("gateway")).isPresent() && !namespaces.contains(namespace)) {
        namespaces.add(namespace);
      }
    }
    return namespaces;
  }
}
