package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shipshape readiness} on the production example's environments, and its options. */
class ReadinessCommandTest {
  @TempDir
  Path home;

  private CliRunner cli() {
    return CliRunner.isolated(home);
  }

  private static String production() {
    return ExamplesTest.example("production.jsh").toString();
  }

  @Test
  void theProductionEnvironmentHasNoErrorLevelGap() {
    CliRunner.Result result = cli().run("readiness", production(), "--env", "production");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out.lines()).noneMatch(l -> l.trim().startsWith("HIGH ") || l.trim().startsWith("CRITICAL "));
    assertThat(result.out).contains("etcd            100  pass        1     0  -\n",
        "backups         100  pass        3     0  -\n", "monitoring      100  pass        5     0  -\n");
    assertThat(result.out).containsPattern("readiness: \\d+ findings, .*; passed at --fail-on high\n");
  }

  @Test
  void theLaptopEnvironmentReportsWhatItLeavesOut() {
    CliRunner.Result result = cli().run("readiness", production(), "--env", "laptop");

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    List<String> high = result.out.lines().map(String::trim).filter(l -> l.startsWith("HIGH ")).toList();
    assertThat(high).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly(
        "HIGH single-replica-without-pdb Deployment.apps metrics/metrics-exporter spec.replicas",
        "HIGH backup-coverage Namespace payments",
        "HIGH backup-coverage Namespace shop",
        "HIGH monitoring-rules-missing");
    assertThat(result.out).contains("MEDIUM pdb-blocks-eviction PodDisruptionBudget.policy payments/web"
        + " spec.minAvailable: allows no voluntary eviction of the 1 pod it selects");
    assertThat(result.out).contains("availability     66  fail        6     2  high\n");
    assertThat(result.out).containsPattern("; FAILED at --fail-on high\n");
  }

  @Test
  void jsonCarriesThePitfallScoresAndFailOnDecidesTheExitCode() throws Exception {
    CliRunner.Result result = cli().run("readiness", production(), "--env", "laptop", "--format", "json",
        "--fail-on", "critical");

    assertThat(result.exitCode).as(result.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out);
    assertThat(json.path("check").asText()).isEqualTo("readiness");
    assertThat(json.path("failed").asBoolean()).isFalse();
    JsonNode backups = json.path("pitfalls").get(5);
    assertThat(backups.path("id").asText()).isEqualTo("backups");
    assertThat(backups.path("status").asText()).isEqualTo("fail");
    assertThat(json.path("findings").get(0).path("pitfall").asText()).isIn("availability", "backups", "monitoring");
  }

  @Test
  void excludedRulesLeaveTheReport() {
    CliRunner.Result result = cli().run("readiness", production(), "--env", "laptop", "--exclude", "backup-coverage",
        "--exclude", "monitoring-rules-missing", "--exclude", "kube-linter:minimum-three-replicas", "--format",
        "sarif");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).doesNotContain("\"ruleId\" : \"backup-coverage\"")
        .doesNotContain("\"ruleId\" : \"single-replica-without-pdb\"").contains("\"pitfalls\"");
  }

  @Test
  void usageErrorsNameWhatIsWrong() {
    CliRunner.Result rule = cli().run("readiness", production(), "--exclude", "no-such-rule");
    assertThat(rule.exitCode).isEqualTo(2);
    assertThat(rule.err).contains("--exclude no-such-rule names no readiness rule");
    CliRunner.Result env = cli().run("readiness", production(), "--env", "staging");
    assertThat(env.exitCode).isEqualTo(2);
    assertThat(env.err).contains("--env 'staging': ").contains("declares the environments laptop, production");
    CliRunner.Result version = cli().run("readiness", production(), "--live", "--expect-version", "helm=3.16");
    assertThat(version.exitCode).isEqualTo(2);
    assertThat(version.err).contains("--expect-version helm=3.16 is not ADDON=VERSION with ADDON one of velero,"
        + " istio, prometheus-operator");
    CliRunner.Result cluster = cli().run("readiness", production(), "--embedded");
    assertThat(cluster.exitCode).isEqualTo(2);
  }
}
