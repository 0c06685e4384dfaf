package dev.shipshape.backup.drill;

import dev.shipshape.backup.model.Restore;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Waits for a Restore to end: Velero sets {@code status.phase} to one of {@link #FINAL} when it is done. */
final class RestoreWatch {
  /** The phases in which Velero has finished a restore. */
  static final Set<String> FINAL = Set.of("Completed", "PartiallyFailed", "Failed", "FailedValidation");

  private final Clock clock;
  private final Duration pollInterval;

  RestoreWatch(Clock clock, Duration pollInterval) {
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  /** The Restore once its phase is final; empty when it is not within {@code timeout} (or was deleted). */
  Optional<Restore> awaitFinal(Resource<Restore> restore, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      Restore current = restore.get();
      if (current != null && current.getStatus() != null && FINAL.contains(current.getStatus().phase())) {
        return Optional.of(current);
      }
      if (current == null || !clock.instant().isBefore(deadline)) return Optional.empty();
      Sleeper.sleep(pollInterval);
    }
  }

  /** The last phase of {@code restore}, or {@code New} when Velero has not set one. */
  static String phase(Restore restore) {
    return restore.getStatus() == null || restore.getStatus().phase() == null ? "New" : restore.getStatus().phase();
  }
}
