package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff} and {@code apply} run a released chart's step on a real API server, in text and JSON. */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ReleasedChartControlPlaneTest {
  @TempDir Path home;

  @Test
  void diffAndApplyRunTheReleaseStep() throws IOException {
    Path spec = ReleasedChartCommandsTest.releasedChartSpec(home, "cli-released");
    String kubeconfig = LocalControlPlane.shared().kubeconfig().toString();
    CliRunner cli = CliRunner.isolated(home);

    CliRunner.Result diff = cli.run("diff", "--kubeconfig", kubeconfig, "--format", "json", spec.toString());
    CliRunner.Result apply = cli.run("apply", "--kubeconfig", kubeconfig, "--format", "json", spec.toString());
    CliRunner.Result again = cli.run("apply", "--kubeconfig", kubeconfig, spec.toString());

    assertThat(diff.exitCode).as(diff.toString()).isEqualTo(1);
    JsonNode diffSteps = new ObjectMapper().readTree(diff.out).path("steps");
    assertThat(diffSteps.get(0).path("action").asText()).isEqualTo("CREATE");
    assertThat(apply.exitCode).as(apply.toString()).isZero();
    JsonNode applySteps = new ObjectMapper().readTree(apply.out).path("steps");
    assertThat(applySteps.get(0).path("outcome").asText()).isEqualTo("CREATED");
    assertThat(applySteps.get(0).path("message").asText()).isEqualTo("installed revision 1");
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("unchanged step helm-release cli-released/greeter: revision 1 is as planned\n");
  }
}
