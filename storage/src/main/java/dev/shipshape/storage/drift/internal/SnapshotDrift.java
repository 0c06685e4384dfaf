package dev.shipshape.storage.drift.internal;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.storage.VolumeSnapshotSpec;
import dev.shipshape.storage.drift.BackendSnapshot;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** VolumeSnapshotContents against the backend's snapshots, both ways. */
final class SnapshotDrift {
  /** Metadata keys under which CSI drivers record the VolumeSnapshot a backend snapshot was taken for. */
  private static final List<String> SNAPSHOT_KEYS = List.of("csi.storage.k8s.io/volumesnapshot/name",
      "CSIVolumeSnapshotName");
  private final DriftIndex index;
  private final DriftFindings out;

  SnapshotDrift(DriftIndex index, DriftFindings out) {
    this.index = index;
    this.out = out;
  }

  void run() {
    Optional<List<VolumeSnapshotContent>> contents = index.cluster.snapshotContents();
    if (contents.isEmpty()) {
      out.notes.add("snapshots not compared: the cluster has no VolumeSnapshotContent CRD");
      return;
    }
    if (index.backend.snapshots().isEmpty()) {
      out.notes.add("snapshots not compared: the " + index.backend.name() + " inventory lists no snapshot");
      return;
    }
    Set<String> handles = new HashSet<>();
    for (VolumeSnapshotContent content : contents.get()) {
      Optional<String> handle = handle(content);
      handle.ifPresent(handles::add);
      if (handle.isEmpty() || !index.backend.drivers().contains(content.getSpec().getDriver())) continue;
      if (!index.snapshotsById.containsKey(handle.get())) missing(content, handle.get());
    }
    for (BackendSnapshot snapshot : index.backend.snapshots()) {
      if (!handles.contains(snapshot.id())) orphan(snapshot);
    }
  }

  private static Optional<String> handle(VolumeSnapshotContent content) {
    if (content.getStatus() != null && content.getStatus().getSnapshotHandle() != null) {
      return Optional.of(content.getStatus().getSnapshotHandle());
    }
    return Optional.ofNullable(content.getSpec().getSource()).map(s -> s.getSnapshotHandle());
  }

  private void missing(VolumeSnapshotContent content, String handle) {
    String name = content.getMetadata().getName();
    out.add("storage-snapshot-missing", Severity.HIGH, List.of(ResourceRef.clusterScoped(VolumeSnapshotSpec.GROUP,
            "VolumeSnapshotContent", name)), "VolumeSnapshotContent " + name + " refers to " + index.backend.name()
            + " snapshot " + handle + ", which the backend does not have: restores from it will fail",
        "take a new snapshot, and delete this VolumeSnapshotContent and its VolumeSnapshot");
    out.step("storage-snapshot-missing", "VolumeSnapshotContent " + name, "delete the dangling snapshot objects",
        true, List.of(Optional.of("kubectl delete volumesnapshotcontent " + name)));
  }

  private void orphan(BackendSnapshot snapshot) {
    Optional<String> takenFor = SNAPSHOT_KEYS.stream().map(snapshot.metadata()::get).filter(v -> v != null)
        .findFirst();
    String subject = index.backend.name() + " snapshot " + snapshot.id() + snapshot.name().map(n -> " (" + n + ")")
        .orElse("");
    out.add("storage-orphaned-snapshot", takenFor.isPresent() ? Severity.MEDIUM : Severity.LOW, List.of(),
        subject + ", " + snapshot.sizeGiB() + " GiB: no VolumeSnapshotContent refers to it" + takenFor.map(
            s -> "; it was taken for VolumeSnapshot " + s).orElse("") + "; it is billed",
        "keep it only if it is a deliberate backup; otherwise delete it in the backend");
    out.step("storage-orphaned-snapshot", subject, "delete it when it is not a deliberate backup", true,
        List.of(index.backend.deleteSnapshotCommand(snapshot.id())));
  }
}
