package dev.shipshape.storage.drift.internal;

import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.storage.drift.ClusterStorage;
import dev.shipshape.storage.drift.RemediationPlan;
import dev.shipshape.storage.drift.StorageDrift;
import dev.shipshape.storage.drift.StorageDriftDetector;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** Runs every drift check once over indexes built once. */
public final class DriftChecks {
  private DriftChecks() {}

  public static StorageDrift run(StorageDriftDetector detector, ClusterStorage cluster) {
    DriftIndex index = new DriftIndex(cluster, detector.backend());
    DriftFindings out = new DriftFindings();
    new VolumeChecks(index, out).run();
    new LifecycleChecks(index, out, detector.clock().instant(), detector.pendingAfter(),
        detector.terminatingAfter()).run();
    new AttachmentChecks(index, out).run();
    new SnapshotDrift(index, out).run();
    Set<String> otherDrivers = new TreeSet<>();
    for (PersistentVolume pv : cluster.persistentVolumes()) {
      DriftIndex.driver(pv).filter(d -> !detector.backend().drivers().contains(d)).ifPresent(otherDrivers::add);
    }
    if (!otherDrivers.isEmpty()) {
      out.notes.add("PersistentVolumes of " + String.join(", ", otherDrivers) + " not compared: the "
          + detector.backend().name() + " backend holds " + String.join(", ", new TreeSet<>(detector.backend()
          .drivers())));
    }
    Collections.sort(out.findings);
    FindingReport report = FindingReport.builder().check("storage drift").failOn(Severity.HIGH)
        .addAllFindings(out.findings)
        .addAllNotes(out.notes).build();
    return StorageDrift.of(report, RemediationPlan.of(out.steps));
  }
}
