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
import java.util.LinkedHashMap;
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
 * A Gateway's selector selects gateway pods in every namespace (Istio's {@code Gateway.selector}: "By default, the
 * workloads are searched across all namespaces based on label selectors", unless istiod runs with
 * {@code PILOT_SCOPE_GATEWAY_TO_NAMESPACE}), and each gateway proxy reads the credentials in its own namespace
 * ({@code credentials.ParseResourceName} with the proxy's namespace in {@code pilot/pkg/xds/sds.go}): the servers'
 * credentials are checked, and reported, for each namespace where the spec runs workloads the selector selects, with
 * the ServiceAccounts of those workloads there. Nothing is checked of the pods' namespace when the spec runs none.
 */
public final class GatewayCredentials {
  /**
   * The check that the problems of Istio's validation of the servers ({@link ServerTlsRules}: ports, bind addresses,
   * TLS settings) are shown with; those of the credentials are {@link TlsCredentialsCheck}'s, which runs both.
   */
  static final String SERVER_RULES = "mesh-gateway-servers";
  private static final String GATEWAY_API = "gateway.networking.k8s.io";
  private static final String INJECT_TEMPLATES = "inject.istio.io/templates";

  private GatewayCredentials() {}

  /** The problems of every server's TLS settings and credentials of {@code gateway}. */
  static void check(SpecContext context, HasMetadata gateway, List<Problem> problems) {
    JsonNode spec = Manifests.toTree(gateway).path("spec");
    Map<String, String> selector = labels(spec.path("selector"));
    // For each namespace of the gateway's pods, the ServiceAccounts there that istiod would not serve a Secret.
    Map<String, List<String>> pods = new LinkedHashMap<>();
    for (String ns : podNamespaces(context, selector)) {
      pods.put(ns, SecretListGrants.ungranted(context, ns, SecretListGrants.serviceAccounts(context, ns, selector)));
    }
    Server server = new Server(context, ResourceRef.of(gateway), CredentialProblems.namespace(gateway), pods,
        problems);
    ResourceRef ref = server.ref();
    List<Integer> readingCredentials = ServerTlsRules.checkServers(spec.path("servers"),
        (error, field, detail, fix) -> problems.add((error ? Problem.error(ref, field, detail, fix)
            : Problem.warning(ref, field, detail, fix)).inComponent(SERVER_RULES)));
    for (int i : readingCredentials) {
      JsonNode tls = spec.path("servers").get(i).path("tls");
      String at = "spec.servers[" + i + "].tls";
      if (!tls.path("credentialName").asText("").isEmpty()) {
        server.credential(at + ".credentialName", tls.path("credentialName").asText());
      }
      for (int j = 0; j < tls.path("credentialNames").size(); j++) {
        server.credential(at + ".credentialNames[" + j + "]", tls.path("credentialNames").get(j).asText());
      }
    }
  }

  /**
   * The credentials of one Gateway's servers, judged for the gateway's pods in each of their namespaces: a key of
   * {@code pods}, mapped to the ServiceAccounts there that may not list Secrets.
   */
  private record Server(SpecContext context, ResourceRef ref, String gatewayNamespace,
      Map<String, List<String>> pods, List<Problem> problems) {
    void credential(String field, String credentialName) {
      if (pods.isEmpty()) {
        GatewayCredentials.credential(context, ref, field, credentialName, gatewayNamespace, Optional.empty(),
            List.of(), problems);
      }
      pods.forEach((ns, ungranted) -> GatewayCredentials.credential(context, ref, field, credentialName,
          gatewayNamespace, Optional.of(ns), ungranted, problems));
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
      case SECRET -> podNamespace.filter(n -> !credential.inProxyNamespace(n))
          .map(n -> CredentialProblems.crossNamespace(ref, field, credential, n, "the gateway's pods"));
      case BUILTIN -> Optional.empty();
    };
  }

  /**
   * The namespaces, in spec order, of the spec's workloads whose pods the gateway's selector selects, in any
   * namespace; none for a selector without labels.
   */
  static List<String> podNamespaces(SpecContext context, Map<String, String> selector) {
    List<String> namespaces = new ArrayList<>();
    for (HasMetadata o : context.resources()) {
      if (selects(selector, o) && !namespaces.contains(CredentialProblems.namespace(o))) {
        namespaces.add(CredentialProblems.namespace(o));
      }
    }
    return namespaces;
  }

  private static boolean selects(Map<String, String> selector, HasMetadata workload) {
    return !selector.isEmpty() && Workloads.podTemplate(workload).map(PodTemplateSpec::getMetadata)
        .map(m -> m.getLabels() == null ? Map.<String, String>of() : m.getLabels())
        .filter(labels -> MeshSpec.selects(selector, labels)).isPresent();
  }

  private static Map<String, String> labels(JsonNode selector) {
    Map<String, String> labels = new TreeMap<>();
    selector.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /**
   * The workloads of the spec that run a gateway, in spec order: a workload that a Gateway of the spec selects, or
   * whose pods Istio injects with its {@code gateway} template ({@code inject.istio.io/templates}), ingress and
   * egress gateways alike.
   */
  static List<HasMetadata> gatewayWorkloads(SpecContext context) {
    List<Map<String, String>> selectors = context.resources(IstioObjects.NETWORKING, "Gateway").stream()
        .map(g -> labels(Manifests.toTree(g).path("spec").path("selector"))).toList();
    List<HasMetadata> workloads = new ArrayList<>();
    for (HasMetadata o : context.resources()) {
      Optional<Map<String, String>> annotations = Workloads.podTemplate(o).map(PodTemplateSpec::getMetadata)
          .map(m -> m.getAnnotations() == null ? Map.<String, String>of() : m.getAnnotations());
      boolean injected = annotations.map(a -> a.getOrDefault(INJECT_TEMPLATES, ""))
          .filter(t -> List.of(t.split(",")).contains("gateway")).isPresent();
      if (injected || selectors.stream().anyMatch(selector -> selects(selector, o))) workloads.add(o);
    }
    return workloads;
  }
}
