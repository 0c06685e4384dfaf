package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.networking.policy.NetworkPolicySet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks of monitors, CRDs, reachability and the component's own state, each with an input that fails it. */
class MonitorValidationTest {

  private static List<String> problemsWith(String yaml) {
    return Fixtures.problems(Monitoring.builder().build().addTo(Fixtures.shop().yaml(yaml).build())).stream()
        .filter(p -> p.contains("/custom")).toList();
  }

  @Test
  void aServiceMonitorThatSelectsNoService() {
    assertThat(problemsWith("apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: custom\n"
        + "  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: wbe\n  endpoints:\n  - port: metrics\n"))
        .containsExactly("WARNING [monitoring] ServiceMonitor.monitoring.coreos.com shop/custom spec.selector: selects"
            + " no Service of the spec (selector app=wbe) — match the labels of the Service to scrape, or remove the"
            + " ServiceMonitor");
  }

  @Test
  void aServiceMonitorInAnotherNamespaceNeedsItsNamespaceSelector() {
    String monitor = "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: custom\n"
        + "  namespace: monitoring\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n"
        + "  - port: metrics\n";
    assertThat(problemsWith(monitor)).hasSize(1).allMatch(p -> p.contains("selects no Service of the spec"));
    assertThat(problemsWith(monitor + "  namespaceSelector:\n    matchNames: [shop]\n")).isEmpty();
  }

  @Test
  void aServiceMonitorEndpointOnAPortTheServiceLacks() {
    assertThat(problemsWith("apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: custom\n"
        + "  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n  - port: metrcs\n"))
        .containsExactly("WARNING [monitoring] ServiceMonitor.monitoring.coreos.com shop/custom spec.endpoints[0].port:"
            + " no selected Service has a port named 'metrcs' — use the name of a port of [web]");
  }

  @Test
  void aServiceMonitorOverSeveralNamespacesNamesTheirServicesInSpecOrder() {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata: {name: zeta}\n---\n"
        + "apiVersion: v1\nkind: Namespace\nmetadata: {name: alpha}\n");
    for (String service : List.of("zeta/z1", "alpha/a1", "zeta/z2")) {
      String[] at = service.split("/");
      yaml.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: ").append(at[1]).append(", namespace: ")
          .append(at[0]).append(", labels: {app: web}}\nspec: {selector: {app: web}, ports: [{name: http, port: 80}]}\n");
    }
    String monitor = yaml + "---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n"
        + "  name: custom\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n"
        + "  - port: metrcs\n";
    String expected = "WARNING [monitoring] ServiceMonitor.monitoring.coreos.com shop/custom spec.endpoints[0].port:"
        + " no selected Service has a port named 'metrcs' — use the name of a port of [web, z1, a1, z2]";

    assertThat(problemsWith(monitor + "  namespaceSelector:\n    any: true\n")).containsExactly(expected);
    assertThat(problemsWith(monitor + "  namespaceSelector:\n    matchNames: [alpha, zeta, shop]\n"))
        .containsExactly(expected);
    assertThat(problemsWith(monitor + "  namespaceSelector:\n    matchNames: [zeta]\n")).containsExactly(
        expected.replace("[web, z1, a1, z2]", "[z1, z2]"));
  }

  @Test
  void aPodMonitorThatSelectsNoPodsOrNoPort() {
    assertThat(problemsWith("apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: custom\n"
        + "  namespace: shop\nspec:\n  selector:\n    matchExpressions:\n    - {key: app, operator: In, values: [jobs]}\n"
        + "  podMetricsEndpoints:\n  - port: metrics\n"))
        .containsExactly("WARNING [monitoring] PodMonitor.monitoring.coreos.com shop/custom spec.selector: selects the"
            + " pods of no workload of the spec (selector app in (jobs)) — match the pod template labels of the"
            + " workload to scrape, or remove the PodMonitor");
    assertThat(problemsWith("apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: custom\n"
        + "  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: worker\n"
        + "  podMetricsEndpoints:\n  - port: prom\n"))
        .containsExactly("WARNING [monitoring] PodMonitor.monitoring.coreos.com shop/custom"
            + " spec.podMetricsEndpoints[0].port: no container of the selected pods has a port named 'prom' — name"
            + " the container port, or use its name here");
  }

  @Test
  void missingPrometheusOperatorCrdsAreReportedThroughTheSharedCheck() {
    ClusterSpec spec = Fixtures.shop().preExisting(List.of()).build();
    assertThat(Fixtures.problems(Monitoring.builder().build().addTo(spec)))
        .filteredOn(p -> p.contains("CustomResourceDefinition.apiextensions.k8s.io")
            && p.contains(".monitoring.coreos.com:"))
        .extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly(
            "WARNING [monitoring] CustomResourceDefinition.apiextensions.k8s.io podmonitors.monitoring.coreos.com",
            "WARNING [monitoring] CustomResourceDefinition.apiextensions.k8s.io prometheusrules.monitoring.coreos.com",
            "WARNING [monitoring] CustomResourceDefinition.apiextensions.k8s.io servicemonitors.monitoring.coreos.com");
  }

  @Test
  void aScrapeBlockedByPoliciesAddedAfterAddToIsReportedWithTheStaleSpec() {
    ClusterSpec monitored = Fixtures.monitoredShop();
    ClusterSpec changed = ClusterSpec.builder().from(monitored).component(NetworkPolicySet.forNamespaces("monitoring")
        .named("monitoring-network").defaultDenyAll().allowDns()).build();
    assertThat(Fixtures.problems(changed)).filteredOn(p -> p.startsWith("WARNING [monitoring]")).containsExactly(
        "WARNING [monitoring]: the spec changed after addTo: deriving the monitors and rules again gives 9 objects"
            + " that differ from the 7 the component holds — call addTo on the final spec, after every other"
            + " component and resource was added",
        "WARNING [monitoring] PodMonitor.monitoring.coreos.com shop/worker spec: Prometheus in namespace monitoring"
            + " cannot scrape shop/worker[Deployment] on port 9100: monitoring/prometheus[Pod] => shop/worker[Deployment]"
            + " TCP 9100: DENIED; egress of monitoring/prometheus[Pod]: isolated by"
            + " monitoring/monitoring-network-default-deny, monitoring/monitoring-network-allow-dns; no rule of these"
            + " policies matches the other end, so nothing is allowed; ingress of shop/worker[Deployment]: isolated by"
            + " shop/shop-network-default-deny, shop/allow-prometheus-worker; NetworkPolicy"
            + " shop/allow-prometheus-worker spec.ingress[0] allows TCP 9100; allowed between them: No Connections —"
            + " allow TCP 9100 from the Prometheus pods to shop/worker[Deployment] in the NetworkPolicies of both"
            + " namespaces",
        "WARNING [monitoring] ServiceMonitor.monitoring.coreos.com shop/web spec: Prometheus in namespace monitoring"
            + " cannot scrape shop/web[Deployment] on port 9090: monitoring/prometheus[Pod] => shop/web[Deployment]"
            + " TCP 9090: DENIED; egress of monitoring/prometheus[Pod]: isolated by"
            + " monitoring/monitoring-network-default-deny, monitoring/monitoring-network-allow-dns; no rule of these"
            + " policies matches the other end, so nothing is allowed; ingress of shop/web[Deployment]: isolated by"
            + " shop/shop-network-default-deny, shop/allow-prometheus-web; NetworkPolicy shop/allow-prometheus-web"
            + " spec.ingress[0] allows TCP 9090; allowed between them: No Connections — allow TCP 9090 from the"
            + " Prometheus pods to shop/web[Deployment] in the NetworkPolicies of both namespaces");
  }

  @Test
  void aComponentAddedWithoutAddToSaysSo() {
    ClusterSpec spec = Fixtures.shop().component(Monitoring.builder().build()).build();
    assertThat(Fixtures.problems(spec)).contains("WARNING [monitoring]: the component holds no monitors or rules: it"
        + " was added to the spec without addTo — build the spec with monitoring.addTo(spec), which derives them"
        + " from the rest of the spec");
  }
}
