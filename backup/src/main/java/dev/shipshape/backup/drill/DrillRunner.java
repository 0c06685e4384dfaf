package dev.shipshape.backup.drill;

import dev.shipshape.backup.Velero;
import dev.shipshape.backup.VeleroRestore;
import dev.shipshape.backup.internal.BackupFindings;
import dev.shipshape.backup.internal.BackupHistory;
import dev.shipshape.backup.model.Backup;
import dev.shipshape.backup.model.Restore;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a {@link RestoreDrill} on live clusters, end to end: finds the schedule's newest completed backup, reads
 * its contents through Velero (the backup's resource list), creates the drill's Restore of that backup into
 * scratch namespaces, waits for Velero to finish it, compares the restored objects with the backup's by kind and
 * name, reports, and cleans up (the scratch namespaces, the volumes the restore created, the Restore).
 *
 * <pre>{@code
 * DrillResult result = DrillRunner.on(client).run(RestoreDrill.forSchedule(daily).build());
 * DrillResult migration = DrillRunner.on(source).restoringInto(target, "velero").run(drill);
 * }</pre>
 *
 * <p>{@link #restoringInto} restores into another cluster, as a migration does: its Velero must see the same
 * backup storage location. Nothing is created when the schedule has no completed backup or when a scratch
 * namespace or the Restore already exists; a drill that fails midway still cleans up what it created unless
 * {@link #keepRestored(boolean)} says otherwise. Controller-made kinds (pods, ReplicaSets, endpoints) and kinds
 * Velero never restores are not compared.
 *
 * <p>The cleanup deletes the scratch namespaces and waits until they are gone before it touches the restored
 * volumes, never deleting a volume whose claim exists; it leaves a {@code Delete} volume that carries no reclaim
 * finalizer to the PersistentVolume controller, as deleting it would keep its storage. Its waits share {@link
 * #timeout}; what is still there then is a {@code backup-drill-cleanup} finding.
 */
public final class DrillRunner {
  private final KubernetesClient source;
  private final KubernetesClient target;
  private final Optional<String> targetVeleroNamespace;
  private final Duration timeout;
  private final Duration pollInterval;
  private final boolean keep;
  private final Clock clock;

  private DrillRunner(KubernetesClient source, KubernetesClient target, Optional<String> targetVeleroNamespace,
      Duration timeout, Duration pollInterval, boolean keep, Clock clock) {
    this.source = source;
    this.target = target;
    this.targetVeleroNamespace = targetVeleroNamespace;
    this.timeout = timeout;
    this.pollInterval = pollInterval;
    this.keep = keep;
    this.clock = clock;
  }

  /** Drills on {@code cluster}: the backups are read and restored there. Waits up to 30 minutes. */
  public static DrillRunner on(KubernetesClient cluster) {
    return new DrillRunner(cluster, cluster, Optional.empty(), Duration.ofMinutes(30), Duration.ofSeconds(2), false,
        Clock.systemUTC());
  }

  /** Restores into {@code cluster}, whose Velero runs in {@code veleroNamespace}, instead of the backups' own. */
  public DrillRunner restoringInto(KubernetesClient cluster, String veleroNamespace) {
    return new DrillRunner(source, Objects.requireNonNull(cluster), Optional.of(veleroNamespace), timeout,
        pollInterval, keep, clock);
  }

  /** The longest wait for Velero, for the resource list and for the restore each. */
  public DrillRunner timeout(Duration timeout) {
    return new DrillRunner(source, target, targetVeleroNamespace, positive(timeout, "timeout"), pollInterval, keep,
        clock);
  }

  /** How often Velero's progress is read. By default, every 2 seconds. */
  public DrillRunner pollInterval(Duration interval) {
    return new DrillRunner(source, target, targetVeleroNamespace, timeout, positive(interval, "poll interval"), keep,
        clock);
  }

  /**
   * Whether to leave what the drill restored (the scratch namespaces and volumes) and the Restore for inspection
   * instead of deleting them.
   */
  public DrillRunner keepRestored(boolean keep) {
    return new DrillRunner(source, target, targetVeleroNamespace, timeout, pollInterval, keep, clock);
  }

  /** Runs {@code drill}; problems found become findings of the result, never exceptions. */
  public DrillResult run(RestoreDrill drill) {
    String veleroNamespace = drill.schedule().veleroNamespace();
    String restoreNamespace = targetVeleroNamespace.orElse(veleroNamespace);
    DrillResult.Builder result = DrillResult.builder()
        .schedule(veleroNamespace + "/" + drill.schedule().name())
        .restore(restoreNamespace + "/" + drill.restoreName());
    List<Finding> findings = new ArrayList<>();
    List<Backup> backups;
    try {
      backups = source.resources(Backup.class).inNamespace(veleroNamespace)
          .withLabel(Velero.SCHEDULE_NAME_LABEL, drill.schedule().name()).list().getItems();
    } catch (KubernetesClientException e) {
      findings.add(BackupFindings.fail("drill-backup", "Backups in " + veleroNamespace, "cannot be listed (HTTP "
          + e.getCode() + ")", e.getCode() == 404 ? Velero.INSTALL : "check that you may list backups.velero.io in "
          + veleroNamespace));
      return result.findings(report(findings)).build();
    }
    Optional<Backup> backup = BackupHistory.newestCompleted(backups);
    if (backup.isEmpty()) {
      findings.add(BackupFindings.fail("drill-backup", "Schedule " + veleroNamespace + "/" + drill.schedule().name(),
          "has no completed backup to restore", "wait for its next run, or start one: velero backup create"
              + " --from-schedule " + drill.schedule().name()));
      return result.findings(report(findings)).build();
    }
    String backupName = backup.get().getMetadata().getName();
    result.backup(backupName);
    Resource<Restore> restore = target.resources(Restore.class).inNamespace(restoreNamespace)
        .withName(drill.restoreName());
    if (!leftovers(drill, restore, findings)) return result.findings(report(findings)).build();

    Optional<BackupContents> contents = contents(veleroNamespace, backupName, findings);
    try {
      target.resource(restoreObject(drill, backupName, restoreNamespace)).create();
    } catch (KubernetesClientException e) {
      findings.add(BackupFindings.fail("drill-restore", "Restore " + restoreNamespace + "/" + drill.restoreName(),
          "cannot be created (HTTP " + e.getCode() + ")", "check that Velero's CRDs are installed in the cluster"
              + " restored into and that you may create Restores in " + restoreNamespace));
      return result.findings(report(findings)).build();
    }
    List<String> cleanedUp = new ArrayList<>();
    try {
      Optional<Restore> done = new RestoreWatch(clock, pollInterval).awaitFinal(restore, timeout);
      Restore last = done.orElseGet(restore::get);
      String phase = last == null ? "deleted" : RestoreWatch.phase(last);
      result.restorePhase(phase);
      checkPhase(drill, restoreNamespace, done, phase, last, findings);
      if (done.isPresent() && contents.isPresent()) {
        RestoredObjects restored = new RestoredObjects(target);
        List<RestoredKind> kinds = new ArrayList<>();
        drill.namespaceMapping().forEach((from, to) -> kinds.addAll(restored.compare(contents.get(), from, to)));
        result.addAllKinds(kinds);
        kinds.forEach(k -> findings.add(comparison(k)));
      }
    } finally {
      if (!keep) cleanedUp.addAll(cleanUp(drill, restoreNamespace, findings));
    }
    return result.addAllCleanedUp(cleanedUp).findings(report(findings)).build();
  }

  /** False, with a finding, when a scratch namespace or the Restore is left from an earlier drill. */
  private boolean leftovers(RestoreDrill drill, Resource<Restore> restore, List<Finding> findings) {
    boolean clean = true;
    for (String scratch : drill.namespaceMapping().values()) {
      Namespace existing = target.namespaces().withName(scratch).get();
      if (existing != null) {
        clean = false;
        findings.add(BackupFindings.fail("drill-scratch", "Namespace " + scratch, "already exists, so the drill"
            + " cannot tell restored objects from others", "delete it (kubectl delete namespace " + scratch
            + ") if an earlier drill left it, or choose another suffix"));
      }
    }
    if (restore.get() != null) {
      clean = false;
      findings.add(BackupFindings.fail("drill-scratch", "Restore " + restore.get().getMetadata().getNamespace()
          + "/" + drill.restoreName(), "already exists", "delete it if an earlier drill left it (kubectl -n "
          + restore.get().getMetadata().getNamespace() + " delete restore " + drill.restoreName()
          + "), or choose another restore name"));
    }
    return clean;
  }

  private Optional<BackupContents> contents(String veleroNamespace, String backup, List<Finding> findings) {
    try {
      return Optional.of(new ResourceListDownload(source, HttpClient.newHttpClient(), clock, pollInterval)
          .fetch(veleroNamespace, backup, timeout));
    } catch (DrillStepException e) {
      findings.add(BackupFindings.warn("drill-contents", "Backup " + veleroNamespace + "/" + backup, e.getMessage()
          + "; the restored objects are not compared with the backup's", "check that Velero runs and can reach its"
          + " backup storage location (velero backup describe " + backup + " --details)"));
      return Optional.empty();
    }
  }

  private static HasMetadata restoreObject(RestoreDrill drill, String backup, String namespace) {
    VeleroRestore restore = drill.restoreOf(backup, namespace);
    return ClusterSpec.builder().name(drill.restoreName()).component(restore)
        .preExistingNamespace(namespace).preExistingCrd(Velero.CRDS).build().plan().resources().get(0).object();
  }

  private void checkPhase(RestoreDrill drill, String namespace, Optional<Restore> done, String phase, Restore last,
      List<Finding> findings) {
    String subject = "Restore " + namespace + "/" + drill.restoreName();
    String logs = "velero restore describe " + drill.restoreName() + " --details and velero restore logs "
        + drill.restoreName() + " say why";
    if (done.isEmpty()) {
      findings.add(BackupFindings.fail("drill-restore", subject, "did not finish within " + timeout.toSeconds()
          + " s (phase " + phase + ")", "give it more time (--timeout), or " + logs));
    } else if ("Completed".equals(phase)) {
      findings.add(BackupFindings.pass("drill-restore", subject, "Completed"));
    } else {
      String counts = last.getStatus().errors() == null ? "" : ", " + last.getStatus().errors() + " errors";
      String reason = last.getStatus().failureReason() == null ? "" : ": " + last.getStatus().failureReason();
      findings.add(BackupFindings.fail("drill-restore", subject, "ended " + phase + counts + reason, logs));
    }
  }

  private static Finding comparison(RestoredKind k) {
    String subject = k.kind() + " " + k.namespace() + " -> " + k.scratchNamespace();
    if (k.missing().isEmpty()) {
      return BackupFindings.pass("drill-objects", subject, k.restored() + " of " + k.expected() + " restored");
    }
    return BackupFindings.fail("drill-objects", subject, k.restored() + " of " + k.expected() + " restored; missing "
        + String.join(", ", k.missing()), "velero restore logs shows why they were skipped (an excluded resource,"
        + " a failed restore item action, or a kind the cluster does not serve)");
  }

  /**
   * Deletes the drill's {@link RestoreDrill#cleanup(String)} in the order and with the waits {@link DrillCleanup}
   * gives; what was there to delete.
   */
  private List<String> cleanUp(RestoreDrill drill, String restoreNamespace, List<Finding> findings) {
    return new DrillCleanup(target, clock, pollInterval, timeout).run(drill.cleanup(restoreNamespace), findings);
  }

  private static FindingReport report(List<Finding> findings) {
    return FindingReport.builder().check("backup drill").addAllFindings(findings).failOn(BackupFindings.FAIL)
        .build();
  }

  private static Duration positive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive, not " + d);
    return d;
  }
}
