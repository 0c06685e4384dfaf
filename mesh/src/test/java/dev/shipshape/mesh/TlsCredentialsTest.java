package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The credentials that DestinationRules and Gateways name, as Istio reads them: which forms each field takes, and
 * the namespace Istio reads the Secret or ConfigMap in.
 */
class TlsCredentialsTest {
  static String destinationRule(String name, String selector, String tls) {
    return String.join("\n", "---", "apiVersion: networking.istio.io/v1", "kind: DestinationRule",
        "metadata: {name: " + name + ", namespace: shop}",
        "spec: {host: api.example.com" + selector + ", trafficPolicy: {tls: " + tls + "}}", "");
  }

  static final String SELECTOR = ", workloadSelector: {matchLabels: {app: web}}";

  /** A Role that lets shop's default ServiceAccount list Secrets, as istiod asks before it serves one. */
  static final String LIST_SECRETS = String.join("\n", "---", "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: Role", "metadata: {name: read-secrets, namespace: shop}",
      "rules: [{apiGroups: [''], resources: [secrets], verbs: [get, list, watch]}]", "---",
      "apiVersion: rbac.authorization.k8s.io/v1", "kind: RoleBinding",
      "metadata: {name: read-secrets, namespace: shop}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets}",
      "subjects: [{kind: ServiceAccount, name: default, namespace: shop}]", "");

  /** The problems of planning that concern TLS settings, errors first. */
  static List<String> problems(ClusterSpec.Builder builder) {
    List<Problem> all;
    try {
      all = builder.build().plan().warnings();
    } catch (SpecValidationException e) {
      all = e.problems();
    }
    return all.stream().filter(p -> p.field().orElse("").contains(".tls."))
        .map(TlsCredentialsTest::line).collect(Collectors.toList());
  }

  private static String line(Problem p) {
    return p.severity() + " " + p.resource().map(r -> r.kind() + " " + r.namespace().orElse("") + "/" + r.name())
        .orElse("") + " " + p.field().orElse("") + ": " + p.message() + " — " + p.fix();
  }

  @Test
  void aConfigMapCredentialIsACaCertificateInTheRulesOwnNamespace() {
    String yaml = destinationRule("short", SELECTOR, "{mode: SIMPLE, credentialName: 'configmap://ca'}")
        + destinationRule("other", SELECTOR, "{mode: SIMPLE, credentialName: 'configmap://payments/ca'}")
        + destinationRule("mutual", SELECTOR, "{mode: MUTUAL, credentialName: 'configmap://shop/ca'}")
        + destinationRule("missing", "", "{mode: SIMPLE, credentialName: 'configmap://shop/api-ca'}");

    assertThat(problems(MeshFixtures.spec().yaml(yaml))).containsExactly(
        "ERROR DestinationRule shop/short spec.trafficPolicy.tls.credentialName: invalid configmap:// "
            + "credentialName: invalid resource name \"configmap://ca\". Expected namespace and name — write "
            + "configmap://shop/<ConfigMap name>, the ConfigMap in the DestinationRule's namespace shop",
        "ERROR DestinationRule shop/other spec.trafficPolicy.tls.credentialName: invalid configmap:// "
            + "credentialName: namespace must match the configuration namespace \"shop\" — write "
            + "configmap://shop/<ConfigMap name>, the ConfigMap in the DestinationRule's namespace shop",
        "ERROR DestinationRule shop/mutual spec.trafficPolicy.tls.credentialName: a configmap:// credential gives "
            + "only a CA certificate (ca.crt), so MUTUAL mode would send no client certificate — use SIMPLE mode "
            + "with the ConfigMap, or name a Secret that holds the client certificate, key and CA (tls.crt, "
            + "tls.key, ca.crt)",
        "WARNING DestinationRule shop/missing spec.trafficPolicy.tls.credentialName: ConfigMap shop/api-ca, where "
            + "Istio reads this credential, is neither in the spec nor declared pre-existing; until it exists, "
            + "connections that need it fail — add the ConfigMap to the spec in shop, or declare it with "
            + "preExistingResource");
    assertThat(problems(MeshFixtures.spec().yaml(destinationRule("missing", "",
        "{mode: SIMPLE, credentialName: 'configmap://shop/api-ca'}"))
        .preExistingResource(ResourceRef.core("ConfigMap", "shop", "api-ca")))).isEmpty();
  }

  @Test
  void theAnalysisAppliesIstiosValidationOfAConfigMapCredential() {
    assertThat(MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.DestinationRule")).analyzeYaml(
        destinationRule("other", SELECTOR, "{mode: SIMPLE, credentialName: 'configmap://payments/ca'}")
            + destinationRule("same", SELECTOR, "{mode: SIMPLE, credentialName: 'configmap://shop/ca'}")
            + destinationRule("port", SELECTOR, "{mode: SIMPLE}, portLevelSettings: [{port: {number: 443}, tls: "
            + "{mode: SIMPLE, credentialName: 'configmap://payments/ca'}}]"))
        .findings()).extracting(f -> f.resources().get(0).name() + " " + f.field().orElse("") + ": " + f.message())
        .containsExactlyInAnyOrder(
            "other spec.trafficPolicy.tls.credentialName: Schema validation error: invalid configmap:// "
                + "credentialName: namespace must match the configuration namespace \"shop\"",
            "port spec.trafficPolicy.portLevelSettings[0].tls.credentialName: Schema validation error: invalid "
                + "configmap:// credentialName: namespace must match the configuration namespace \"shop\"");
  }

  @Test
  void aSecretCredentialIsReadForTheSelectedWorkloadsInTheRulesNamespace() {
    String yaml = destinationRule("plain", SELECTOR, "{mode: MUTUAL, credentialName: client-tls}")
        + destinationRule("prefixed", SELECTOR, "{mode: MUTUAL, credentialName: 'kubernetes://shop/client-tls'}")
        + destinationRule("elsewhere", SELECTOR, "{mode: MUTUAL, credentialName: 'kubernetes://payments/tls'}")
        + destinationRule("gatewayapi", SELECTOR, "{mode: SIMPLE, credentialName: 'kubernetes-gateway://shop/t'}")
        + destinationRule("unselected", "", "{mode: SIMPLE, credentialName: client-tls}");

    assertThat(problems(MeshFixtures.spec().yaml(yaml + LIST_SECRETS).preExistingResource(
        ResourceRef.core("Secret", "shop", "client-tls")))).containsExactly(
        "ERROR DestinationRule shop/elsewhere spec.trafficPolicy.tls.credentialName: credential names Secret "
            + "payments/tls, but Istio serves the selected workloads only Secrets of their own namespace shop — "
            + "write the credential as tls (no namespace), so that the selected workloads read it in their own "
            + "namespace, and add Secret shop/tls",
        "ERROR DestinationRule shop/gatewayapi spec.trafficPolicy.tls.credentialName: credential "
            + "kubernetes-gateway://shop/t uses the kubernetes-gateway:// form, which istiod serves a proxy only "
            + "when a Gateway in the proxy's own namespace names it, not for a DestinationRule — name the Secret "
            + "without prefix (or with kubernetes://)",
        "WARNING DestinationRule shop/unselected spec.trafficPolicy.tls.credentialName: sidecars leave out TLS "
            + "settings with a Secret credential of a DestinationRule without workloadSelector, so they connect to "
            + "api.example.com without TLS; only gateways read the Secret, in their own namespace — add a "
            + "workloadSelector for the client workloads (the Secret client-tls then in shop), or, for a CA "
            + "certificate only, use configmap://shop/<ConfigMap name>");
    assertThat(problems(MeshFixtures.spec().yaml(destinationRule("plain", SELECTOR,
        "{mode: MUTUAL, credentialName: client-tls}") + LIST_SECRETS))).containsExactly(
        "WARNING DestinationRule shop/plain spec.trafficPolicy.tls.credentialName: Secret shop/client-tls, where "
            + "Istio reads this credential, is neither in the spec nor declared pre-existing; until it exists, "
            + "connections that need it fail — add the Secret to the spec in shop, or declare it with "
            + "preExistingResource");
  }

  @Test
  void aGatewayServerCredentialIsASecretOfTheGatewayPodsNamespace() {
    String gateway = String.join("\n", "---", "apiVersion: apps/v1", "kind: Deployment",
        "metadata: {name: edge, namespace: edge}", "spec:", "  selector: {matchLabels: {gw: edge}}",
        "  template:", "    metadata: {labels: {gw: edge}}",
        "    spec: {containers: [{name: proxy, image: istio/proxyv2:1.28.0}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: Gateway", "metadata: {name: edge, namespace: shop}",
        "spec: {selector: {gw: edge}, servers: [", "  {port: {number: 443, name: a, protocol: HTTPS}, hosts: ['*'],"
            + " tls: {mode: SIMPLE, credentialName: 'configmap://edge/ca'}},",
        "  {port: {number: 444, name: b, protocol: HTTPS}, hosts: ['*'],"
            + " tls: {mode: SIMPLE, credentialName: 'kubernetes://shop/shop-tls'}},",
        "  {port: {number: 445, name: c, protocol: HTTPS}, hosts: ['*'],"
            + " tls: {mode: SIMPLE, credentialName: 'kubernetes://edge-tls'}}]}", "");

    assertThat(problems(MeshFixtures.spec().preExistingNamespace("edge")
        .yaml(gateway + LIST_SECRETS.replace("shop", "edge")))).containsExactly(
        "ERROR Gateway shop/edge spec.servers[0].tls.credentialName: credential configmap://edge/ca names a "
            + "ConfigMap, of which Istio serves only the CA certificate (ca.crt): the gateway would have no "
            + "certificate and key to serve — name a Secret of type kubernetes.io/tls (tls.crt, tls.key) in the "
            + "namespace of the gateway's pods (edge)",
        "ERROR Gateway shop/edge spec.servers[1].tls.credentialName: credential names Secret shop/shop-tls, but "
            + "Istio serves the gateway's pods only Secrets of their own namespace edge — write the credential as "
            + "shop-tls (no namespace), so that the gateway's pods read it in their own namespace, and add Secret "
            + "edge/shop-tls",
        "WARNING Gateway shop/edge spec.servers[2].tls.credentialName: Secret edge/edge-tls, where Istio reads this "
            + "credential, is neither in the spec nor declared pre-existing; until it exists, connections that "
            + "need it fail — add the Secret to the spec in edge, or declare it with preExistingResource");
  }

  @Test
  void anIngressGatewayReadsItsSecretAsIstioReadsACredentialName() {
    ResourceRef tls = ResourceRef.core("Secret", "istio-system", "shop-tls");
    assertThat(problems(MeshFixtures.spec().preExistingResource(tls).component(
        IngressGateway.forHost("shop", "shop.example.com").tlsSecret("kubernetes://shop-tls").routeTo("web", 80))))
        .isEmpty();
    assertThat(problems(MeshFixtures.spec().preExistingResource(tls).component(
        IngressGateway.forHost("shop", "shop.example.com").tlsSecret("configmap://istio-system/shop-tls")
            .routeTo("web", 80),
        IngressGateway.forHost("shop", "www.example.com").tlsSecret("shop/shop-tls").routeTo("web", 80))))
        .containsExactly(
        "ERROR Gateway shop/shop-example-com-gateway spec.servers[0].tls.credentialName: credential "
            + "configmap://istio-system/shop-tls names a ConfigMap, of which Istio serves only the CA certificate "
            + "(ca.crt): the gateway would have no certificate and key to serve — name a Secret of type "
            + "kubernetes.io/tls (tls.crt, tls.key) in the namespace of the gateway's pods (istio-system)",
        "ERROR Gateway shop/www-example-com-gateway spec.servers[0].tls.credentialName: credential names Secret "
            + "shop/shop-tls, but Istio serves the gateway's pods only Secrets of their own namespace istio-system "
            + "— write the credential as shop-tls (no namespace), so that the gateway's pods read it in their own "
            + "namespace, and add Secret istio-system/shop-tls");
  }
}
