package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.spi.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan checks apiVersions against the target Kubernetes version, which --kubernetes-version overrides. */
class PlanVersionTest {
  private static final String MANIFESTS = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n"
      + "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: shop}\n"
      + "spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}\n";

  @TempDir
  Path home;

  private Path manifests() throws IOException {
    return Files.writeString(home.resolve("shop.yaml"), MANIFESTS);
  }

  @Test
  void manifestsWithoutATargetAreCheckedAgainstTheNewestKnownVersion() throws IOException {
    CliRunner.Result result = CliRunner.isolated(home).run("plan", manifests().toString());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err).contains("policy/v1beta1 PodDisruptionBudget is no longer served since Kubernetes 1.25")
        .contains("use policy/v1");
  }

  @Test
  void kubernetesVersionOverridesTheTarget() throws IOException {
    CliRunner.Result older = CliRunner.isolated(home).run("plan", manifests().toString(),
        "--kubernetes-version", "1.24");
    assertThat(older.exitCode).as(older.toString()).isZero();
    assertThat(older.out).contains("for Kubernetes 1.24")
        .contains("policy/v1beta1 PodDisruptionBudget is deprecated since Kubernetes 1.21 and removed in 1.25");
    CliRunner.Result wrong = CliRunner.isolated(home).run("plan", manifests().toString(),
        "--kubernetes-version", "latest");
    assertThat(wrong.exitCode).as(wrong.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(wrong.err).contains("--kubernetes-version: Kubernetes version 'latest' is not of the form major.minor");
  }
}
