package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import dev.shipshape.mesh.route.MeshRouter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routes to a Service with several ports name the port, as Istio requires (IST0112), and only that port. */
class RoutePortsTest {
  /** The fixture's Service with a metrics port besides its HTTP port. */
  private static final String TWO_PORTS = MeshFixtures.APP.replace("ports: [{name: http, port: 80, targetPort: 8080}]",
      "ports: [{name: http, port: 80, targetPort: 8080}, {name: http-metrics, port: 9090, targetPort: 9090}]");

  private static ClusterSpec.Builder spec(TrafficRoutes routes) {
    return ClusterSpec.builder().name("shop").yaml(TWO_PORTS)
        .component(MeshMembership.sidecar("shop"), MeshFixtures.policy(), routes);
  }

  @Test
  void aRouteToAServiceWithSeveralPortsIsWarnedToNameOne() {
    assertThat(spec(MeshFixtures.routes()).build().plan().warnings()).map(Problem::toString).containsSequence(
        noPort("spec.http[0].route[0].destination.port"),
        noPort("spec.http[1].route[0].destination.port"),
        noPort("spec.http[1].route[1].destination.port"));
  }

  private static String noPort(String field) {
    return "WARNING [mesh-route-hosts] VirtualService.networking.istio.io shop/web " + field + ": the route names no "
        + "port of Service shop/web, which has the ports [80, 9090]: Istio applies its rules to every one of them "
        + "(IST0112, an error of istioctl analyze) — name one of [80, 9090]: TrafficRoutes.forService(\"shop\", \"web\")"
        + ".port(80), or destination.port.number in the VirtualService";
  }

  @Test
  void aPortMakesEveryRuleMatchItAndEveryDestinationNameIt() {
    String yaml = Manifests.toYaml(MeshFixtures.routes().port(80).mirror("v2", 5).compile(null).get(0));

    assertThat(yaml.substring(yaml.indexOf("spec:"))).isEqualTo(String.join("\n",
        "spec:",
        "  hosts:",
        "  - web.shop.svc.cluster.local",
        "  http:",
        "  - match:",
        "    - headers:",
        "        x-beta:",
        "          exact: \"true\"",
        "      port: 80",
        "    mirror:",
        "      host: web.shop.svc.cluster.local",
        "      port:",
        "        number: 80",
        "      subset: v2",
        "    mirrorPercentage:",
        "      value: 5.0",
        "    name: rule-1",
        "    retries:",
        "      attempts: 3",
        "      perTryTimeout: 500ms",
        "      retryOn: \"5xx,reset\"",
        "    route:",
        "    - destination:",
        "        host: web.shop.svc.cluster.local",
        "        port:",
        "          number: 80",
        "        subset: v2",
        "    timeout: 2s",
        "  - match:",
        "    - port: 80",
        "    mirror:",
        "      host: web.shop.svc.cluster.local",
        "      port:",
        "        number: 80",
        "      subset: v2",
        "    mirrorPercentage:",
        "      value: 5.0",
        "    name: default",
        "    retries:",
        "      attempts: 3",
        "      perTryTimeout: 500ms",
        "      retryOn: \"5xx,reset\"",
        "    route:",
        "    - destination:",
        "        host: web.shop.svc.cluster.local",
        "        port:",
        "          number: 80",
        "        subset: v1",
        "      weight: 90",
        "    - destination:",
        "        host: web.shop.svc.cluster.local",
        "        port:",
        "          number: 80",
        "        subset: v2",
        "      weight: 10",
        "    timeout: 2s",
        ""));
  }

  @Test
  void withThePortThePlanTheRouterAndTheAnalysisAgree() {
    Plan plan = spec(MeshFixtures.routes().port(80)).build().plan();

    assertThat(MeshRouter.of(plan).route("shop", "web", 80, "/", Map.of()).destinations())
        .extracting(d -> d.subset() + "=" + d.weight()).containsExactly("v1=90", "v2=10");
    assertThat(MeshAnalyzer.all().analyze(plan).findings()).isEmpty();
  }

  @Test
  void aPortTheServiceDoesNotHaveIsRejected() {
    assertThatThrownBy(() -> spec(MeshFixtures.routes().port(8080)).build().plan())
        .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.problems())
            .filteredOn(Problem::isError).map(Problem::toString).containsExactly(
                wrongPort("spec.http[0].route[0].destination.port"),
                wrongPort("spec.http[1].route[0].destination.port"),
                wrongPort("spec.http[1].route[1].destination.port")));
  }

  private static String wrongPort(String field) {
    return "ERROR [mesh-route-hosts] VirtualService.networking.istio.io shop/web " + field + ": the route names port "
        + "8080 of Service shop/web, which has no such port (its ports: [80, 9090]): Istio has no destination for it "
        + "and the requests fail — use one of the Service's ports [80, 9090]";
  }

  @Test
  void aPortOutsideTheRangeOfPortsIsRejectedAtOnce() {
    assertThatThrownBy(() -> MeshFixtures.routes().port(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TrafficRoutes shop/web: port 0 is not between 1 and 65535 — give the number of one of the "
            + "Service's ports, such as 80");
  }

  @Test
  void aReleaseStepKeepsThePort() {
    TrafficRoutes step = MeshFixtures.routes().port(80).split(MeshFixtures.weights("v1", 50, "v2", 50));
    assertThat(step.port()).hasValue(80);
  }
}
