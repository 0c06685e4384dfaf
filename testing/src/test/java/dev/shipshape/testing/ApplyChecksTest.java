package dev.shipshape.testing;

import static dev.shipshape.testing.ShipshapeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.apply.ApplyStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** The one-call checks, on the embedded server (the real server's run is in ControlPlaneApplyChecksTest). */
@ShipshapeCluster(ClusterMode.EMBEDDED)
class ApplyChecksTest {
  @Test
  void aSpecIsIdempotentOnTheEmbeddedServer(KubernetesClient client) {
    assertThat(TestSpecs.shop("shop")).isIdempotent(client);
  }

  @Test
  void withExecutorKeepsTheDefaultStrategySoTheEmbeddedServerStillApplies(KubernetesClient client) {
    assertThat(TestSpecs.shop("shop")).withExecutor(executor -> executor.fieldManager("shop-tests"))
        .appliesCleanly(client)
        .isIdempotent(client);
  }

  @Test
  void aStrategyGivenToWithExecutorReplacesTheDefault(KubernetesClient client) {
    // Server-side apply, which the embedded server does not implement: the settings apply after the default's.
    assertThatThrownBy(() -> assertThat(TestSpecs.shop("shop"))
        .withExecutor(executor -> executor.strategy(ApplyStrategy.SERVER_SIDE)).appliesCleanly(client))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to apply cleanly");
  }
}
