package dev.shipshape.testing.proofs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.PreflightException;
import dev.shipshape.testing.WriteCounter;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Applies that the checks before the first write must stop. */
final class Preflights {
  private Preflights() {}

  /**
   * Applies {@code spec} with the default executor and options through {@code client}, and returns the
   * {@link PreflightException} it must throw, after checking that it says, and the wire shows, that nothing was
   * written.
   */
  static PreflightException rejectedBeforeAnyWrite(KubernetesClient client, ClusterSpec spec) {
    WriteCounter counter = WriteCounter.create();
    PreflightException rejected;
    try (KubernetesClient counting = counter.countingClient(client)) {
      rejected = catchThrowableOfType(PreflightException.class,
          () -> KubernetesExecutor.using(counting).apply(spec.plan(), ApplyOptions.defaults()));
    }
    assertThat(rejected).as("the preflight's exception").isNotNull().hasMessageContaining("nothing was written");
    assertThat(counter.writes()).isEmpty();
    return rejected;
  }
}
