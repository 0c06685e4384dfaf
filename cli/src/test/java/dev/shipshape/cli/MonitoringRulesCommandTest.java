package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shipshape monitoring rules}: a spec's PrometheusRules as plain Prometheus rule files. */
class MonitoringRulesCommandTest {
  @TempDir
  Path home;

  private Path script(String body) throws Exception {
    Path file = home.resolve("spec.jsh");
    Files.writeString(file, body);
    return file;
  }

  @Test
  void printsEachRuleFileAfterItsName() throws Exception {
    Path spec = script("ClusterSpec spec = Monitoring.builder().build()\n"
        + "    .addTo(ClusterSpec.builder().name(\"small\").preExistingNamespace(\"monitoring\").build());\n");

    CliRunner.Result result = CliRunner.isolated(home).run("monitoring", "rules", spec.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).startsWith("# monitoring-shipshape-alerts.rules.yaml\ngroups:\n"
        + "- name: shipshape.control-plane\n  rules:\n  - record: shipshape:apiserver_request_errors:ratio_rate5m\n")
        .contains("  - alert: ShipshapeEtcdFrequentLeaderChanges\n");
  }

  @Test
  void writesTheFilesOfTheProductionExampleIntoADirectory() throws Exception {
    Path out = home.resolve("rules");

    CliRunner.Result result = CliRunner.isolated(home).run("monitoring", "rules",
        ExamplesTest.example("production.jsh").toString(), "--out", out.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    Path file = out.resolve("monitoring-shipshape-alerts.rules.yaml");
    assertThat(result.out).isEqualTo("Wrote " + file + "\n");
    assertThat(Files.readString(file)).startsWith("groups:\n- name: shipshape.workloads\n")
        .contains("alert: ShipshapeVeleroBackupMissing", "alert: ShipshapeKubeProxySyncSlow")
        .doesNotContain("apiVersion", "metadata");
  }

  @Test
  void aSpecWithoutRulesFailsWithTheWayToAddThem() throws Exception {
    Path spec = script("ClusterSpec spec = ClusterSpec.builder().name(\"bare\").build();\n");

    CliRunner.Result result = CliRunner.isolated(home).run("monitoring", "rules", spec.toString());

    assertThat(result.exitCode).isEqualTo(1);
    assertThat(result.err).contains("the spec has no PrometheusRule — add monitoring with"
        + " Monitoring.builder().build().addTo(spec)");
  }

  @Test
  void anEnvironmentThatLeavesMonitoringOutIsNamedInsteadOfAdvisingToAddIt() {
    CliRunner.Result result = CliRunner.isolated(home).run("monitoring", "rules", "--env", "laptop",
        ExamplesTest.example("production.jsh").toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.err).isEqualTo("the spec has no PrometheusRule in environment "
        + "laptop: the environment leaves monitoring out, or the spec adds none — run without --env for the spec's "
        + "own rules\n");
  }

  @Test
  void outNamingAFileSaysThatItNeedsADirectoryBeforePlanning() throws Exception {
    Path file = Files.writeString(home.resolve("afile"), "mine\n");

    CliRunner.Result result = CliRunner.isolated(home).run("monitoring", "rules", "--out", file.toString(),
        ExamplesTest.example("production.jsh").toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
    assertThat(result.err).isEqualTo("--out " + file + " is a file, not a directory — pass a directory (it is "
        + "created when missing), or leave out --out to print the rule files on standard output\n");
    assertThat(Files.readString(file)).isEqualTo("mine\n");
  }
}
