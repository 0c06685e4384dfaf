package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.KubernetesSchemas;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IngressAndAuthorizationTest {
  private static final ResourceRef TLS = ResourceRef.core("Secret", "istio-system", "shop-tls");

  private static ClusterSpec.Builder spec() {
    return MeshFixtures.spec().preExistingResource(TLS).component(
        IngressGateway.forHost("shop", "shop.example.com").tlsSecret("shop-tls").routeTo("web", 80),
        AuthorizationRules.forNamespace("shop").denyByDefault()
            .allow(AccessRule.to(Map.of("app", "web")).fromNamespace("istio-system").methods("GET", "POST"))
            .allow(AccessRule.to(Map.of("app", "web")).fromServiceAccount("shop", "web").paths("/api/*")));
  }

  @Test
  void gatewayAndAuthorizationPoliciesConformToIstiosSchemas() {
    Plan plan = spec().build().plan();
    List<HasMetadata> objects = plan.resources().stream().map(PlannedResource::object).collect(Collectors.toList());
    assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .contains("Gateway shop-example-com-gateway", "VirtualService shop-example-com-gateway",
            "AuthorizationPolicy allow-nothing", "AuthorizationPolicy allow-1", "AuthorizationPolicy allow-2");
    assertThat(KubernetesSchemas.load().validateAll(objects)).isEmpty();
  }

  @Test
  void theGatewayBoundRouteAcceptsItsHostInTheMeshAnalysis() {
    Plan plan = spec().build().plan();
    assertThat(MeshAnalyzer.only(List.of("virtualservice.GatewayAnalyzer")).analyze(plan).findings()).isEmpty();
  }

  @Test
  void aMissingTlsSecretIsRejected() {
    ClusterSpec spec = MeshFixtures.spec().component(
        IngressGateway.forHost("shop", "shop.example.com").tlsSecret("shop-tls").routeTo("web", 80)).build();
    assertThatThrownBy(spec::plan).hasMessageContaining(
        "TLS Secret istio-system/shop-tls is neither in the spec nor declared pre-existing");
  }

  @Test
  void anAllowRuleThatSelectsNoPodIsWarned() {
    Plan plan = MeshFixtures.spec().component(AuthorizationRules.forNamespace("shop")
        .allow(AccessRule.to(Map.of("app", "cart")).fromNamespace("shop"))).build().plan();
    assertThat(plan.warnings()).anySatisfy(w -> assertThat(w.message())
        .contains("the selector {app=cart} selects no pod template of namespace shop"));
  }
}
