package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.embedded.EmbeddedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shipshape audit} on manifests, a spec script and a live (embedded) cluster. */
class AuditCommandTest {
  private static final String PRIVILEGED_FINDING = "HIGH privileged-container Deployment.apps shop/web "
      + "spec.template.spec.containers[0].securityContext.privileged: container 'web' is privileged — ";
  /** Pluto's format, with one entry of our own: PodDisruptionBudget policy/v1beta1, gone in 1.25. */
  private static final String DEPRECATIONS = "deprecated-versions:\n"
      + "  - version: policy/v1beta1\n    kind: PodDisruptionBudget\n    deprecated-in: v1.21.0\n"
      + "    removed-in: v1.25.0\n    replacement-api: policy/v1\n    component: k8s\n";

  @TempDir
  Path home;

  private final ObjectMapper json = new ObjectMapper();

  private CliRunner cli() {
    return CliRunner.isolated(home);
  }

  private Path deprecations() throws IOException {
    return Files.writeString(home.resolve("versions.yaml"), DEPRECATIONS);
  }

  @Test
  void reportsEveryFindingWorstFirstAndExitsZeroWithoutFailOn() {
    CliRunner.Result result = cli().run("audit", Fixtures.path("audit/privileged.yaml"));

    assertThat(result.exitCode).as(result.toString()).isZero();
    List<String> lines = result.out.lines().toList();
    assertThat(lines.get(0)).startsWith("HIGH ");
    assertThat(lines).anyMatch(l -> l.startsWith(PRIVILEGED_FINDING));
    assertThat(lines).anyMatch(l -> l.startsWith("MEDIUM namespace-without-default-deny Namespace shop"));
    assertThat(result.out).contains("note: deprecated-api-version skipped: the target Kubernetes version is "
        + "unknown").as("the SDK audit's own threshold is not the command's").doesNotContain("--fail-on");
  }

  @Test
  void failOnExitsOneWhenAFindingReachesTheSeverity() {
    CliRunner.Result high = cli().run("audit", Fixtures.path("audit/privileged.yaml"), "--fail-on", "high");
    CliRunner.Result critical = cli().run("audit", Fixtures.path("audit/privileged.yaml"), "--fail-on", "CRITICAL");

    assertThat(high.exitCode).as(high.toString()).isEqualTo(1);
    assertThat(high.out).containsPattern("\\d+ findings, \\d+ high, .*; FAILED at --fail-on high\n");
    assertThat(critical.exitCode).as(critical.toString()).isZero();
    assertThat(critical.out).contains("; passed at --fail-on critical\n");
  }

  @Test
  void jsonCarriesRuleSeverityResourceAndEquivalents() throws IOException {
    CliRunner.Result result = cli().run("audit", "--format", "json", Fixtures.path("audit/privileged.yaml"));

    assertThat(result.exitCode).as(result.toString()).isZero();
    JsonNode report = json.readTree(result.out);
    JsonNode privileged = null;
    for (JsonNode f : report.get("findings")) {
      if (f.get("ruleId").asText().equals("privileged-container")) privileged = f;
    }
    assertThat(privileged).as(result.out).isNotNull();
    assertThat(privileged.get("severity").asText()).isEqualTo("high");
    assertThat(privileged.get("resource").toString()).contains("shop", "web");
    assertThat(privileged.get("equivalents").toString()).contains("polaris:");
    assertThat(report.get("notes").toString()).contains("deprecated-api-version skipped");
    assertThat(report.has("failOn")).isFalse();
    assertThat(report.get("failed").asBoolean()).isFalse();
  }

  @Test
  void sarifNamesTheRulesAndExcludeLeavesOutARuleByIdOrEquivalent() throws IOException {
    CliRunner.Result sarif = cli().run("audit", "--format", "sarif", Fixtures.path("audit/privileged.yaml"));
    CliRunner.Result excluded = cli().run("audit", Fixtures.path("audit/privileged.yaml"), "--fail-on", "high",
        "--exclude", "privileged-container", "--exclude", "polaris:runAsRootAllowed");

    assertThat(sarif.exitCode).as(sarif.toString()).isZero();
    JsonNode run = json.readTree(sarif.out).get("runs").get(0);
    assertThat(run.at("/tool/driver/name").asText()).isEqualTo("shipshape audit");
    assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).contains("privileged-container");
    assertThat(run.get("results").findValuesAsText("ruleId")).contains("privileged-container");
    assertThat(excluded.out).doesNotContain("privileged-container").doesNotContain("run-as-root");
    assertThat(cli().run("audit", Fixtures.path("audit/privileged.yaml"), "--fail-on", "high").out)
        .contains("privileged-container");
  }

  @Test
  void anExcludedRuleThatDoesNotExistIsAUsageError() {
    CliRunner.Result result = cli().run("audit", Fixtures.path("audit/privileged.yaml"), "--exclude", "no-such");
    assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
    assertThat(result.err).contains("--exclude no-such names no audit rule");
  }

  @Test
  void deprecationsFileAndTargetVersionFindRemovedApis() throws IOException {
    String data = deprecations().toString();
    CliRunner.Result removed = cli().run("audit", Fixtures.path("audit/settings.yaml"), "--deprecations", data,
        "--kubernetes-version", "1.25");
    CliRunner.Result deprecated = cli().run("audit", Fixtures.path("audit/settings.yaml"), "--deprecations", data,
        "--kubernetes-version", "v1.22.3", "--fail-on", "high");
    CliRunner.Result noTarget = cli().run("audit", Fixtures.path("audit/settings.yaml"), "--deprecations", data);

    assertThat(removed.exitCode).as(removed.toString()).isZero();
    assertThat(removed.out).startsWith("HIGH deprecated-api-version PodDisruptionBudget.policy shop/web apiVersion: "
        + "policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25 (target 1.25); use policy/v1 — ");
    assertThat(deprecated.exitCode).as(deprecated.toString()).isZero();
    assertThat(deprecated.out).startsWith("MEDIUM deprecated-api-version PodDisruptionBudget.policy shop/web "
        + "apiVersion: policy/v1beta1 PodDisruptionBudget is deprecated since Kubernetes 1.21 and removed in 1.25; "
        + "use policy/v1 — ");
    assertThat(noTarget.out).contains("note: deprecated-api-version skipped: the target Kubernetes version is "
        + "unknown");
  }

  @Test
  void withoutADeprecationsFileTheBundledDataIsUsedAsTheReadmeSays() throws IOException {
    CliRunner.Result result = cli().run("audit", Fixtures.path("audit/settings.yaml"), "--kubernetes-version", "1.25");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).startsWith("HIGH deprecated-api-version PodDisruptionBudget.policy shop/web apiVersion: "
        + "policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25 (target 1.25); use policy/v1 — ");
    Path readme = Path.of(System.getProperty("shipshape.examples.dir")).resolve("../../cli/README.md").normalize();
    String row = Files.readAllLines(readme).stream().filter(l -> l.startsWith("| `--deprecations FILE` |"))
        .findFirst().orElseThrow();
    assertThat(row).contains("without either, the SDK's bundled data").doesNotContain("skipped");
  }

  @Test
  void theDeprecationsFileCanComeFromTheEnvironment() throws IOException {
    CliRunner runner = CliRunner.withVariables(Map.of("HOME", home.toString(),
        "SHIPSHAPE_DEPRECATIONS", deprecations().toString()));

    CliRunner.Result result = runner.run("audit", Fixtures.path("audit/settings.yaml"), "--kubernetes-version",
        "1.30", "--fail-on", "high");

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.out).startsWith("HIGH deprecated-api-version PodDisruptionBudget.policy shop/web");
  }

  @Test
  void newestVersionChecksTheSupportWindowOfTheSpecsVersion() {
    CliRunner.Result result = cli().run("audit", Fixtures.path("audit/minimal.jsh"), "--newest-version", "1.36");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains("HIGH unsupported-kubernetes-version: target Kubernetes 1.31 is outside the "
        + "supported window 1.34–1.36 — ");
  }

  @Test
  void liveAuditsTheObjectsOfTheCluster() {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      Manifests.read(Path.of(Fixtures.path("audit/privileged.yaml")))
          .forEach(o -> cluster.client().resource(o).create());

      CliRunner.Result result = CliRunner.sharing(cluster, home).run("audit", "--live", "--embedded",
          "--fail-on", "high");

      assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
      assertThat(result.out).contains(PRIVILEGED_FINDING);
    }
  }

  @Test
  void badInputIsOneLineWithTheRightExitCode() throws IOException {
    Path absent = home.resolve("absent.yaml");
    Path notPluto = Files.writeString(home.resolve("other.yaml"), "versions: []\n");
    List<CliRunner.Result> results = new ArrayList<>();
    results.add(cli().run("audit", Fixtures.path("audit/settings.yaml"), "--fail-on", "severe"));
    results.add(cli().run("audit"));
    results.add(cli().run("audit", Fixtures.path("audit/settings.yaml"), "--live", "--embedded"));
    results.add(cli().run("audit", Fixtures.path("audit/settings.yaml"), "--embedded"));
    results.add(cli().run("audit", Fixtures.path("audit/settings.yaml"), "--kubernetes-version", "latest"));
    results.add(cli().run("audit", Fixtures.path("audit/settings.yaml"), "--deprecations", absent.toString()));
    results.add(cli().run("audit", absent.toString()));
    results.add(cli().run("audit", Fixtures.path("audit/settings.yaml"), "--deprecations", notPluto.toString()));

    assertThat(results).extracting(r -> r.exitCode).containsExactly(2, 2, 2, 2, 2, 2, 3, 3);
    assertThat(results).allSatisfy(r -> assertThat(r.err).hasLineCount(1));
    assertThat(results).allSatisfy(r -> assertThat(r.out).isEmpty());
    assertThat(results.get(0).err).isEqualTo("shipshape audit: Invalid value for option '--fail-on': severity "
        + "'severe' is not one of info, low, medium, high, critical (run 'shipshape audit --help' for usage)\n");
    assertThat(results.get(1).err).isEqualTo("nothing to audit — pass a PATH (spec script or manifests) or "
        + "--live\n");
    assertThat(results.get(2).err).isEqualTo("PATH and --live exclude each other — audit one or the other\n");
    assertThat(results.get(3).err).isEqualTo("--kubeconfig, --context and --embedded choose the cluster of --live "
        + "— add --live, or drop them to check files\n");
    assertThat(results.get(4).err).contains("Kubernetes version 'latest' is not of the form major.minor");
    assertThat(results.get(5).err).isEqualTo("--deprecations " + absent + " is not a file — pass Pluto's "
        + "versions.yaml\n");
    assertThat(results.get(6).err).isEqualTo(absent + " does not exist — pass a .jsh spec, a manifest file or a "
        + "directory of manifests\n");
    assertThat(results.get(7).err).isEqualTo(notPluto + " has no 'deprecated-versions' list; expected the format "
        + "of Pluto's versions.yaml — pass Pluto's versions.yaml to --deprecations or SHIPSHAPE_DEPRECATIONS\n");
  }
}
