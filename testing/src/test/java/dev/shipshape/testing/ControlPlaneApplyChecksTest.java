package dev.shipshape.testing;

import static dev.shipshape.testing.ShipshapeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/**
 * The one-call checks on a real API server, with the fields it normalises: a quantity written {@code 0.5} (stored
 * {@code 500m}), {@code 1024Mi} (stored as written, equal to {@code 1Gi}), a string target port, and a RoleBinding
 * subject with {@code apiGroup: ""}, which the server drops.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ControlPlaneApplyChecksTest {
  @Test
  void aSpecWithNormalisedFieldsIsIdempotent(KubernetesClient client) {
    assertThat(TestSpecs.shop("shop-real")).isIdempotent(client);
  }

  @Test
  void aSpecThatCannotApplyFailsTheCheckWithTheReport(KubernetesClient client) {
    ClusterSpec spec = ClusterSpec.builder().name("lost").preExistingNamespace("missing")
        .resource(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("missing")
            .endMetadata().build()).build();

    assertThatThrownBy(() -> assertThat(spec).appliesCleanly(client))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to apply cleanly")
        .hasMessageContaining("ConfigMap missing/settings")
        .hasMessageContaining("namespace 'missing' does not exist on the server");
  }
}
