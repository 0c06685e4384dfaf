package dev.shipshape.mesh.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * VirtualService route weights are relative, as Istio reads them: its validation requires no total of 100 (only
 * weights of 0 or more, and a total above 0 for several destinations), Envoy splits requests by weight over the
 * total of the weights, a destination of weight 0 beside others gets nothing, and a single destination gets every
 * request whatever its weight.
 */
class RelativeWeightsTest {
  private static final String SERVICE = String.join("\n",
      "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
      "spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}", "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web-v1, namespace: shop}",
      "spec: {selector: {matchLabels: {app: web, version: v1}}, template: {metadata: {labels: {app: web, version: v1}},"
          + " spec: {containers: [{name: web, image: web:1}]}}}", "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web-v2, namespace: shop}",
      "spec: {selector: {matchLabels: {app: web, version: v2}}, template: {metadata: {labels: {app: web, version: v2}},"
          + " spec: {containers: [{name: web, image: web:2}]}}}", "---",
      "apiVersion: networking.istio.io/v1", "kind: DestinationRule", "metadata: {name: web, namespace: shop}",
      "spec: {host: web, subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}},"
          + " {name: v3, labels: {version: v3}}]}", "---", "");

  private static String virtualService(String routes) {
    return SERVICE + String.join("\n",
        "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: web, namespace: shop}",
        "spec: {hosts: [web], http: [{route: " + routes + "}]}", "");
  }

  private static RouteResult route(String routes) {
    return MeshRouter.of(Manifests.parse(virtualService(routes))).route("shop", "web", "/", Map.of());
  }

  private static List<String> schemaFindings(String routes) {
    FindingReport report = MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.VirtualService"))
        .analyzeYaml(virtualService(routes));
    return report.findings().stream().map(f -> f.field().orElse("") + ": " + f.message()).toList();
  }

  @Test
  void weightsThatDoNotTotal100AreSharesOfTheirTotal() {
    String routes = "[{destination: {host: web, subset: v1}, weight: 1},"
        + " {destination: {host: web, subset: v2}, weight: 3}]";
    RouteResult result = route(routes);
    assertThat(result.destinations()).extracting(d -> d.subset() + " weight " + d.weight() + " = " + d.percent())
        .containsExactly("v1 weight 1 = 25.0", "v2 weight 3 = 75.0");
    assertThat(result.toText()).contains("  25% -> web.shop.svc.cluster.local subset v1 (mTLS PERMISSIVE): "
        + "Deployment shop/web-v1\n    weight 1\n", "  75% -> web.shop.svc.cluster.local subset v2");
    assertThat(result.toJson()).contains("\"weight\" : 3,", "\"percent\" : 75.0,");
    assertThat(schemaFindings(routes)).isEmpty();
  }

  @Test
  void aSingleDestinationGetsEveryRequestWhateverItsWeight() {
    for (String routes : List.of("[{destination: {host: web, subset: v1}, weight: 30}]",
        "[{destination: {host: web, subset: v1}, weight: 0}]", "[{destination: {host: web, subset: v1}}]")) {
      assertThat(route(routes).destinations()).singleElement()
          .satisfies(d -> assertThat(d.percent()).as(routes).isEqualTo(100.0));
      assertThat(schemaFindings(routes)).as(routes).isEmpty();
    }
  }

  @Test
  void aZeroOrUnsetWeightBesideOthersGetsNothing() {
    String routes = "[{destination: {host: web, subset: v1}, weight: 50}, {destination: {host: web, subset: v2}},"
        + " {destination: {host: web, subset: v3}, weight: 0}]";
    assertThat(route(routes).destinations()).extracting(d -> d.subset() + "=" + d.percent())
        .containsExactly("v1=100.0", "v2=0.0", "v3=0.0");
    assertThat(route(routes).toText()).contains("  100% -> web.shop.svc.cluster.local subset v1",
        "  0% -> web.shop.svc.cluster.local subset v2");
    assertThat(schemaFindings(routes)).isEmpty();
  }

  @Test
  void severalDestinationsWithoutWeightAreRefusedAsIstioRefusesThem() {
    String routes = "[{destination: {host: web, subset: v1}}, {destination: {host: web, subset: v2}, weight: 0}]";
    assertThat(schemaFindings(routes)).containsExactly(
        "spec.http[0].route: Schema validation error: total destination weight = 0");
    assertThat(route(routes).notes()).contains(
        "the weights of the matching route total 0, which Istio refuses: give the destinations weights");
    assertThat(route(routes).destinations()).allSatisfy(d -> assertThat(d.percent()).isZero());
  }

  @Property(tries = 60)
  void thePercentagesOfAValidRouteTotal100(@ForAll @Size(min = 2, max = 3) List<@IntRange(max = 1000) Integer> ws) {
    net.jqwik.api.Assume.that(ws.stream().mapToInt(Integer::intValue).sum() > 0);
    StringBuilder routes = new StringBuilder("[");
    for (int i = 0; i < ws.size(); i++) {
      routes.append(i == 0 ? "" : ", ").append("{destination: {host: web, subset: v").append(i + 1)
          .append("}, weight: ").append(ws.get(i)).append('}');
    }
    RouteResult result = route(routes.append(']').toString());
    assertThat(result.destinations().stream().mapToDouble(RouteResult.Destination::percent).sum())
        .isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(schemaFindings(routes.toString())).isEmpty();
  }
}
