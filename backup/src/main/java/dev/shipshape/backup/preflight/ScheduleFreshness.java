package dev.shipshape.backup.preflight;

import dev.shipshape.backup.internal.BackupFindings;
import dev.shipshape.backup.internal.BackupHistory;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.backup.Velero;
import dev.shipshape.backup.internal.CronSchedule;
import dev.shipshape.backup.model.Backup;
import dev.shipshape.backup.model.Schedule;
import dev.shipshape.core.GoDuration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether each schedule's backups work: the newest backup did not fail, and the newest completed backup is
 * recent. Velero labels the backups a schedule makes with {@code velero.io/schedule-name}.
 */
final class ScheduleFreshness {
  
  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final Optional<Duration> maxBackupAge;

  ScheduleFreshness(KubernetesClient client, String namespace, Clock clock, Optional<Duration> maxBackupAge) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
    this.maxBackupAge = maxBackupAge;
  }

  boolean check(List<Finding> findings) {
    List<Schedule> schedules = new ArrayList<>(client.resources(Schedule.class).inNamespace(namespace).list()
        .getItems());
    schedules.sort(Comparator.comparing(s -> s.getMetadata().getName()));
    if (schedules.isEmpty()) {
      findings.add(BackupFindings.warn("schedule", "Schedules in " + namespace, "there are none, so nothing is"
          + " backed up regularly", "add a VeleroSchedule to the spec, such as VeleroSchedule.daily(\"daily\")"));
      return false;
    }
    boolean ok = true;
    for (Schedule s : schedules) ok &= check(s, findings);
    return ok;
  }

  private boolean check(Schedule s, List<Finding> findings) {
    String name = s.getMetadata().getName();
    String subject = "Schedule " + namespace + "/" + name;
    if (s.getSpec() != null && Boolean.TRUE.equals(s.getSpec().paused())) {
      findings.add(BackupFindings.warn("schedule", subject, "is paused and makes no backups", "unpause it"
          + " (paused: false) unless the pause is intended"));
      return true;
    }
    if (s.getStatus() != null && "FailedValidation".equals(s.getStatus().phase())) {
      findings.add(BackupFindings.fail("schedule", subject, "failed Velero's validation: " + String.join("; ",
          s.getStatus().validationErrors() == null ? List.of() : s.getStatus().validationErrors()),
          "fix the schedule in the spec; BackupChecks.validate(spec) reports the same rules"));
      return false;
    }
    Duration limit = maxBackupAge.orElseGet(() -> defaultLimit(s));
    List<Backup> backups = client.resources(Backup.class).inNamespace(namespace)
        .withLabel(Velero.SCHEDULE_NAME_LABEL, name).list().getItems();
    Instant now = clock.instant();
    Optional<Backup> newest = backups.stream().max(Comparator.comparing(BackupHistory::started));
    if (newest.isPresent() && BackupHistory.FAILED.contains(BackupHistory.phase(newest.get()))) {
      Backup b = newest.get();
      String reason = b.getStatus().failureReason() == null ? "" : ": " + b.getStatus().failureReason();
      findings.add(BackupFindings.fail("schedule", subject, "newest backup " + b.getMetadata().getName() + " is "
          + BackupHistory.phase(b) + reason, "velero backup describe " + b.getMetadata().getName()
          + " --details and velero backup logs " + b.getMetadata().getName() + " show what failed"));
      return false;
    }
    Optional<Backup> completed = backups.stream().filter(b -> BackupHistory.DONE.contains(BackupHistory.phase(b)))
        .max(Comparator.comparing(BackupHistory::completed));
    if (completed.isEmpty()) {
      Instant created = BackupHistory.timestamp(s.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH);
      if (Duration.between(created, now).compareTo(limit) < 0) {
        findings.add(BackupFindings.warn("schedule", subject, "has no completed backup yet", "wait for its first run"
            + " ('" + s.getSpec().schedule() + "'), or start one: velero backup create --from-schedule " + name));
        return true;
      }
      findings.add(BackupFindings.fail("schedule", subject, "has no completed backup, although it exists for more than "
          + GoDuration.format(limit), "check Velero's logs for the schedule, or start a backup: velero backup"
          + " create --from-schedule " + name));
      return false;
    }
    Backup last = completed.get();
    Duration age = Duration.between(BackupHistory.completed(last), now);
    if (age.compareTo(limit) > 0) {
      findings.add(BackupFindings.fail("schedule", subject, "newest completed backup " + last.getMetadata().getName()
          + " is " + GoDuration.format(age.withNanos(0)) + " old, more than " + GoDuration.format(limit),
          "check that the schedule is not stuck: kubectl -n " + namespace + " get backups -l "
              + Velero.SCHEDULE_NAME_LABEL + "=" + name + ", and Velero's logs"));
      return false;
    }
    findings.add(BackupFindings.pass("schedule", subject, "newest backup " + last.getMetadata().getName() + " "
        + BackupHistory.phase(last) + ", " + GoDuration.format(age.withNanos(0)) + " ago"));
    return true;
  }

  /** Twice the longest time between runs, so one late or skipped run does not fail the check. */
  private static Duration defaultLimit(Schedule s) {
    return Optional.ofNullable(s.getSpec()).flatMap(spec -> CronSchedule.parse(spec.schedule()).schedule())
        .flatMap(CronSchedule::longestGap).map(gap -> gap.multipliedBy(2)).orElse(Duration.ofHours(48));
  }
}
