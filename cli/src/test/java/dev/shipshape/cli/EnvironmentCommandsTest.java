package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.spi.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --env on plan, render, diff and apply, and envdiff, on a small spec with two environments. */
class EnvironmentCommandsTest extends EmbeddedCommandsTest {
  private static final String SCRIPT = String.join("\n",
      "String yaml = \"\"\"",
      "    apiVersion: v1",
      "    kind: Namespace",
      "    metadata: {name: shop}",
      "    ---",
      "    apiVersion: apps/v1",
      "    kind: Deployment",
      "    metadata: {name: web, namespace: shop}",
      "    spec:",
      "      replicas: 3",
      "      selector: {matchLabels: {app: web}}",
      "      template:",
      "        metadata: {labels: {app: web}}",
      "        spec: {containers: [{name: web, image: 'nginx:1.27'}]}",
      "    \"\"\";",
      "ClusterSpec spec = ClusterSpec.builder().name(\"shop\").yaml(yaml)",
      "    .environment(Environment.of(\"laptop\", Overrides.replicas(1)), Environment.of(\"production\"))",
      "    .build();",
      "");

  private Path spec;

  @BeforeEach
  void writeTheSpec() throws IOException {
    spec = Files.writeString(dir.resolve("shop.jsh"), SCRIPT);
  }

  @Test
  void planAndRenderTheEnvironmentAskedFor() {
    CliRunner.Result plan = cli.run("plan", "--env", "laptop", spec.toString());
    assertThat(plan.exitCode).as(plan.toString()).isZero();
    assertThat(plan.out).contains("Plan shop (environment laptop) for Kubernetes");
    CliRunner.Result render = cli.run("render", "--env", "laptop", spec.toString());
    assertThat(render.exitCode).as(render.toString()).isZero();
    assertThat(render.out).contains("replicas: 1").doesNotContain("replicas: 3");
    CliRunner.Result plain = cli.run("render", spec.toString());
    assertThat(plain.out).contains("replicas: 3");
  }

  @Test
  void applyAndDiffTheEnvironment() {
    CliRunner.Result apply = cli.run("apply", "--embedded", "--env", "laptop", spec.toString());
    assertThat(apply.exitCode).as(apply.toString()).isZero();
    assertThat(cluster.client().apps().deployments().inNamespace("shop").withName("web").get().getSpec()
        .getReplicas()).isEqualTo(1);
    CliRunner.Result same = cli.run("diff", "--embedded", "--env", "laptop", spec.toString());
    assertThat(same.exitCode).as(same.toString()).isZero();
    CliRunner.Result production = cli.run("diff", "--embedded", "--env", "production", spec.toString());
    assertThat(production.exitCode).as(production.toString()).isEqualTo(ExitCode.NO.code());
    assertThat(production.out).contains("~ spec.replicas: 1 -> 3");
  }

  @Test
  void anUnknownEnvironmentIsAUsageErrorNamingTheKnownOnes() {
    CliRunner.Result result = cli.run("plan", "--env", "staging", spec.toString());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err).contains("--env 'staging': " + spec + " declares the environments laptop, production "
        + "— pass one of them");
    CliRunner.Result envdiff = cli.run("envdiff", "laptop", "staging", spec.toString());
    assertThat(envdiff.exitCode).as(envdiff.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(envdiff.err).contains("--env 'staging'");
  }

  @Test
  void envdiffShowsExactlyWhatDiffers() {
    CliRunner.Result text = cli.run("envdiff", "laptop", "production", spec.toString());
    assertThat(text.exitCode).as(text.toString()).isZero();
    assertThat(text.out).isEqualTo("laptop and production differ in 1 of 2 objects; everything else is identical\n"
        + "changed Deployment.apps shop/web\n"
        + "    ~ spec.replicas: 1 -> 3\n");
    CliRunner.Result json = cli.run("envdiff", "--format", "json", "production", "production", spec.toString());
    assertThat(json.exitCode).as(json.toString()).isZero();
    assertThat(json.out).contains("\"identical\" : true").contains("\"objects\" : 2");
  }
}
