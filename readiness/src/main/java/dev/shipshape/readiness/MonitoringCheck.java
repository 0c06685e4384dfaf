package dev.shipshape.readiness;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Monitoring of what is provisioned: alerting rules (Prometheus Operator {@code PrometheusRule} objects, such as
 * the monitoring module's {@code shipshape-alerts}) at all, and for each Deployment, StatefulSet and DaemonSet an
 * alert over its kube-state-metrics series (see {@link AlertSelectors}).
 */
final class MonitoringCheck {
  static final FindingRule MISSING = Outcome.rule("monitoring-rules-missing", Severity.HIGH,
      "nothing alerts on what is provisioned: there is no PrometheusRule with alerting rules",
      "add the monitoring module's alerts: Monitoring.builder().build().addTo(spec) derives ServiceMonitors,"
          + " scrape access and PrometheusRule alerts for the spec's workloads, claims and schedules");
  static final FindingRule UNWATCHED = Outcome.rule("workload-unwatched", Severity.MEDIUM,
      "no alert watches a workload's available replicas",
      "alert on the workload's kube-state-metrics series (kube_deployment_status_replicas_available and the"
          + " like), as the monitoring module's rules do; re-run Monitoring.addTo after adding workloads");
  private static final List<String> KINDS = List.of("Deployment", "StatefulSet", "DaemonSet");

  private MonitoringCheck() {}

  static void run(ReadinessInput input, Outcome out) {
    out.rule(MISSING).rule(UNWATCHED);
    List<HasMetadata> workloads = new ArrayList<>();
    KINDS.forEach(k -> workloads.addAll(input.objects("apps", k)));
    int parts = workloads.size() + input.objects("", "PersistentVolumeClaim").size()
        + input.objects("velero.io", "Schedule").size();
    if (parts == 0) return;
    out.checked(MISSING);
    AlertSelectors selectors = AlertSelectors.of(input.objects("monitoring.coreos.com", "PrometheusRule"));
    if (selectors.alerts() == 0) {
      out.fail(MISSING, null, null, input.subject() + " has " + workloads.size() + " workloads, "
          + input.objects("", "PersistentVolumeClaim").size() + " claims and "
          + input.objects("velero.io", "Schedule").size() + " Velero schedules, and no PrometheusRule alerts on"
          + " any of them");
      return;
    }
    for (HasMetadata w : workloads) {
      ResourceRef ref = ResourceRef.of(w);
      out.checked(UNWATCHED);
      if (!selectors.watches(ref.kind(), ref.namespace().orElse("default"), ref.name())) {
        out.fail(UNWATCHED, ref, null, "no alerting rule selects its kube_" + ref.kind().toLowerCase(
            java.util.Locale.ROOT) + "_* series (namespace " + ref.namespace().orElse("default") + ", name "
            + ref.name() + "): an outage of it alerts nobody");
      }
    }
  }
}
