package dev.shipshape.testing;

import static dev.shipshape.testing.ShipshapeAssertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** The one-call checks, on the embedded server (the real server's run is in ControlPlaneApplyChecksTest). */
@ShipshapeCluster(ClusterMode.EMBEDDED)
class ApplyChecksTest {
  @Test
  void aSpecIsIdempotentOnTheEmbeddedServer(KubernetesClient client) {
    assertThat(TestSpecs.shop("shop")).isIdempotent(client);
  }
}
