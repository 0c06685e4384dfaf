package dev.shipshape.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.backup.VeleroCron;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alerts on the spec's Velero Schedules, from the Velero server's metrics (labelled with the schedule's name):
 * backups failed or partially failed in the last hour, and a schedule whose last successful backup is older than
 * the longest time between two of its runs (read from its cron expression the way Velero reads it) plus the
 * tolerance ({@link Alert#VELERO_BACKUP_MISSING}'s threshold, in seconds). Paused schedules are left out.
 */
final class BackupAlerts {
  private BackupAlerts() {}

  static List<Rule> rules(Monitoring m, List<HasMetadata> objects) {
    Map<String, Duration> intervals = new TreeMap<>();
    for (HasMetadata o : objects) {
      if (!"Schedule".equals(o.getKind()) || !o.getApiVersion().startsWith("velero.io/")) continue;
      JsonNode spec = Manifests.toTree(o).path("spec");
      if (spec.path("paused").asBoolean(false)) continue;
      Optional<Duration> gap = VeleroCron.longestGap(spec.path("schedule").asText(""));
      // An invalid schedule is the backup module's error to report; it gets no missing-backup term.
      intervals.put(o.getMetadata().getName(), gap.orElse(null));
    }
    if (intervals.isEmpty()) return List.of();
    String schedules = "schedule=~\"" + Rules.alternation(intervals.keySet()) + "\"";
    List<Rule> rules = new ArrayList<>();
    rules.add(Rules.alert(m, Alert.VELERO_BACKUP_FAILED,
        "increase(velero_backup_failure_total{" + schedules + "}[1h]) > 0",
        "A backup of Velero schedule {{ $labels.schedule }} failed",
        "Velero reported a failed backup in the last hour; nothing of that run can be restored.",
        "Read the backup's logs (velero backup logs <backup>) and describe it; check the storage location's"
            + " availability and credentials (velero backup-location get) and the Velero pod's logs."));
    rules.add(Rules.alert(m, Alert.VELERO_BACKUP_PARTIALLY_FAILED,
        "increase(velero_backup_partial_failure_total{" + schedules + "}[1h]) > 0",
        "A backup of Velero schedule {{ $labels.schedule }} partially failed",
        "Velero reported a partially failed backup in the last hour: some items or volumes are missing from it.",
        "List the errors (velero backup describe <backup> --details): failing hooks, volume snapshots or"
            + " file-system backups of single pods; fix them before the next run."));
    long tolerance = (long) m.threshold(Alert.VELERO_BACKUP_MISSING);
    String missing = intervals.entrySet().stream().filter(e -> e.getValue() != null)
        .map(e -> "(time() - velero_backup_last_successful_timestamp{schedule=\"" + e.getKey() + "\"}) > "
            + (e.getValue().toSeconds() + tolerance))
        .collect(Collectors.joining(" or "));
    if (!missing.isEmpty()) {
      rules.add(Rules.alert(m, Alert.VELERO_BACKUP_MISSING, missing,
          "Velero schedule {{ $labels.schedule }} has no recent successful backup",
          "The last successful backup is {{ $value | humanizeDuration }} old, longer than the schedule's longest"
              + " interval plus " + tolerance + "s of tolerance.",
          "Check that the schedule is not paused and that the Velero server runs (kubectl -n velero get pods);"
              + " list its backups (velero backup get -l velero.io/schedule-name=<schedule>) and fix the failing"
              + " ones."));
    }
    return rules;
  }
}
