package dev.shipshape.mesh;

import static dev.shipshape.mesh.TlsCredentialsTest.LIST_SECRETS;
import static dev.shipshape.mesh.TlsCredentialsTest.SELECTOR;
import static dev.shipshape.mesh.TlsCredentialsTest.destinationRule;
import static dev.shipshape.mesh.TlsCredentialsTest.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Secret credentials of DestinationRules as istiod serves them: to the selected workloads only when their
 * ServiceAccount may list Secrets, and to a gateway of the rule's namespace for a rule without selector.
 */
class ClientCredentialsTest {
  private static final ResourceRef CLIENT_TLS = ResourceRef.core("Secret", "shop", "client-tls");

  /** An egress gateway in istio-system, deployed with Istio's gateway injection template. */
  private static final String EGRESS = String.join("\n", "---", "apiVersion: apps/v1", "kind: Deployment",
      "metadata: {name: istio-egressgateway, namespace: istio-system}", "spec:",
      "  selector: {matchLabels: {istio: egressgateway}}", "  template:",
      "    metadata: {labels: {istio: egressgateway}, annotations: {inject.istio.io/templates: gateway}}",
      "    spec: {serviceAccountName: istio-egressgateway, containers: [{name: istio-proxy, image: auto}]}", "");

  @Test
  void theSelectedWorkloadsServiceAccountMustBeAllowedToListSecrets() {
    String rule = destinationRule("plain", SELECTOR, "{mode: MUTUAL, credentialName: client-tls}");
    assertThat(problems(MeshFixtures.spec().yaml(rule).preExistingResource(CLIENT_TLS))).containsExactly(
        "WARNING DestinationRule shop/plain spec.trafficPolicy.tls.credentialName: istiod serves Secret "
            + "shop/client-tls to the selected workloads only if their ServiceAccount shop/default may list Secrets "
            + "in shop, and no Role or ClusterRole binding of the spec grants it; without that grant their "
            + "connections to api.example.com get no client certificate — bind ServiceAccount default to a Role in shop that "
            + "allows verb list on secrets (apiGroups [\"\"]), unless the cluster grants it otherwise");
    assertThat(problems(MeshFixtures.spec().yaml(rule + LIST_SECRETS).preExistingResource(CLIENT_TLS))).isEmpty();
    assertThat(problems(MeshFixtures.spec().yaml(rule + LIST_SECRETS.replace("get, list, watch", "get, watch"))
        .preExistingResource(CLIENT_TLS))).hasSize(1);
    assertThat(problems(MeshFixtures.spec().yaml(rule + LIST_SECRETS.replace("resources: [secrets]",
        "resources: [secrets], resourceNames: [client-tls]")).preExistingResource(CLIENT_TLS))).hasSize(1);
    String caOnly = destinationRule("ca", SELECTOR, "{mode: SIMPLE, credentialName: api-cacert}");
    assertThat(problems(MeshFixtures.spec().yaml(caOnly)
        .preExistingResource(ResourceRef.core("Secret", "shop", "api-cacert")))).isEmpty();
  }

  /**
   * Current istiod asks for a client credential's certificate and key in SIMPLE mode too (ApplyCustomSDSToClient
   * CommonTLSContext), so SIMPLE needs the grant as MUTUAL does; only a CA certificate alone (-cacert) does not.
   */
  @Test
  void simpleModeNeedsTheGrantTooButACaCertificateAloneDoesNot() {
    String simple = destinationRule("plain", SELECTOR, "{mode: SIMPLE, credentialName: client-tls}");
    assertThat(problems(MeshFixtures.spec().yaml(simple).preExistingResource(CLIENT_TLS)))
        .singleElement(STRING)
        .startsWith("WARNING DestinationRule shop/plain spec.trafficPolicy.tls.credentialName: istiod serves Secret "
            + "shop/client-tls to the selected workloads only if")
        .contains("get no credential (current istiod asks for it in SIMPLE mode too)");
    ResourceRef caOnly = ResourceRef.core("Secret", "shop", "client-tls-cacert");
    assertThat(problems(MeshFixtures.spec().yaml(simple.replace("client-tls}", "client-tls-cacert}"))
        .preExistingResource(caOnly))).isEmpty();
  }

  @Test
  void aClusterRoleBindingOfTheServiceAccountGrantsItButOneOfItsGroupsDoesNot() {
    String rule = destinationRule("plain", SELECTOR, "{mode: MUTUAL, credentialName: client-tls}");
    String clusterWide = String.join("\n", "---", "apiVersion: rbac.authorization.k8s.io/v1", "kind: ClusterRole",
        "metadata: {name: secret-reader}", "rules: [{apiGroups: ['*'], resources: ['*'], verbs: [list]}]", "---",
        "apiVersion: rbac.authorization.k8s.io/v1", "kind: ClusterRoleBinding", "metadata: {name: secret-reader}",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}",
        "subjects: [{kind: User, name: 'system:serviceaccount:shop:default', apiGroup: rbac.authorization.k8s.io}]",
        "");
    assertThat(problems(MeshFixtures.spec().yaml(rule + clusterWide).preExistingResource(CLIENT_TLS))).isEmpty();
    // istiod's SubjectAccessReview names the user without its groups.
    assertThat(problems(MeshFixtures.spec().yaml(rule + clusterWide.replace("kind: User, name: "
        + "'system:serviceaccount:shop:default'", "kind: Group, name: 'system:serviceaccounts:shop'"))
        .preExistingResource(CLIENT_TLS))).hasSize(1);
  }

  @Test
  void aRuleWithoutSelectorInAGatewaysNamespaceOriginatesTlsAtTheGateway() {
    String rule = String.join("\n", "---", "apiVersion: networking.istio.io/v1", "kind: DestinationRule",
        "metadata: {name: originate-mtls, namespace: istio-system}",
        "spec: {host: my-nginx.mesh-external.svc.cluster.local, trafficPolicy: {portLevelSettings: [{port: "
            + "{number: 443}, tls: {mode: MUTUAL, credentialName: client-credential}}]}}", "");
    String warning = "WARNING DestinationRule istio-system/originate-mtls spec.trafficPolicy.portLevelSettings[0].tls"
        + ".credentialName: sidecars leave out TLS settings with a Secret credential of a DestinationRule without "
        + "workloadSelector, so they connect to my-nginx.mesh-external.svc.cluster.local without TLS; the gateway "
        + "of the spec in istio-system reads the Secret and originates TLS — route the requests for "
        + "my-nginx.mesh-external.svc.cluster.local through the gateway in istio-system (a VirtualService for the "
        + "mesh and its Gateway), so that it originates TLS with Secret istio-system/client-credential";
    ResourceRef credential = ResourceRef.core("Secret", "istio-system", "client-credential");
    // The egress gateway's ServiceAccount is now asked as the selected workloads' is: without a grant, a warning.
    String denied = "WARNING DestinationRule istio-system/originate-mtls spec.trafficPolicy.portLevelSettings[0].tls"
        + ".credentialName: istiod serves Secret istio-system/client-credential to the gateway's pods only if their "
        + "ServiceAccount istio-system/istio-egressgateway may list Secrets in istio-system, and no Role or "
        + "ClusterRole binding of the spec grants it; without that grant their connections to "
        + "my-nginx.mesh-external.svc.cluster.local get no client certificate — bind ServiceAccount istio-egressgateway to a "
        + "Role in istio-system that allows verb list on secrets (apiGroups [\"\"]), unless the cluster grants it "
        + "otherwise";
    assertThat(problems(MeshFixtures.spec().preExistingNamespace("istio-system").yaml(EGRESS + rule)))
        .containsExactlyInAnyOrder(warning, denied, "WARNING DestinationRule istio-system/originate-mtls "
            + "spec.trafficPolicy.portLevelSettings[0].tls.credentialName: Secret istio-system/client-credential, "
            + "where Istio reads this credential, is neither in the spec nor declared pre-existing; until it exists, "
            + "connections that need it fail — add the Secret to the spec in istio-system, or declare it with "
            + "preExistingResource");
    assertThat(problems(MeshFixtures.spec().preExistingNamespace("istio-system").yaml(EGRESS + rule)
        .preExistingResource(credential))).containsExactlyInAnyOrder(warning, denied);
    String grant = LIST_SECRETS.replace("namespace: shop", "namespace: istio-system")
        .replace("name: default", "name: istio-egressgateway");
    assertThat(problems(MeshFixtures.spec().preExistingNamespace("istio-system").yaml(EGRESS + rule + grant)
        .preExistingResource(credential))).containsExactly(warning);
    // SIMPLE mode asks for the credential too in current Istio: the grant counts there as well.
    assertThat(problems(MeshFixtures.spec().preExistingNamespace("istio-system")
        .yaml(EGRESS + rule.replace("MUTUAL", "SIMPLE") + grant).preExistingResource(credential)))
        .containsExactly(warning);
  }

  @Test
  void theAnalysisPutsARuleWithoutNamespaceInDefault() {
    String rule = String.join("\n", "apiVersion: networking.istio.io/v1", "kind: DestinationRule",
        "metadata: {name: r}", "spec: {host: api.example.com, workloadSelector: {matchLabels: {app: web}}, "
            + "trafficPolicy: {tls: {mode: SIMPLE, credentialName: '%s'}}}", "");
    MeshAnalyzer analyzer = MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.DestinationRule"));
    assertThat(analyzer.analyzeYaml(rule.formatted("configmap://default/ca")).findings()).isEmpty();
    assertThat(analyzer.analyzeYaml(rule.formatted("configmap://shop/ca")).findings())
        .extracting(f -> f.field().orElse("") + ": " + f.message()).containsExactly(
            "spec.trafficPolicy.tls.credentialName: Schema validation error: invalid configmap:// credentialName: "
                + "namespace must match the configuration namespace \"default\"");
  }
}
