package dev.shipshape.mesh;

import static dev.shipshape.mesh.TlsCredentialsTest.LIST_SECRETS;
import static dev.shipshape.mesh.TlsCredentialsTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The credentials of Istio Gateways' servers as istiod serves them to the gateway's pods: which forms it verifies,
 * which modes load no certificate, and where each entry of {@code credentialNames} is reported.
 */
class GatewayCredentialsTest {
  /** A gateway Deployment in {@code namespace} whose pods carry {@code gw: edge}. */
  private static String gatewayPods(String namespace) {
    return String.join("\n", "---", "apiVersion: v1", "kind: Namespace", "metadata: {name: " + namespace + "}", "---",
        "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: edge, namespace: " + namespace + "}", "spec:",
        "  selector: {matchLabels: {gw: edge}}", "  template:", "    metadata: {labels: {gw: edge}}",
        "    spec: {containers: [{name: proxy, image: istio/proxyv2:1.28.0}]}", "");
  }

  private static String gateway(String name, String namespace, String... servers) {
    StringBuilder yaml = new StringBuilder(String.join("\n", "---", "apiVersion: networking.istio.io/v1",
        "kind: Gateway", "metadata: {name: " + name + ", namespace: " + namespace + "}",
        "spec: {selector: {gw: edge}, servers: ["));
    for (int i = 0; i < servers.length; i++) {
      yaml.append(i == 0 ? "\n" : ",\n").append("  {port: {number: ").append(443 + i).append(", name: s").append(i)
          .append(", protocol: HTTPS}, hosts: ['*'], tls: ").append(servers[i]).append("}");
    }
    return yaml.append("]}\n").toString();
  }

  private static String referenceGrant(String namespace, String from, String secret) {
    return String.join("\n", "---", "apiVersion: gateway.networking.k8s.io/v1beta1", "kind: ReferenceGrant",
        "metadata: {name: edge-certs, namespace: " + namespace + "}",
        "spec: {from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: " + from + "}],",
        "  to: [{group: '', kind: Secret" + (secret.isEmpty() ? "" : ", name: " + secret) + "}]}", "");
  }

  @Test
  void aGatewayApiCredentialIsServedToAGatewayInItsPodsNamespace() {
    ResourceRef tls = ResourceRef.core("Secret", "edge", "edge-tls");
    String served = gateway("edge", "edge", "{mode: SIMPLE, credentialName: 'kubernetes-gateway://edge/edge-tls'}");
    assertThat(problems(MeshFixtures.spec().yaml(gatewayPods("edge") + served).preExistingResource(tls))).isEmpty();
    assertThat(problems(MeshFixtures.spec().yaml(gatewayPods("edge") + served))).containsExactly(
        "WARNING Gateway edge/edge spec.servers[0].tls.credentialName: Secret edge/edge-tls, where Istio reads this "
            + "credential, is neither in the spec nor declared pre-existing; until it exists, connections that need "
            + "it fail — add the Secret to the spec in edge, or declare it with preExistingResource");
  }

  @Test
  void aGatewayApiCredentialElsewhereNeedsTheGatewayInThePodsNamespaceAndAReferenceGrant() {
    String elsewhere = gateway("shop-edge", "shop",
        "{mode: SIMPLE, credentialName: 'kubernetes-gateway://edge/edge-tls'}");
    String crossNamespace = gateway("edge", "edge",
        "{mode: SIMPLE, credentialName: 'kubernetes-gateway://certs/edge-tls'}");
    assertThat(problems(MeshFixtures.spec().yaml(gatewayPods("edge") + elsewhere + crossNamespace))).containsExactly(
        "ERROR Gateway shop/shop-edge spec.servers[0].tls.credentialName: credential "
            + "kubernetes-gateway://edge/edge-tls uses the kubernetes-gateway:// form, which istiod serves the "
            + "gateway's pods (in edge) only for Gateways of their own namespace, but this Gateway is in shop — put "
            + "the Gateway in edge, or name the Secret kubernetes://edge-tls in edge",
        "ERROR Gateway edge/edge spec.servers[0].tls.credentialName: credential names Secret certs/edge-tls, but "
            + "istiod serves the gateway's pods (in edge) a Secret of another namespace only when a ReferenceGrant "
            + "there lets Gateways of edge read it — put the Secret in edge, or add a ReferenceGrant in certs from "
            + "Gateway (gateway.networking.k8s.io) in edge to Secret edge-tls");
    ResourceRef tls = ResourceRef.core("Secret", "certs", "edge-tls");
    for (String grant : List.of(referenceGrant("certs", "edge", "edge-tls"), referenceGrant("certs", "edge", ""))) {
      assertThat(problems(MeshFixtures.spec().preExistingNamespace("certs").preExistingResource(tls)
          .yaml(gatewayPods("edge") + crossNamespace + grant))).as(grant).isEmpty();
    }
    assertThat(problems(MeshFixtures.spec().preExistingNamespace("certs").preExistingResource(tls)
        .yaml(gatewayPods("edge") + crossNamespace + referenceGrant("certs", "shop", "")))).hasSize(1);
  }

  @Test
  void aCredentialNamesEntryInTheGatewayApiFormIsJudgedAsACredentialNameIs() {
    ResourceRef rsa = ResourceRef.core("Secret", "edge", "edge-rsa");
    String both = gateway("edge", "edge", "{mode: SIMPLE, credentialNames: ['kubernetes-gateway://edge/edge-rsa',"
        + " 'kubernetes-gateway://certs/edge-ecdsa']}");
    assertThat(problems(MeshFixtures.spec().preExistingResource(rsa).yaml(gatewayPods("edge") + both)))
        .containsExactly("ERROR Gateway edge/edge spec.servers[0].tls.credentialNames[1]: credential names Secret "
            + "certs/edge-ecdsa, but istiod serves the gateway's pods (in edge) a Secret of another namespace only "
            + "when a ReferenceGrant there lets Gateways of edge read it — put the Secret in edge, or add a "
            + "ReferenceGrant in certs from Gateway (gateway.networking.k8s.io) in edge to Secret edge-ecdsa");
  }

  @Test
  void anIngressGatewayKeepsRefusingAGatewayApiCredential() {
    assertThat(problems(MeshFixtures.spec().component(IngressGateway.forHost("shop", "shop.example.com")
        .tlsSecret("kubernetes-gateway://istio-system/shop-tls").routeTo("web", 80)))).containsExactly(
        "ERROR Gateway shop/shop-example-com-gateway spec.servers[0].tls.credentialName: credential "
            + "kubernetes-gateway://istio-system/shop-tls uses the kubernetes-gateway:// form, which istiod serves a "
            + "proxy only when a Gateway in the proxy's own namespace names it, not for IngressGateway.tlsSecret, "
            + "which takes the Secret's name — name the Secret without prefix (or with kubernetes://)");
  }

  @Test
  void passthroughServersLoadNoCertificateAndGetIstiosWarning() {
    String passthrough = gateway("edge", "edge", "{mode: PASSTHROUGH, credentialName: 'configmap://edge/ca'}",
        "{mode: AUTO_PASSTHROUGH, credentialNames: ['kubernetes://other/x']}", "{credentialName: edge-tls}",
        "{mode: PASSTHROUGH}");
    assertThat(problems(MeshFixtures.spec().yaml(gatewayPods("edge") + passthrough))).containsExactly(
        "WARNING Gateway edge/edge spec.servers[0].tls.mode: PASSTHROUGH mode does not use certificates, they will "
            + "be ignored — remove the certificates from the server, or terminate TLS at the gateway with mode "
            + "SIMPLE or MUTUAL",
        "WARNING Gateway edge/edge spec.servers[1].tls.mode: AUTO_PASSTHROUGH mode does not use certificates, they "
            + "will be ignored — remove the certificates from the server, or terminate TLS at the gateway with mode "
            + "SIMPLE or MUTUAL",
        "WARNING Gateway edge/edge spec.servers[2].tls.mode: PASSTHROUGH mode does not use certificates, they will "
            + "be ignored — remove the certificates from the server, or terminate TLS at the gateway with mode "
            + "SIMPLE or MUTUAL");
  }

  @Test
  void anIstioMutualServerTakesNoCredentialAsIstiosValidationRefuses() {
    String mutual = gateway("edge", "edge", "{mode: ISTIO_MUTUAL, credentialName: edge-tls}",
        "{mode: ISTIO_MUTUAL, credentialNames: [edge-rsa, edge-ecdsa]}", "{mode: ISTIO_MUTUAL}");
    String fix = " — remove FIELD: ISTIO_MUTUAL serves the gateway's mesh certificate; for a certificate of your own "
        + "use mode SIMPLE or MUTUAL";
    assertThat(problems(MeshFixtures.spec().yaml(gatewayPods("edge") + mutual))).containsExactly(
        "ERROR Gateway edge/edge spec.servers[0].tls.credentialName: ISTIO_MUTUAL TLS cannot have associated "
            + "credentialName" + fix.replace("FIELD", "credentialName"),
        "ERROR Gateway edge/edge spec.servers[1].tls.credentialNames: ISTIO_MUTUAL TLS cannot have associated "
            + "credentialNames" + fix.replace("FIELD", "credentialNames"));
  }

  @Test
  void aGatewaysSecretNeedsItsPodsServiceAccountAllowedToListSecrets() {
    ResourceRef tls = ResourceRef.core("Secret", "edge", "edge-tls");
    String servers = gateway("shop-edge", "shop", "{mode: SIMPLE, credentialName: 'kubernetes://edge-tls'}")
        + gateway("edge", "edge", "{mode: MUTUAL, credentialNames: [edge-tls, edge-tls-cacert]}");
    String warning = "istiod serves Secret edge/edge-tls to the gateway's pods only if their ServiceAccount "
        + "edge/default may list Secrets in edge, and no Role or ClusterRole binding of the spec grants it; without "
        + "that grant the server has no certificate and its TLS handshakes fail — bind ServiceAccount default to a "
        + "Role in edge that allows verb list on secrets (apiGroups [\"\"]), unless the cluster grants it otherwise";
    assertThat(problems(MeshFixtures.spec().preExistingResource(tls)
        .preExistingResource(ResourceRef.core("Secret", "edge", "edge-tls-cacert"))
        .yaml(gatewayPods("edge") + servers))).containsExactly(
        "WARNING Gateway edge/edge spec.servers[0].tls.credentialNames[0]: " + warning,
        "WARNING Gateway shop/shop-edge spec.servers[0].tls.credentialName: " + warning);
    assertThat(problems(MeshFixtures.spec().preExistingResource(tls)
        .preExistingResource(ResourceRef.core("Secret", "edge", "edge-tls-cacert"))
        .yaml(gatewayPods("edge") + servers + LIST_SECRETS.replace("shop", "edge")))).isEmpty();
  }

  /**
   * A Gateway's selector selects gateway pods in every namespace (Istio's Gateway.selector, unless istiod runs with
   * PILOT_SCOPE_GATEWAY_TO_NAMESPACE), and each gateway proxy reads the Secret in its own namespace: the Secret and
   * the list grant are checked for each namespace, each reported with its namespace.
   */
  @Test
  void aSelectorMatchingGatewayPodsInSeveralNamespacesIsCheckedInEach() {
    String servers = gateway("edge", "edge", "{mode: SIMPLE, credentialName: edge-tls}");
    String pods = gatewayPods("edge") + gatewayPods("edge-west");
    ResourceRef east = ResourceRef.core("Secret", "edge", "edge-tls");
    ResourceRef west = ResourceRef.core("Secret", "edge-west", "edge-tls");
    String grants = LIST_SECRETS.replace("shop", "edge") + LIST_SECRETS.replace("shop", "edge-west");
    assertThat(problems(MeshFixtures.spec().preExistingResource(east).yaml(pods + servers + grants)))
        .containsExactly("WARNING Gateway edge/edge spec.servers[0].tls.credentialName: Secret edge-west/edge-tls, "
            + "where Istio reads this credential, is neither in the spec nor declared pre-existing; until it exists, "
            + "connections that need it fail — add the Secret to the spec in edge-west, or declare it with "
            + "preExistingResource");
    assertThat(problems(MeshFixtures.spec().preExistingResource(east).preExistingResource(west)
        .yaml(pods + servers + LIST_SECRETS.replace("shop", "edge")))).containsExactly(
        "WARNING Gateway edge/edge spec.servers[0].tls.credentialName: istiod serves Secret edge-west/edge-tls to "
            + "the gateway's pods only if their ServiceAccount edge-west/default may list Secrets in edge-west, and "
            + "no Role or ClusterRole binding of the spec grants it; without that grant the server has no "
            + "certificate and its TLS handshakes fail — bind ServiceAccount default to a Role in edge-west that "
            + "allows verb list on secrets (apiGroups [\"\"]), unless the cluster grants it otherwise");
    assertThat(problems(MeshFixtures.spec().preExistingResource(east).preExistingResource(west)
        .yaml(pods + servers + grants))).isEmpty();
  }

  @Test
  void aSecretOrGatewayOfOnePodsNamespaceIsAnErrorForTheOthers() {
    String pods = gatewayPods("edge") + gatewayPods("edge-west");
    String named = gateway("edge", "edge", "{mode: SIMPLE, credentialName: 'kubernetes://edge/edge-tls'}");
    ResourceRef east = ResourceRef.core("Secret", "edge", "edge-tls");
    String grants = LIST_SECRETS.replace("shop", "edge") + LIST_SECRETS.replace("shop", "edge-west");
    assertThat(problems(MeshFixtures.spec().preExistingResource(east).yaml(pods + named + grants))).containsExactly(
        "ERROR Gateway edge/edge spec.servers[0].tls.credentialName: credential names Secret edge/edge-tls, but "
            + "Istio serves the gateway's pods only Secrets of their own namespace edge-west — write the credential "
            + "as edge-tls (no namespace), so that the gateway's pods read it in their own namespace, and add Secret "
            + "edge-west/edge-tls");
    String gatewayApi = gateway("edge", "edge", "{mode: SIMPLE, credentialName: 'kubernetes-gateway://edge/edge-tls'}");
    assertThat(problems(MeshFixtures.spec().preExistingResource(east).yaml(pods + gatewayApi))).containsExactly(
        "ERROR Gateway edge/edge spec.servers[0].tls.credentialName: credential kubernetes-gateway://edge/edge-tls "
            + "uses the kubernetes-gateway:// form, which istiod serves the gateway's pods (in edge-west) only for "
            + "Gateways of their own namespace, but this Gateway is in edge — put the Gateway in edge-west, or name "
            + "the Secret kubernetes://edge-tls in edge-west");
  }

  /** Egress gateway pods that a Gateway selects are asked about as ingress ones are, with their own ServiceAccount. */
  @Test
  void anEgressGatewaysServiceAccountIsAskedAsAnIngressGatewaysIs() {
    String egress = String.join("\n", "---", "apiVersion: apps/v1", "kind: Deployment",
        "metadata: {name: istio-egressgateway, namespace: istio-system}", "spec:",
        "  selector: {matchLabels: {istio: egressgateway}}", "  template:",
        "    metadata: {labels: {istio: egressgateway}}", "    spec: {serviceAccountName: istio-egressgateway,"
            + " containers: [{name: istio-proxy, image: istio/proxyv2:1.28.0}]}", "");
    String server = gateway("egress", "shop", "{mode: MUTUAL, credentialName: egress-tls}")
        .replace("gw: edge", "istio: egressgateway");
    ResourceRef tls = ResourceRef.core("Secret", "istio-system", "egress-tls");
    assertThat(problems(MeshFixtures.spec().preExistingNamespace("istio-system").preExistingResource(tls)
        .yaml(egress + server))).containsExactly("WARNING Gateway shop/egress spec.servers[0].tls.credentialName: "
            + "istiod serves Secret istio-system/egress-tls to the gateway's pods only if their ServiceAccount "
            + "istio-system/istio-egressgateway may list Secrets in istio-system, and no Role or ClusterRole binding "
            + "of the spec grants it; without that grant the server has no certificate and its TLS handshakes fail "
            + "— bind ServiceAccount istio-egressgateway to a Role in istio-system that allows verb list on secrets "
            + "(apiGroups [\"\"]), unless the cluster grants it otherwise");
    String grant = LIST_SECRETS.replace("namespace: shop", "namespace: istio-system")
        .replace("name: default", "name: istio-egressgateway");
    assertThat(problems(MeshFixtures.spec().preExistingNamespace("istio-system").preExistingResource(tls)
        .yaml(egress + server + grant))).isEmpty();
  }

  @Test
  void eachCredentialNamesEntryIsReportedAtItsOwnIndex() {
    String two = gateway("edge", "edge",
        "{mode: SIMPLE, credentialNames: ['kubernetes://edge/rsa', 'configmap://edge/ca', 'kubernetes://shop/x']}");
    assertThat(problems(MeshFixtures.spec().preExistingResource(ResourceRef.core("Secret", "edge", "rsa"))
        .yaml(gatewayPods("edge") + two + LIST_SECRETS.replace("shop", "edge")))).containsExactly(
        "ERROR Gateway edge/edge spec.servers[0].tls.credentialNames: credentialNames has 3 entries, but Istio's CRD "
            + "schema allows at most 2: TLS can support up to 2 server certificates, one per key type — keep at most "
            + "2 entries, such as one RSA and one ECDSA certificate",
        "ERROR Gateway edge/edge spec.servers[0].tls.credentialNames[1]: credential configmap://edge/ca names a "
            + "ConfigMap, of which Istio serves only the CA certificate (ca.crt): the gateway would have no "
            + "certificate and key to serve — name a Secret of type kubernetes.io/tls (tls.crt, tls.key) in the "
            + "namespace of the gateway's pods (edge)",
        "ERROR Gateway edge/edge spec.servers[0].tls.credentialNames[2]: credential names Secret shop/x, but Istio "
            + "serves the gateway's pods only Secrets of their own namespace edge — write the credential as x (no "
            + "namespace), so that the gateway's pods read it in their own namespace, and add Secret edge/x");
  }

  @Test
  void onlyTheGatewaysOfIngressGatewayComponentsAreLeftToTheComponent() {
    String yaml = gateway("edge", "edge", "{mode: SIMPLE, credentialName: 'configmap://edge/ca'}");
    Component named = new Component() {
      @Override
      public String name() {
        return "ingress edge";
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        return Manifests.parse(yaml);
      }
    };
    assertThat(problems(MeshFixtures.spec().yaml(gatewayPods("edge")).component(named))).containsExactly(
        "ERROR Gateway edge/edge spec.servers[0].tls.credentialName: credential configmap://edge/ca names a "
            + "ConfigMap, of which Istio serves only the CA certificate (ca.crt): the gateway would have no "
            + "certificate and key to serve — name a Secret of type kubernetes.io/tls (tls.crt, tls.key) in the "
            + "namespace of the gateway's pods (edge)");
    ClusterSpec spec = MeshFixtures.spec().preExistingResource(ResourceRef.core("Secret", "istio-system", "shop-tls"))
        .component(IngressGateway.forHost("shop", "shop.example.com").tlsSecret("shop-tls").routeTo("web", 80))
        .build();
    assertThat(spec.plan().resources()).filteredOn(r -> r.ref().kind().equals("Gateway"))
        .extracting(r -> r.object().getMetadata().getAnnotations().get("shipshape.dev/ingress-gateway"))
        .containsExactly("shop.example.com");
  }
}
