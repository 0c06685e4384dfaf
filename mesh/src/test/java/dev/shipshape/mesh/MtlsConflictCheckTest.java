package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A DestinationRule's TLS mode against the PeerAuthentication that decides for the receiving pods' port. */
class MtlsConflictCheckTest {
  private static final String PLAIN_TEXT = String.join("\n", "---", "apiVersion: networking.istio.io/v1",
      "kind: DestinationRule", "metadata: {name: web-plain, namespace: shop}",
      "spec: {host: web, trafficPolicy: {tls: {mode: DISABLE}}}", "");

  private static String peerAuthentication(String namespace, String name, String spec) {
    return String.join("\n", "---", "apiVersion: security.istio.io/v1", "kind: PeerAuthentication",
        "metadata: {name: " + name + ", namespace: " + namespace + "}", "spec: " + spec, "");
  }

  private static ClusterSpec.Builder app() {
    return ClusterSpec.builder().name("shop").preExistingNamespace("istio-system").yaml(MeshFixtures.APP)
        .component(MeshMembership.sidecar("shop"));
  }

  @Test
  void aTypedDestinationRuleIsCheckedAsAWrittenOne() {
    DestinationRule typed = new DestinationRuleBuilder().withNewMetadata().withName("web-plain")
        .withNamespace("shop").endMetadata().withNewSpec().withHost("web").withNewTrafficPolicy().withNewTls()
        .withMode(ClientTLSSettingsTLSmode.DISABLE).endTls().endTrafficPolicy().endSpec().build();
    DestinationRule withoutPolicy = new DestinationRuleBuilder().withNewMetadata().withName("web-subsets")
        .withNamespace("shop").endMetadata().withNewSpec().withHost("web").endSpec().build();
    ClusterSpec spec = app().resources(List.of(typed, withoutPolicy))
        .component(MutualTls.forNamespace("shop").strict()).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).singleElement().satisfies(p -> assertThat(p.resource().orElseThrow().name() + " "
            + p.message()).startsWith("web-plain tls.mode DISABLE sends plain text to port 80 of Service shop/web")));
  }

  @Test
  void plainTextToPodsThatRequireMutualTlsIsRejected() {
    ClusterSpec spec = app().yaml(PLAIN_TEXT).component(MutualTls.forNamespace("shop").strict()).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.resource().orElseThrow().name() + " " + p.field().orElse("") + ": "
            + p.message() + " — " + p.fix()).containsExactly(
                "web-plain spec.trafficPolicy.tls.mode: tls.mode DISABLE "
                + "sends plain text to port 80 of Service shop/web, but PeerAuthentication shop/default makes the "
                + "pods of [Deployment shop/web-v1, Deployment shop/web-v2] accept only mutual TLS (STRICT), so "
                + "every connection is refused — leave out the tls mode, so that automatic mutual TLS sends mTLS to "
                + "pods with a sidecar, or make PeerAuthentication shop/default PERMISSIVE"));
  }

  @Test
  void istioMutualToAPortWhosePodsTurnMutualTlsOffIsRejected() {
    ClusterSpec spec = app().component(MeshFixtures.policy(), MutualTls.forNamespace("shop").strict(),
        MutualTls.forWorkload("shop", Map.of("version", "v1")).port(8080, MutualTls.Mode.DISABLE)).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
            "spec.trafficPolicy.tls.mode: tls.mode ISTIO_MUTUAL sends mutual TLS to port 80 of Service shop/web, "
                + "but PeerAuthentication shop/mtls-v1 (portLevelMtls 8080) turns it off for the pods of "
                + "[Deployment shop/web-v1] (DISABLE), so every request fails"));
  }

  @Test
  void unsetModesInheritAndNarrowerPoliciesWin() {
    String meshStrict = peerAuthentication("istio-system", "default", "{mtls: {mode: STRICT}}");
    String rootSelector = peerAuthentication("istio-system", "web-strict",
        "{selector: {matchLabels: {app: web}}, mtls: {mode: STRICT}}");
    String unset = peerAuthentication("shop", "web", "{selector: {matchLabels: {app: web}}, mtls: {mode: UNSET}}");
    String permissive = peerAuthentication("shop", "default", "{mtls: {mode: PERMISSIVE}}");

    assertThatThrownBy(app().yaml(PLAIN_TEXT + meshStrict + unset).build()::plan)
        .hasMessageContaining("but PeerAuthentication istio-system/default makes the pods of [Deployment "
            + "shop/web-v1, Deployment shop/web-v2] accept only mutual TLS (STRICT)");
    assertThat(app().yaml(PLAIN_TEXT + meshStrict + permissive + unset).build().plan().resources()).isNotEmpty();
    assertThat(app().yaml(PLAIN_TEXT + rootSelector).build().plan().resources()).isNotEmpty();
  }

  @Test
  void podsWithoutSidecarEnforceNoPolicy() {
    String optOut = MeshFixtures.APP.replace("labels: {app: web, version: v1}}",
        "labels: {app: web, version: v1, sidecar.istio.io/inject: 'false'}}");
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(optOut).yaml(PLAIN_TEXT)
        .component(MeshMembership.sidecar("shop"), MutualTls.forNamespace("shop").strict()).build();

    assertThatThrownBy(spec::plan).hasMessageContaining("makes the pods of [Deployment shop/web-v2] accept only");
  }
}
