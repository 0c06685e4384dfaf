package dev.shipshape.readiness;

import static dev.shipshape.readiness.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.monitoring.Monitoring;
import org.junit.jupiter.api.Test;

class MonitoringPitfallTest {
  private static final String API = Fixtures.WEB.replace("name: web\n  namespace", "name: api\n  namespace");

  private static ClusterSpec.Builder withoutAlerts() {
    return ClusterSpec.builder().name("mon").kubernetesVersion("1.34").yaml(Fixtures.NAMESPACE).yaml(Fixtures.WEB)
        .yaml(Fixtures.BUDGET);
  }

  private static String rule(String expr) {
    return "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: custom\n"
        + "  namespace: shop\nspec:\n  groups:\n  - name: g\n    rules:\n    - record: ignored:sum\n"
        + "      expr: sum(kube_deployment_spec_replicas)\n    - alert: Custom\n      expr: '" + expr + "'\n";
  }

  @Test
  void noAlertingRuleAtAllIsAHighGap() {
    ReadinessReport report = Fixtures.check(withoutAlerts().build());
    assertThat(lines(report, "monitoring-rules-missing")).containsExactly("HIGH monitoring-rules-missing: the"
        + " spec has 1 workloads, 0 claims and 0 Velero schedules, and no PrometheusRule alerts on any of them — add"
        + " the monitoring module's alerts: Monitoring.builder().build().addTo(spec) derives ServiceMonitors, scrape"
        + " access and PrometheusRule alerts for the spec's workloads, claims and schedules");
    assertThat(lines(Fixtures.check(withoutAlerts().yaml(rule("vector(1)")).build()), "monitoring-rules-missing"))
        .isEmpty();
  }

  @Test
  void aWorkloadThatNoAlertSelectsIsUnwatched() {
    ReadinessReport report = Fixtures.check(withoutAlerts().yaml(API).yaml(Fixtures.ALERTS.replace("web|api",
        "web")).build());
    assertThat(lines(report, "workload-unwatched")).containsExactly("MEDIUM workload-unwatched Deployment.apps"
        + " shop/api: no alerting rule selects its kube_deployment_* series (namespace shop, name api): an outage of"
        + " it alerts nobody — alert on the workload's kube-state-metrics series"
        + " (kube_deployment_status_replicas_available and the like), as the monitoring module's rules do; re-run"
        + " Monitoring.addTo after adding workloads");
    assertThat(lines(Fixtures.check(withoutAlerts().yaml(API).yaml(Fixtures.ALERTS).build()), "workload-unwatched"))
        .isEmpty();
  }

  @Test
  void selectorsFollowPromQlMatchers() {
    ClusterSpec.Builder spec = withoutAlerts().yaml(API);
    // Cluster-wide, as kube-prometheus writes its rules: every Deployment is watched.
    assertThat(lines(Fixtures.check(withoutAlerts().yaml(API).yaml(rule("kube_deployment_status_replicas_available"
        + " < kube_deployment_spec_replicas")).build()), "workload-unwatched")).isEmpty();
    // Another namespace only, a negative matcher and an anchored regex that matches a prefix only.
    assertThat(lines(Fixtures.check(spec.yaml(rule("kube_deployment_status_replicas_available{namespace=\"other\"}"
        + " or kube_deployment_spec_replicas{deployment!=\"api\", deployment=~\"we\"}")).build()),
        "workload-unwatched")).hasSize(2);
    assertThat(lines(Fixtures.check(withoutAlerts().yaml(API).yaml(rule("kube_deployment_spec_replicas"
        + "{namespace=~\"sh.*\", deployment!~\"web\"} or kube_deployment_spec_replicas{deployment=\"web\"}"))
        .build()), "workload-unwatched")).isEmpty();
    // An exact namespace, and an invalid regex that matches nothing (so its negation matches everything).
    assertThat(lines(Fixtures.check(withoutAlerts().yaml(API).yaml(rule("kube_deployment_spec_replicas"
        + "{namespace=\"shop\", deployment=\"api\"} or kube_deployment_spec_replicas{deployment=~\"(\"}"))
        .build()), "workload-unwatched")).singleElement().asString().contains("shop/web");
    assertThat(lines(Fixtures.check(withoutAlerts().yaml(API).yaml(rule("kube_deployment_spec_replicas"
        + "{namespace=\"shop\", deployment!~\"(\"}")).build()), "workload-unwatched")).isEmpty();
  }

  @Test
  void theMonitoringModulesAlertsWatchEveryWorkloadOfTheSpec() {
    ClusterSpec base = withoutAlerts().yaml(API).preExistingNamespace("monitoring")
        .preExistingResource(ResourceRef.core("ServiceAccount", "monitoring", "prometheus-k8s")).build();
    ClusterSpec monitored = Monitoring.builder().build().addTo(base);
    ReadinessReport report = Fixtures.check(monitored);
    assertThat(report.findings(Pitfall.MONITORING)).isEmpty();
    assertThat(report.score(Pitfall.MONITORING).checked()).isEqualTo(3);
  }
}
