package dev.shipshape.storage.drift.internal;

import dev.shipshape.storage.drift.ClusterStorage;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

/** Reads the storage objects of a cluster: one list request per kind, no request per object. */
public final class ClusterReader {
  private ClusterReader() {}

  public static ClusterStorage read(KubernetesClient client) {
    return ClusterStorage.builder()
        .addAllPersistentVolumes(client.persistentVolumes().list().getItems())
        .addAllClaims(client.persistentVolumeClaims().inAnyNamespace().list().getItems())
        .addAllVolumeAttachments(client.storage().v1().volumeAttachments().list().getItems())
        .addAllStorageClasses(client.storage().v1().storageClasses().list().getItems())
        .addAllCsiDrivers(client.storage().v1().csiDrivers().list().getItems())
        .addAllNodes(client.nodes().list().getItems())
        .addAllClaimEvents(client.v1().events().inAnyNamespace()
            .withField("involvedObject.kind", "PersistentVolumeClaim").list().getItems())
        .snapshotContents(snapshotContents(client))
        .build();
  }

  /** Absent when the CRD is not installed (the API answers 404 for the resource). */
  private static Optional<List<VolumeSnapshotContent>> snapshotContents(KubernetesClient client) {
    try {
      return Optional.of(client.resources(VolumeSnapshotContent.class).list().getItems());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) return Optional.empty();
      throw e;
    }
  }
}
