package dev.shipshape.readiness;

import dev.shipshape.backup.BackupChecks;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashSet;
import java.util.Set;

/**
 * Backups, by the backup module's own checks ({@link BackupChecks#coverage} and {@link BackupChecks#offCluster}):
 * namespaces with claims that no schedule covers, and no backup location off the cluster.
 */
final class BackupCheck {
  static final FindingRule COVERAGE = Outcome.rule("backup-coverage", Severity.HIGH,
      "a namespace has persistent volume claims that no active Velero schedule backs up",
      "add the namespace to a Velero schedule, such as VeleroSchedule.daily(\"ns-daily\").namespaces(\"ns\")");
  static final FindingRule OFF_CLUSTER = Outcome.rule("backup-off-cluster", Severity.HIGH,
      "no Velero backup location keeps backups outside the cluster",
      "add a BackupStorageLocation in object storage outside the cluster (another provider, region or site)");

  private BackupCheck() {}

  static void run(ReadinessInput input, Outcome out) {
    out.rule(COVERAGE).rule(OFF_CLUSTER);
    Set<String> namespaces = new HashSet<>();
    input.objects("", "PersistentVolumeClaim").forEach(c -> namespaces.add(c.getMetadata().getNamespace()));
    for (HasMetadata set : input.objects("apps", "StatefulSet")) {
      if (Manifests.toTree(set).path("spec").path("volumeClaimTemplates").size() > 0) {
        namespaces.add(set.getMetadata().getNamespace());
      }
    }
    namespaces.forEach(ns -> out.checked(COVERAGE));
    BackupChecks.coverage(input.objects()).forEach(out::add);
    int locations = input.objects("velero.io", "BackupStorageLocation").size();
    for (int i = 0; i < Math.max(1, locations); i++) out.checked(OFF_CLUSTER);
    BackupChecks.offCluster(input.objects()).forEach(out::add);
  }
}
