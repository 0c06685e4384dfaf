package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A released chart is one step of the plan that {@code plan} shows and {@code render} names as left out. */
class ReleasedChartCommandsTest {
  @TempDir Path home;

  private Path spec;

  /** Writes a one-ConfigMap chart and a spec that releases it in namespace {@code namespace}. */
  static Path releasedChartSpec(Path home, String namespace) throws IOException {
    Files.createDirectories(home.resolve("charts/greeter/templates"));
    Files.writeString(home.resolve("charts/greeter/Chart.yaml"), "apiVersion: v2\nname: greeter\nversion: 1.0.0\n");
    Files.writeString(home.resolve("charts/greeter/values.yaml"), "greeting: hello\n");
    Files.writeString(home.resolve("charts/greeter/templates/configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
    Path file = home.resolve("released.jsh");
    Files.writeString(file, String.join("\n",
        "ClusterSpec spec = ClusterSpec.builder()",
        "    .name(\"" + namespace + "\")",
        "    .kubernetesVersion(\"1.34\")",
        "    .resource(new NamespaceBuilder().withNewMetadata().withName(\"" + namespace + "\").endMetadata().build())",
        "    .component(HelmChart.directory(scriptDir.resolve(\"charts/greeter\"))",
        "        .release(\"greeter\").namespace(\"" + namespace + "\").mode(ReleaseMode.RELEASED).build())",
        "    .build();",
        ""));
    return file;
  }

  @BeforeEach
  void writeSpec() throws IOException {
    spec = releasedChartSpec(home, "apps");
  }

  private CliRunner.Result run(String... args) {
    return CliRunner.isolated(home).run(args);
  }

  @Test
  void planShowsTheReleaseAsOneStepInTextAndJson() throws IOException {
    CliRunner.Result text = run("plan", spec.toString());
    CliRunner.Result json = run("plan", "--format", "json", spec.toString());

    assertThat(text.exitCode).as(text.toString()).isZero();
    assertThat(text.out).contains("1 resource and 1 step in 2 waves\n")
        .contains("\nwave 1 runs helm release apps/greeter chart greeter 1.0.0: install or upgrade\n");
    assertThat(json.exitCode).as(json.toString()).isZero();
    JsonNode plan = new ObjectMapper().readTree(json.out);
    assertThat(plan.path("steps").asInt()).isEqualTo(1);
    assertThat(plan.path("waves").get(1).path("steps").get(0).path("step").asText())
        .isEqualTo("helm-release apps/greeter");
  }

  @Test
  void renderNamesTheStepItCannotWrite() {
    CliRunner.Result result = run("render", spec.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.err).contains("Left out a step: not exportable: helm release apps/greeter chart greeter "
        + "1.0.0: install or upgrade (runs only when the plan is applied to a cluster)");
  }
}
