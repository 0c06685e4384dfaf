package dev.shipshape.storage.drift;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.storage.drift.internal.ClusterReader;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The storage objects of a cluster at one moment, as the drift detector reads them: PersistentVolumes, claims,
 * VolumeAttachments, StorageClasses, CSIDrivers, CSINodes, Nodes, the Events of claims, and VolumeSnapshotContents
 * where the snapshot CRDs are installed. Read them with {@link #read}, or build them for an offline check.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ClusterStorage {

  public abstract List<PersistentVolume> persistentVolumes();

  public abstract List<PersistentVolumeClaim> claims();

  public abstract List<VolumeAttachment> volumeAttachments();

  public abstract List<StorageClass> storageClasses();

  public abstract List<CSIDriver> csiDrivers();

  /**
   * The CSINode of each node, listing the CSI drivers whose node plugin registered there. A driver need not have a
   * CSIDriver object, so these registrations are what shows a driver installed; without any CSINode, a missing
   * driver is not reported.
   */
  public abstract List<CSINode> csiNodes();

  public abstract List<Node> nodes();

  /** Events whose involved object is a PersistentVolumeClaim. */
  public abstract List<Event> claimEvents();

  /** Empty when the cluster has no VolumeSnapshotContent CRD. */
  public abstract Optional<List<VolumeSnapshotContent>> snapshotContents();

  /**
   * Reads a cluster with one list request per kind (nine at most), never one per volume; read-only.
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the cluster cannot be read
   */
  public static ClusterStorage read(KubernetesClient client) {
    return ClusterReader.read(client);
  }

  public static Builder builder() {
    return ImmutableClusterStorage.builder();
  }

  /** Builds {@link ClusterStorage}s; every list defaults to empty, snapshot contents to absent. */
  public interface Builder {
    /** Starts from every list of {@code existing}, to vary one of them. */
    Builder from(ClusterStorage existing);

    Builder persistentVolumes(Iterable<? extends PersistentVolume> volumes);

    Builder claims(Iterable<? extends PersistentVolumeClaim> claims);

    Builder volumeAttachments(Iterable<? extends VolumeAttachment> attachments);

    Builder storageClasses(Iterable<? extends StorageClass> classes);

    Builder csiDrivers(Iterable<? extends CSIDriver> drivers);

    Builder csiNodes(Iterable<? extends CSINode> csiNodes);

    Builder addCsiNodes(CSINode... csiNodes);

    Builder addAllCsiNodes(Iterable<? extends CSINode> csiNodes);

    Builder nodes(Iterable<? extends Node> nodes);

    Builder addPersistentVolumes(PersistentVolume... volumes);

    Builder addAllPersistentVolumes(Iterable<? extends PersistentVolume> volumes);

    Builder addClaims(PersistentVolumeClaim... claims);

    Builder addAllClaims(Iterable<? extends PersistentVolumeClaim> claims);

    Builder addVolumeAttachments(VolumeAttachment... attachments);

    Builder addAllVolumeAttachments(Iterable<? extends VolumeAttachment> attachments);

    Builder addStorageClasses(StorageClass... classes);

    Builder addAllStorageClasses(Iterable<? extends StorageClass> classes);

    Builder addCsiDrivers(CSIDriver... drivers);

    Builder addAllCsiDrivers(Iterable<? extends CSIDriver> drivers);

    Builder addNodes(Node... nodes);

    Builder addAllNodes(Iterable<? extends Node> nodes);

    Builder addClaimEvents(Event... events);

    Builder addAllClaimEvents(Iterable<? extends Event> events);

    Builder snapshotContents(List<VolumeSnapshotContent> contents);

    Builder snapshotContents(Optional<? extends List<VolumeSnapshotContent>> contents);

    ClusterStorage build();
  }
}
