package dev.shipshape.storage.drift.internal;

import dev.shipshape.storage.drift.BackendSnapshot;
import dev.shipshape.storage.drift.BackendVolume;
import dev.shipshape.storage.drift.InventoryFormat;
import dev.shipshape.storage.drift.StorageBackend;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A backend read from inventory files, with the provider's CLI commands for remediation plans. */
final class FileBackend implements StorageBackend {
  private final InventoryFormat format;
  private final Set<String> drivers;
  private final List<BackendVolume> volumes;
  private final List<BackendSnapshot> snapshots;

  FileBackend(InventoryFormat format, Set<String> drivers, List<BackendVolume> volumes,
      List<BackendSnapshot> snapshots) {
    this.format = format;
    this.drivers = Set.copyOf(drivers);
    this.volumes = List.copyOf(volumes);
    this.snapshots = List.copyOf(snapshots);
  }

  @Override
  public String name() {
    return format.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public Set<String> drivers() {
    return drivers;
  }

  @Override
  public List<BackendVolume> volumes() {
    return volumes;
  }

  @Override
  public List<BackendSnapshot> snapshots() {
    return snapshots;
  }

  @Override
  public Optional<String> showVolumeCommand(String volumeId) {
    return command("openstack volume show " + volumeId, "aws ec2 describe-volumes --volume-ids " + volumeId);
  }

  @Override
  public Optional<String> deleteVolumeCommand(String volumeId) {
    return command("openstack volume delete " + volumeId, "aws ec2 delete-volume --volume-id " + volumeId);
  }

  @Override
  public Optional<String> detachVolumeCommand(String volumeId, String instanceId) {
    return command("openstack server remove volume " + instanceId + " " + volumeId,
        "aws ec2 detach-volume --volume-id " + volumeId + " --instance-id " + instanceId);
  }

  @Override
  public Optional<String> deleteSnapshotCommand(String snapshotId) {
    return command("openstack volume snapshot delete " + snapshotId,
        "aws ec2 delete-snapshot --snapshot-id " + snapshotId);
  }

  private Optional<String> command(String openstack, String aws) {
    switch (format) {
      case OPENSTACK:
        return Optional.of(openstack);
      case AWS:
        return Optional.of(aws);
      default:
        return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return name() + " inventory (" + volumes.size() + " volumes, " + snapshots.size() + " snapshots)";
  }
}
