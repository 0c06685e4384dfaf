package dev.shipshape.mesh;

import dev.shipshape.core.GoDuration;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import java.time.Duration;
import java.util.Optional;

/**
 * Durations as Istio's validation accepts them in networking objects ({@code ValidateDuration}): a Go duration of
 * at least 1 ms and whole milliseconds; Istio refuses the object otherwise.
 */
final class IstioDurations {
  private IstioDurations() {}

  /** The problem of {@code value} at {@code field} of {@code ref}, if Istio would refuse it. */
  static Optional<Problem> check(ResourceRef ref, String field, String value) {
    Duration duration = GoDuration.parse(value).duration().orElse(null);
    if (duration != null && duration.compareTo(Duration.ofMillis(1)) >= 0 && duration.getNano() % 1_000_000 == 0) {
      return Optional.empty();
    }
    return Optional.of(Problem.error(ref, field, "'" + value + "' is not a duration of whole milliseconds, at "
        + "least 1 ms", "write a Go duration such as 2s or 250ms"));
  }
}
