package dev.shipshape.mesh.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.Manifests;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Requests are routed for one port of the Service, as Istio routes them: a match with a {@code port} applies to
 * requests on that port only, and a destination without {@code port.number} goes to the only port of its Service,
 * else to the request's port.
 */
class MeshRoutePortsTest {
  private static final String WORKLOADS = String.join("\n",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web-v1, namespace: shop}",
      "spec: {selector: {matchLabels: {app: web, version: v1}}, template: {metadata: {labels: {app: web, version: v1}},"
          + " spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 8080}, {containerPort: 9090}]}]}}}",
      "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web-v2, namespace: shop}",
      "spec: {selector: {matchLabels: {app: web, version: v2}}, template: {metadata: {labels: {app: web, version: v2}},"
          + " spec: {containers: [{name: web, image: web:2, ports: [{containerPort: 8080}, {containerPort: 9090}]}]}}}",
      "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: frontend, namespace: shop}",
      "spec: {selector: {matchLabels: {app: frontend}}, template: {metadata: {labels: {app: frontend}},"
          + " spec: {containers: [{name: fe, image: fe:1}]}}}",
      "---",
      "apiVersion: networking.istio.io/v1", "kind: DestinationRule", "metadata: {name: web, namespace: shop}",
      "spec: {host: web, subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]}",
      "---",
      "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: web, namespace: shop}",
      "spec:", "  hosts: [web]", "  http:",
      "  - {name: metrics, match: [{port: 9090}], route: [{destination: {host: web, subset: v1}}]}",
      "  - {name: default, route: [{destination: {host: web, subset: v2}}]}",
      "---",
      "apiVersion: networking.k8s.io/v1", "kind: NetworkPolicy", "metadata: {name: web-http-only, namespace: shop}",
      "spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress],"
          + " ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}], ports: [{port: 8080}]}]}",
      "");

  /** The web Service with its HTTP port and a metrics port. */
  private static final String TWO_PORTS = String.join("\n",
      "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
      "spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080},"
          + " {name: http-metrics, port: 9090, targetPort: 9090}]}", "---", "");

  /** The web Service with its metrics port only. */
  private static final String METRICS_ONLY = String.join("\n",
      "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
      "spec: {selector: {app: web}, ports: [{name: http-metrics, port: 9090, targetPort: 9090}]}", "---", "");

  private final MeshRouter router = MeshRouter.of(Manifests.parse(TWO_PORTS + WORKLOADS));

  @Test
  void aRuleThatMatchesPort9090TakesTheRequestsOnThatPortOnly() {
    RouteResult metrics = router.route("shop", "web", 9090, "/", Map.of());
    RouteResult http = router.route("shop", "web", 80, "/", Map.of());

    assertThat(metrics.port()).hasValue(9090);
    assertThat(metrics.rule()).isEqualTo("VirtualService shop/web rule \"metrics\"");
    assertThat(metrics.destinations()).extracting(d -> d.subset() + " " + d.port() + " " + d.pods())
        .containsExactly("v1 OptionalInt[9090] [Deployment shop/web-v1]");
    assertThat(http.port()).hasValue(80);
    assertThat(http.rule()).isEqualTo("VirtualService shop/web rule \"default\"");
    assertThat(http.destinations()).extracting(d -> d.subset() + " " + d.port() + " " + d.pods())
        .containsExactly("v2 OptionalInt[80] [Deployment shop/web-v2]");
    assertThat(http.notes()).isEmpty();
  }

  @Test
  void withoutAPortOnAServiceWithSeveralPortsAMatchWithAPortMatchesNothingAndANoteSaysSo() {
    RouteResult result = router.route("shop", "web", "/", Map.of());

    assertThat(result.port()).isEmpty();
    assertThat(result.destinations()).singleElement().satisfies(d -> assertThat(d.port()).isEmpty());
    assertThat(result.toText()).isEqualTo(String.join("\n",
        "request to web.shop.svc.cluster.local: VirtualService shop/web rule \"default\"",
        "  port: none given",
        "  100% -> web.shop.svc.cluster.local subset v2 (mTLS PERMISSIVE): Deployment shop/web-v2",
        "  NetworkPolicies not checked: no client workload given",
        "  note: the request names no port and Service shop/web has the ports [80, 9090]: matches that name a port "
            + "were evaluated for no port, so none of them matched — give the port the request is sent to",
        ""));
  }

  @Test
  void onlyThePortTheRequestGoesToIsCheckedAgainstNetworkPolicies() {
    MeshRouter fromFrontend = router.from("shop/frontend");

    RouteResult http = fromFrontend.route("shop", "web", 80, "/", Map.of());
    RouteResult metrics = fromFrontend.route("shop", "web", 9090, "/", Map.of());

    assertThat(http.blocked()).as(http.toText()).isFalse();
    assertThat(metrics.destinations()).singleElement().satisfies(d -> assertThat(d.blocked()).containsExactly(
        "Deployment shop/web-v1 port 9090/TCP: blocked by NetworkPolicy shop/web-http-only (ingress of "
            + "shop/web-v1[Deployment])"));
  }

  @Test
  void onAServiceWithOnePortTheRequestAndTheDestinationsGoToIt() {
    RouteResult result = MeshRouter.of(Manifests.parse(METRICS_ONLY + WORKLOADS)).route("shop", "web", "/", Map.of());

    assertThat(result.port()).hasValue(9090);
    assertThat(result.rule()).isEqualTo("VirtualService shop/web rule \"metrics\"");
    assertThat(result.toText()).startsWith(String.join("\n",
        "request to web.shop.svc.cluster.local: VirtualService shop/web rule \"metrics\"",
        "  port: 9090",
        "  100% -> web.shop.svc.cluster.local subset v1 (mTLS PERMISSIVE): Deployment shop/web-v1",
        "    to port 9090",
        ""));
    assertThat(result.toJson()).contains("\"rule\" : \"VirtualService shop/web rule \\\"metrics\\\"\",\n"
        + "  \"port\" : 9090,", "\"mtls\" : \"PERMISSIVE\",\n    \"port\" : 9090,");
  }

  @Test
  void aDestinationPortNumberWinsOverTheRequestsPort() {
    String toMetrics = WORKLOADS.replace("route: [{destination: {host: web, subset: v2}}]",
        "route: [{destination: {host: web, subset: v2, port: {number: 9090}}}]");
    RouteResult result = MeshRouter.of(Manifests.parse(TWO_PORTS + toMetrics)).route("shop", "web", 80, "/",
        Map.of());

    assertThat(result.port()).hasValue(80);
    assertThat(result.destinations()).extracting(RouteResult.Destination::port)
        .containsExactly(OptionalInt.of(9090));
  }

  @Test
  void aPortTheServiceDoesNotHaveIsNoted() {
    RouteResult result = router.route("shop", "web", 8443, "/", Map.of());

    assertThat(result.rule()).isEqualTo("VirtualService shop/web rule \"default\"");
    assertThat(result.notes()).containsExactly("Service shop/web has no port 8443 (its ports: [80, 9090])");
  }

  @Test
  void aPortOutsideTheRangeOfPortsIsRejected() {
    assertThatThrownBy(() -> router.route("shop", "web", 0, "/", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port 0 is not between 1 and 65535 — give the number of the Service port the request is sent to");
  }
}
