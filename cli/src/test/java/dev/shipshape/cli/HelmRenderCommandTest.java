package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shipshape helm render}, on the chart the production example installs. */
class HelmRenderCommandTest {
  private static final Path CHART = ExamplesTest.example("charts/metrics-exporter");

  @TempDir Path home;

  @Test
  void printsTheChartsObjectsInInstallOrderWithTheReleaseNamespace() {
    CliRunner.Result result = CliRunner.isolated(home).run("helm", "render", CHART.toString(), "-n", "metrics",
        "--set", "replicaCount=3");

    assertThat(result.exitCode).as(result.toString()).isZero();
    List<HasMetadata> objects = Manifests.parse(result.out);
    assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/"
        + o.getMetadata().getName()).containsExactly(
            "ConfigMap metrics/metrics-exporter-settings",
            "ServiceAccount metrics/metrics-exporter",
            "Service metrics/metrics-exporter",
            "Deployment metrics/metrics-exporter");
    assertThat(result.out).contains("replicas: 3");
    assertThat(result.err).isEmpty();
  }

  @Test
  void valuesFilesAndTheReleaseNameAreTakenAsHelmTakesThem() throws Exception {
    Path values = Files.writeString(home.resolve("values.yaml"), "port: 9200\n");

    CliRunner.Result result = CliRunner.isolated(home).run("helm", "render", CHART.toString(), "-f",
        values.toString(), "--release", "exporter");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains("name: exporter-settings", "listen-address: :9200", "containerPort: 9200");
  }

  @Test
  void everyValuesSchemaViolationIsListedWithItsPathAndExitCode3() {
    CliRunner.Result result = CliRunner.isolated(home).run("helm", "render", CHART.toString(),
        "--set", "replicaCount=0", "--set", "image.tag=latest", "--set", "port=80");

    assertThat(result.exitCode).isEqualTo(3);
    List<String> lines = result.err.lines().collect(Collectors.toList());
    assertThat(lines.get(0)).isEqualTo(CHART + " cannot be rendered:");
    assertThat(lines).anyMatch(l -> l.contains("values.replicaCount: value replicaCount does not meet"))
        .anyMatch(l -> l.contains("values.image.tag: value image.tag does not meet"))
        .anyMatch(l -> l.contains("values.port: value port does not meet"));
    assertThat(result.out).isEmpty();
  }
}
