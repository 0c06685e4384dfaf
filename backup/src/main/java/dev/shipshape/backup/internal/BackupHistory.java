package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.Backup;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * The phases and times of Velero Backups, and which of a schedule's backups a restore from the schedule uses:
 * Velero restores "the most recent successful backup created by this schedule" when a Restore names only the
 * schedule.
 */
public final class BackupHistory {
  /** Phases of a backup that ended with objects in storage. */
  public static final Set<String> DONE = Set.of("Completed", "PartiallyFailed");
  /** Phases of a backup that failed, wholly or partly. */
  public static final Set<String> FAILED = Set.of("Failed", "FailedValidation", "PartiallyFailed",
      "FinalizingPartiallyFailed", "WaitingForPluginOperationsPartiallyFailed");

  private BackupHistory() {}

  /** The backup's phase; {@code New} while Velero has not set one. */
  public static String phase(Backup b) {
    return b.getStatus() == null || b.getStatus().phase() == null ? "New" : b.getStatus().phase();
  }

  /** When the backup started, else when it was created. */
  public static Instant started(Backup b) {
    return timestamp(b.getStatus() == null ? null : b.getStatus().startTimestamp())
        .or(() -> timestamp(b.getMetadata().getCreationTimestamp())).orElse(Instant.EPOCH);
  }

  /** When the backup completed, else when it started. */
  public static Instant completed(Backup b) {
    return timestamp(b.getStatus() == null ? null : b.getStatus().completionTimestamp()).orElseGet(() -> started(b));
  }

  /** The newest backup that completed without errors: the one a restore from the schedule uses. */
  public static Optional<Backup> newestCompleted(Collection<Backup> backups) {
    return backups.stream().filter(b -> "Completed".equals(phase(b)))
        .max(Comparator.comparing(BackupHistory::completed));
  }

  /** An RFC 3339 time of a status field; empty when absent or unreadable. */
  public static Optional<Instant> timestamp(String text) {
    if (text == null || text.isEmpty()) return Optional.empty();
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
