package dev.shipshape.mesh.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import dev.shipshape.mesh.MeshFixtures;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MeshRouterTest {
  private final MeshRouter router = MeshRouter.of(MeshFixtures.spec().build().plan());

  @Test
  void aMatchingHeaderGoesToTheBetaSubset() {
    RouteResult result = router.route("shop", "web", "/", Map.of("X-Beta", "true"));
    assertThat(result.rule()).isEqualTo("VirtualService shop/web rule \"rule-1\"");
    assertThat(result.destinations()).singleElement().satisfies(d -> {
      assertThat(d.subset()).isEqualTo("v2");
      assertThat(d.weight()).isEqualTo(100);
      assertThat(d.pods()).containsExactly("Deployment shop/web-v2");
      assertThat(d.mtlsMode()).isEqualTo("STRICT");
    });
  }

  @Test
  void otherRequestsAreSplitByWeight() {
    RouteResult result = router.route("shop", "web.shop.svc.cluster.local", "/cart", Map.of());
    assertThat(result.rule()).isEqualTo("VirtualService shop/web rule \"default\"");
    assertThat(result.destinations()).extracting(d -> d.subset() + "=" + d.weight() + " " + d.pods())
        .containsExactly("v1=90 [Deployment shop/web-v1]", "v2=10 [Deployment shop/web-v2]");
    assertThat(result.toText()).contains("90% -> web.shop.svc.cluster.local subset v1 (mTLS STRICT)");
  }

  @Test
  void aHostWithoutVirtualServiceGoesStraightToTheService() {
    RouteResult result = router.route("shop", "cart", "/", Map.of());
    assertThat(result.rule()).isEqualTo("no VirtualService: straight to the Service");
    assertThat(result.notes()).containsExactly("host cart.shop.svc.cluster.local is no Service of the input");
  }

  @Test
  void aRequestNoRuleOfTheHostsVirtualServiceMatchesGetsA404NotTheService() {
    MeshRouter betaOnly = MeshRouter.of(Manifests.parse(String.join("\n",
        "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
        "spec: {selector: {app: web}, ports: [{name: http, port: 80}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: web, namespace: shop}",
        "spec:", "  hosts: [web]", "  http:",
        "  - match: [{headers: {x-beta: {exact: 'true'}}}]", "    route: [{destination: {host: web}}]", "")));

    RouteResult result = betaOnly.route("shop", "web", "/", Map.of());

    assertThat(result.rule()).isEqualTo("no route: no rule of the host's VirtualServices matches, so the sidecar "
        + "answers 404 (add a last rule without match for everything else)");
    assertThat(result.destinations()).isEmpty();
    assertThat(result.notes()).containsExactly("VirtualService shop/web has no rule that matches the request");
    assertThat(betaOnly.route("shop", "web", "/", Map.of("x-beta", "true")).destinations()).hasSize(1);
  }

  @Test
  void aVirtualServiceWithRulesForAnotherPortOnlyLeavesThisPortToTheService() {
    MeshRouter metricsOnly = MeshRouter.of(Manifests.parse(String.join("\n",
        "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
        "spec: {selector: {app: web}, ports: [{name: http, port: 80}, {name: http-metrics, port: 9090}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: web, namespace: shop}",
        "spec:", "  hosts: [web]", "  http:",
        "  - match: [{port: 9090}]", "    route: [{destination: {host: web}}]", "")));

    RouteResult web = metricsOnly.route("shop", "web", 80, "/", Map.of());

    assertThat(web.rule()).isEqualTo("no VirtualService: straight to the Service");
    assertThat(web.destinations()).extracting(RouteResult.Destination::port).containsExactly(OptionalInt.of(80));
    assertThat(web.notes()).contains("VirtualService shop/web has no HTTP rule for port 80");
    RouteResult unknownPort = metricsOnly.route("shop", "web", "/", Map.of());
    assertThat(unknownPort.rule()).as("no port given to a Service of two ports").startsWith("no route:");
    assertThat(unknownPort.notes()).anyMatch(n -> n.startsWith("the request names no port"));
    assertThat(metricsOnly.route("shop", "web", 9090, "/", Map.of()).rule())
        .isEqualTo("VirtualService shop/web rule #0");
  }
}
