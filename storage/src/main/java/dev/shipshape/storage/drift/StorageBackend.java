package dev.shipshape.storage.drift;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The storage backend's own view of its volumes and snapshots: the SPI behind {@link StorageDriftDetector}.
 * Implement it for any provider in a few lines (the built-in ones, from {@link Inventories}, read the JSON that the
 * cloud's own CLI exports, so no credentials are needed).
 *
 * <p>Implementations are called once per detection, from the calling thread; they may read files or call an API,
 * and report failures as unchecked exceptions.
 */
public interface StorageBackend {

  /** A short name for reports, such as {@code openstack}. */
  String name();

  /**
   * The CSI drivers whose volumes this backend holds, such as {@code cinder.csi.openstack.org}: only
   * PersistentVolumes of these drivers are matched against it.
   */
  Set<String> drivers();

  /** Every volume of the backend (of the project or account the cluster uses). */
  List<BackendVolume> volumes();

  /** Every snapshot; empty when the inventory has none. */
  List<BackendSnapshot> snapshots();

  /** A command that shows a volume, for a remediation plan. By default, none. */
  default Optional<String> showVolumeCommand(String volumeId) {
    return Optional.empty();
  }

  /** A command that deletes a volume, for a remediation plan (never run by Shipshape). By default, none. */
  default Optional<String> deleteVolumeCommand(String volumeId) {
    return Optional.empty();
  }

  /** A command that detaches a volume from an instance. By default, none. */
  default Optional<String> detachVolumeCommand(String volumeId, String instanceId) {
    return Optional.empty();
  }

  /** A command that deletes a snapshot. By default, none. */
  default Optional<String> deleteSnapshotCommand(String snapshotId) {
    return Optional.empty();
  }
}
