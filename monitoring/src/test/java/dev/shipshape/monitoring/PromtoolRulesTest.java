package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own tools on the generated rules: {@code promtool check rules} accepts every rule file, and
 * {@code promtool test rules} shows each alert firing on series that should trigger it and silent on healthy ones
 * (and on series of objects the spec does not contain).
 */
class PromtoolRulesTest {
  private static final String RULES = "monitoring-shipshape-alerts.rules.yaml";
  private static Plan plan;

  @TempDir
  Path dir;

  @BeforeAll
  static void planShop() {
    plan = Fixtures.monitoredShop().plan();
  }

  @Test
  void checkRulesAcceptsEveryGeneratedFile() throws Exception {
    Promtool.require();
    List<Path> files = RuleFiles.write(plan, dir);
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(RULES);
    for (Path file : files) {
      Promtool.Result result = Promtool.run(dir, "check", "rules", file.getFileName().toString());
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("SUCCESS: 19 rules found");
    }
  }

  @Test
  void checkRulesRejectsABrokenFile() throws Exception {
    Promtool.require();
    Files.writeString(dir.resolve("broken.rules.yaml"), "groups:\n- name: g\n  rules:\n  - alert: A\n"
        + "    expr: rate(x[5m]\n");
    Promtool.Result result = Promtool.run(dir, "check", "rules", "broken.rules.yaml");
    assertThat(result.exitCode()).isNotZero();
  }

  @Test
  void veleroAlertsFireOnFailedAndMissingBackupsOnly() throws Exception {
    // Daily schedule: longest gap 24 h, plus the default tolerance of 1 h = 90,000 s.
    assertThat(test(Map.of(
        "velero_backup_failure_total{schedule=\"shop-daily\"}", "0 0 0 1 1 1 1 1 1 1",
        "velero_backup_failure_total{schedule=\"other\"}", "0 0 0 1 1 1 1 1 1 1",
        "velero_backup_partial_failure_total{schedule=\"shop-daily\"}", "0x9"),
        alert("8m", "ShipshapeVeleroBackupFailed", "{schedule: shop-daily, severity: critical}"),
        alert("8m", "ShipshapeVeleroBackupPartiallyFailed"))).isEmpty();
    assertThat(test(Map.of(
        "velero_backup_last_successful_timestamp{schedule=\"shop-daily\"}", "0x1600",
        "velero_backup_last_successful_timestamp{schedule=\"fresh\"}", "0+60x1600"),
        alert("24h", "ShipshapeVeleroBackupMissing"),
        alert("26h", "ShipshapeVeleroBackupMissing", "{schedule: shop-daily, severity: critical}"))).isEmpty();
    assertThat(test(Map.of(
        "velero_backup_last_successful_timestamp{schedule=\"shop-daily\"}", "0+60x1600"),
        alert("26h", "ShipshapeVeleroBackupMissing"))).isEmpty();
  }

  @Test
  void claimAlertsFireForTheSpecsClaimsOnly() throws Exception {
    String claim = "namespace=\"shop\",persistentvolumeclaim=\"data-db-0\"";
    String other = "namespace=\"shop\",persistentvolumeclaim=\"scratch\"";
    assertThat(test(Map.of(
        "kubelet_volume_stats_available_bytes{" + claim + "}", "4x20",
        "kubelet_volume_stats_capacity_bytes{" + claim + "}", "100x20",
        "kubelet_volume_stats_available_bytes{" + other + "}", "1x20",
        "kubelet_volume_stats_capacity_bytes{" + other + "}", "100x20"),
        alert("10m", "ShipshapePersistentVolumeClaimFillingUp",
            "{namespace: shop, persistentvolumeclaim: data-db-0, severity: warning}"),
        alert("10m", "ShipshapePersistentVolumeClaimAlmostFull",
            "{namespace: shop, persistentvolumeclaim: data-db-0, severity: critical}"))).isEmpty();
    assertThat(test(Map.of(
        "kubelet_volume_stats_available_bytes{" + claim + "}", "50x20",
        "kubelet_volume_stats_capacity_bytes{" + claim + "}", "100x20"),
        alert("10m", "ShipshapePersistentVolumeClaimFillingUp"),
        alert("10m", "ShipshapePersistentVolumeClaimAlmostFull"))).isEmpty();
    assertThat(test(Map.of(
        "kube_persistentvolumeclaim_status_phase{namespace=\"shop\",persistentvolumeclaim=\"uploads\",phase=\"Pending\"}",
        "1x30",
        "kube_persistentvolumeclaim_status_phase{namespace=\"shop\",persistentvolumeclaim=\"data-db-0\",phase=\"Bound\"}",
        "1x30"),
        alert("20m", "ShipshapePersistentVolumeClaimStuck",
            "{namespace: shop, persistentvolumeclaim: uploads, phase: Pending, severity: warning}"))).isEmpty();
  }

  @Test
  void crashLoopAlertFiresAfterItsForDuration() throws Exception {
    String waiting = "kube_pod_container_status_waiting_reason{namespace=\"shop\",pod=\"web-1\",container=\"web\","
        + "reason=\"CrashLoopBackOff\"}";
    assertThat(test(Map.of(waiting, "1x40",
        "kube_pod_container_status_waiting_reason{namespace=\"elsewhere\",pod=\"a\",container=\"a\","
            + "reason=\"CrashLoopBackOff\"}", "1x40"),
        alert("10m", "ShipshapeContainerCrashLooping"),
        alert("30m", "ShipshapeContainerCrashLooping",
            "{namespace: shop, pod: web-1, container: web, reason: CrashLoopBackOff, severity: warning}")))
        .isEmpty();
    assertThat(test(Map.of(waiting, "0x40"), alert("30m", "ShipshapeContainerCrashLooping"))).isEmpty();
  }

  @Test
  void kubeProxyAlertsFireOnSlowSyncsAndManyIptablesRules() throws Exception {
    String bucket = "kubeproxy_sync_proxy_rules_duration_seconds_bucket{instance=\"node-1\",le=\"";
    assertThat(test(Map.of(
        bucket + "0.1\"}", "0x60", bucket + "1\"}", "0x60", bucket + "5\"}", "0+10x60", bucket + "+Inf\"}", "0+10x60",
        "kubeproxy_sync_proxy_rules_iptables_total{instance=\"node-1\",table=\"nat\"}", "25000x90"),
        alert("30m", "ShipshapeKubeProxySyncSlow", "{instance: node-1, severity: warning}"),
        alert("30m", "ShipshapeKubeProxyIptablesRulesHigh"),
        alert("80m", "ShipshapeKubeProxyIptablesRulesHigh", "{instance: node-1, severity: warning}"))).isEmpty();
    assertThat(test(Map.of(
        bucket + "0.1\"}", "0+10x60", bucket + "1\"}", "0+10x60", bucket + "5\"}", "0+10x60",
        bucket + "+Inf\"}", "0+10x60",
        "kubeproxy_sync_proxy_rules_iptables_total{instance=\"node-1\",table=\"nat\"}", "500x90"),
        alert("30m", "ShipshapeKubeProxySyncSlow"),
        alert("80m", "ShipshapeKubeProxyIptablesRulesHigh"))).isEmpty();
  }

  /** One expectation: at {@code time}, the alert fires with exactly these label sets (none when empty). */
  private static String alert(String time, String name, String... labelSets) {
    StringBuilder text = new StringBuilder("      - eval_time: " + time + "\n        alertname: " + name + "\n");
    if (labelSets.length == 0) return text.append("        exp_alerts: []\n").toString();
    text.append("        exp_alerts:\n");
    for (String labels : labelSets) text.append("          - exp_labels: ").append(labels).append('\n');
    return text.toString();
  }

  /**
   * Runs {@code promtool test rules} on the generated rules (annotations left out, as the expectations name only
   * labels; {@code check rules} covers the annotation templates) and returns its output when it fails.
   */
  private String test(Map<String, String> series, String... alerts) throws Exception {
    Promtool.require();
    String rules = RuleFiles.of(plan).get(RULES).replaceAll("(?m)^ {4}annotations:\\n( {6}.*\\n)+", "");
    Files.writeString(dir.resolve(RULES), rules);
    StringBuilder test = new StringBuilder("rule_files:\n  - " + RULES + "\nevaluation_interval: 1m\ntests:\n"
        + "  - interval: 1m\n    input_series:\n");
    series.forEach((s, values) -> test.append("      - series: '").append(s).append("'\n        values: '")
        .append(values).append("'\n"));
    test.append("    alert_rule_test:\n");
    for (String a : alerts) test.append(a);
    Files.writeString(dir.resolve("test.yaml"), test.toString());
    Promtool.Result result = Promtool.run(dir, "test", "rules", "test.yaml");
    return result.exitCode() == 0 ? "" : test + "\n" + result.output();
  }
}
