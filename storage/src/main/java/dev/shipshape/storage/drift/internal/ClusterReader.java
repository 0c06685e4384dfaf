package dev.shipshape.storage.drift.internal;

import dev.shipshape.storage.drift.ClusterStorage;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Reads the storage objects of a cluster: one list request per kind, no request per object, the kinds' requests
 * in parallel (on a large cluster each list is mostly waiting for and decoding one large answer).
 */
public final class ClusterReader {
  private ClusterReader() {}

  public static ClusterStorage read(KubernetesClient client) {
    ExecutorService pool = Executors.newFixedThreadPool(9, r -> {
      Thread thread = new Thread(r, "storage-drift-read");
      thread.setDaemon(true);
      return thread;
    });
    try {
      var volumes = async(pool, () -> client.persistentVolumes().list().getItems());
      var claims = async(pool, () -> client.persistentVolumeClaims().inAnyNamespace().list().getItems());
      var attachments = async(pool, () -> client.storage().v1().volumeAttachments().list().getItems());
      var classes = async(pool, () -> client.storage().v1().storageClasses().list().getItems());
      var drivers = async(pool, () -> client.storage().v1().csiDrivers().list().getItems());
      var csiNodes = async(pool, () -> client.storage().v1().csiNodes().list().getItems());
      var nodes = async(pool, () -> client.nodes().list().getItems());
      var events = async(pool, () -> client.v1().events().inAnyNamespace()
          .withField("involvedObject.kind", "PersistentVolumeClaim").list().getItems());
      var snapshots = async(pool, () -> snapshotContents(client));
      return ClusterStorage.builder()
          .addAllPersistentVolumes(join(volumes))
          .addAllClaims(join(claims))
          .addAllVolumeAttachments(join(attachments))
          .addAllStorageClasses(join(classes))
          .addAllCsiDrivers(join(drivers))
          .addAllCsiNodes(join(csiNodes))
          .addAllNodes(join(nodes))
          .addAllClaimEvents(join(events))
          .snapshotContents(join(snapshots))
          .build();
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> CompletableFuture<T> async(ExecutorService pool, Supplier<T> read) {
    return CompletableFuture.supplyAsync(read, pool);
  }

  /** The read's result, or its own exception (such as a {@link KubernetesClientException}) rethrown. */
  private static <T> T join(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
      if (e.getCause() instanceof Error) throw (Error) e.getCause();
      throw e;
    }
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
