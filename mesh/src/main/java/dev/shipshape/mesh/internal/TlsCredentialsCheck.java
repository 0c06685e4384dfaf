package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import dev.shipshape.mesh.analysis.internal.Credentials;
import dev.shipshape.mesh.analysis.internal.TlsRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code credentialName}s of the spec's DestinationRules and Gateways name what Istio can serve, where Istio
 * reads it ({@link Credentials} tells the forms apart):
 * <ul>
 *   <li>a DestinationRule's {@code configmap://} credential follows {@link TlsRules}; a Secret credential is read
 *       for the workloads of a rule with a {@code workloadSelector}, which are in the rule's namespace, while
 *       sidecars leave a rule without one out altogether and connect without TLS
 *       ({@code buildUpstreamClusterTLSContext} in istio/istio
 *       {@code pilot/pkg/networking/core/cluster_tls.go}: only gateways read such Secrets);</li>
 *   <li>a Gateway server's credential is a Secret in the namespace of the gateway's pods: a ConfigMap holds no key
 *       ({@code SecretGen.generate} in {@code pilot/pkg/xds/sds.go} serves only its CA certificate);</li>
 *   <li>a proxy is served only Secrets of its own namespace ({@code filterAuthorizedResources} in
 *       {@code pilot/pkg/xds/sds.go}), and {@code kubernetes-gateway://} only for references the Kubernetes
 *       Gateway API verified;</li>
 *   <li>a Secret or ConfigMap in the namespace Istio reads is in the spec or declared pre-existing (a warning: it may
 *       be created otherwise).</li>
 * </ul>
 * The Gateways of {@code IngressGateway} components are checked by the component, which knows the gateway's
 * namespace.
 */
public final class TlsCredentialsCheck implements SpecCheck {
  @Override
  public String name() {
    return "mesh-tls-credentials";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata dr : context.resources(IstioObjects.NETWORKING, "DestinationRule")) {
      JsonNode spec = Manifests.toTree(dr).path("spec");
      policy(context, dr, spec, spec.path("trafficPolicy"), "spec.trafficPolicy", problems);
      for (int i = 0; i < spec.path("subsets").size(); i++) {
        policy(context, dr, spec, spec.path("subsets").get(i).path("trafficPolicy"),
            "spec.subsets[" + i + "].trafficPolicy", problems);
      }
    }
    for (HasMetadata gateway : context.resources(IstioObjects.NETWORKING, "Gateway")) {
      boolean ingress = context.producerOf(ResourceRef.of(gateway))
          .filter(p -> p.startsWith(IstioObjects.INGRESS_COMPONENT)).isPresent();
      if (!ingress) gateway(context, gateway, problems);
    }
    return problems;
  }

  private static void policy(SpecContext context, HasMetadata dr, JsonNode spec, JsonNode policy, String at,
      List<Problem> problems) {
    clientTls(context, dr, spec, policy.path("tls"), at + ".tls", problems);
    for (int i = 0; i < policy.path("portLevelSettings").size(); i++) {
      clientTls(context, dr, spec, policy.path("portLevelSettings").get(i).path("tls"),
          at + ".portLevelSettings[" + i + "].tls", problems);
    }
  }

  private static void clientTls(SpecContext context, HasMetadata dr, JsonNode spec, JsonNode tls, String at,
      List<Problem> problems) {
    String credentialName = tls.path("credentialName").asText("");
    String mode = tls.path("mode").asText("");
    if (credentialName.isEmpty() || !(mode.equals("SIMPLE") || mode.equals("MUTUAL"))) return;
    ResourceRef ref = ResourceRef.of(dr);
    String ns = namespace(dr);
    String field = at + ".credentialName";
    Credentials credential = Credentials.parse(credentialName);
    switch (credential.kind()) {
      case CONFIG_MAP -> {
        List<Problem> invalid = new ArrayList<>();
        TlsRules.credential(credentialName, mode, ns, field, (error, f, detail, fix) ->
            invalid.add(Problem.error(ref, f, detail, fix)));
        problems.addAll(invalid);
        if (invalid.isEmpty()) {
          present(context, ref, field, ResourceRef.core("ConfigMap", ns, credential.name()), problems);
        }
      }
      case GATEWAY_API -> problems.add(gatewayApi(ref, field, credentialName));
      case SECRET -> {
        if (!spec.path("workloadSelector").isObject()) {
          problems.add(Problem.warning(ref, field, "sidecars leave out TLS settings with a Secret credential of a "
                  + "DestinationRule without workloadSelector, so they connect to " + spec.path("host").asText("")
                  + " without TLS; only gateways read the Secret, in their own namespace",
              "add a workloadSelector for the client workloads (the Secret " + credential.name() + " then in "
                  + ns + "), or, for a CA certificate only, use configmap://" + ns + "/<ConfigMap name>"));
        } else if (!credential.namespaceOr(ns).equals(ns)) {
          problems.add(crossNamespace(ref, field, credential, ns, "the workloads it selects"));
        } else {
          present(context, ref, field, ResourceRef.core("Secret", ns, credential.name()), problems);
        }
      }
      case BUILTIN -> { }
    }
  }

  private static void gateway(SpecContext context, HasMetadata gateway, List<Problem> problems) {
    JsonNode spec = Manifests.toTree(gateway).path("spec");
    Optional<String> podNamespace = podNamespace(context, spec.path("selector"));
    ResourceRef ref = ResourceRef.of(gateway);
    for (int i = 0; i < spec.path("servers").size(); i++) {
      JsonNode tls = spec.path("servers").get(i).path("tls");
      List<String> names = new ArrayList<>();
      if (!tls.path("credentialName").asText("").isEmpty()) names.add(tls.path("credentialName").asText());
      tls.path("credentialNames").forEach(n -> names.add(n.asText()));
      for (String credentialName : names) {
        String field = "spec.servers[" + i + "].tls.credentialName";
        serverCredential(ref, field, credentialName, podNamespace).ifPresent(problems::add);
        Credentials credential = Credentials.parse(credentialName);
        if (credential.kind() == Credentials.Kind.SECRET && podNamespace.isPresent()
            && credential.namespaceOr(podNamespace.get()).equals(podNamespace.get())) {
          present(context, ref, field, ResourceRef.core("Secret", podNamespace.get(), credential.name()), problems);
        }
      }
    }
  }

  /**
   * The problem of a gateway server's credential whose gateway pods are in {@code podNamespace} (empty when
   * unknown): a form that gives no certificate and key, or a Secret of another namespace.
   */
  public static Optional<Problem> serverCredential(ResourceRef ref, String field, String credentialName,
      Optional<String> podNamespace) {
    Credentials credential = Credentials.parse(credentialName);
    return switch (credential.kind()) {
      case CONFIG_MAP -> Optional.of(Problem.error(ref, field, "credential " + credentialName + " names a ConfigMap, "
              + "of which Istio serves only the CA certificate (ca.crt): the gateway would have no certificate and "
              + "key to serve", "name a Secret of type kubernetes.io/tls (tls.crt, tls.key) in the namespace of the "
              + "gateway's pods" + podNamespace.map(n -> " (" + n + ")").orElse("")));
      case GATEWAY_API -> Optional.of(gatewayApi(ref, field, credentialName));
      case SECRET -> podNamespace.filter(n -> !credential.namespaceOr(n).equals(n))
          .map(n -> crossNamespace(ref, field, credential, n, "the gateway's pods"));
      case BUILTIN -> Optional.empty();
    };
  }

  private static Problem gatewayApi(ResourceRef ref, String field, String credentialName) {
    return Problem.error(ref, field, "credential " + credentialName + " uses the kubernetes-gateway:// form, which "
            + "Istio serves only for certificate references the Kubernetes Gateway API verified",
        "name the Secret without prefix (or with kubernetes://)");
  }

  private static Problem crossNamespace(ResourceRef ref, String field, Credentials credential, String namespace,
      String readers) {
    return Problem.error(ref, field, "credential names Secret " + credential.namespace().orElse("") + "/"
            + credential.name() + ", but Istio serves " + readers + " only Secrets of their own namespace "
            + namespace, "put the Secret in " + namespace + " and name it " + credential.name());
  }

  private static void present(SpecContext context, ResourceRef ref, String field, ResourceRef credential,
      List<Problem> problems) {
    if (context.find(credential).isPresent() || context.isPreExisting(credential)) return;
    String namespace = credential.namespace().orElse("");
    problems.add(Problem.warning(ref, field, credential.kind() + " " + namespace + "/" + credential.name()
            + ", where Istio reads this credential, is neither in the spec nor declared pre-existing; until it "
            + "exists, connections that need it fail",
        "add the " + credential.kind() + " to the spec in " + namespace + ", or declare it with "
            + "preExistingResource"));
  }

  /** The namespace of the first workload of the spec whose pods the gateway's selector selects. */
  private static Optional<String> podNamespace(SpecContext context, JsonNode selector) {
    Map<String, String> labels = new TreeMap<>();
    selector.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    if (labels.isEmpty()) return Optional.empty();
    for (HasMetadata o : context.resources()) {
      Optional<Map<String, String>> pod = Workloads.podTemplate(o).map(PodTemplateSpec::getMetadata)
          .map(m -> m.getLabels() == null ? Map.<String, String>of() : m.getLabels());
      if (pod.isPresent() && MeshSpec.selects(labels, pod.get())) return Optional.of(namespace(o));
    }
    return Optional.empty();
  }

  private static String namespace(HasMetadata o) {
    return o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace();
  }
}
