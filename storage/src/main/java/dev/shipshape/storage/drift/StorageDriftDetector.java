package dev.shipshape.storage.drift;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.storage.drift.internal.DriftChecks;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * Finds drift between a cluster's storage objects and the storage backend, matching PersistentVolumes to backend
 * volumes by their CSI volume handle. It never changes anything: it reports findings (core's findings model) and a
 * {@link RemediationPlan} that a user may apply.
 *
 * <pre>{@code
 * StorageDrift drift = StorageDriftDetector.builder()
 *     .backend(Inventories.read(InventoryFormat.OPENSTACK, List.of(Path.of("volumes.json"))))
 *     .build()
 *     .detect(client);
 * System.out.println(drift.report().toText());
 * System.out.println(drift.remediation().toText());
 * }</pre>
 *
 * <p>Findings (rule ids): {@code storage-orphaned-volume} (backend volumes no PersistentVolume refers to),
 * {@code storage-volume-missing} (PersistentVolumes whose backend volume is gone), {@code storage-released-retained}
 * (Released volumes kept by reclaimPolicy Retain), {@code storage-stuck-terminating} (PersistentVolumes and claims
 * Terminating longer than {@link #terminatingAfter()}, with their finalizers and VolumeAttachments),
 * {@code storage-claim-pending} (claims Pending longer than {@link #pendingAfter()}, with the reason from their
 * events; claims of WaitForFirstConsumer classes that no scheduled pod uses yet are only listed in a note),
 * {@code storage-attachment-node-missing}, {@code storage-attachment-detached-in-backend},
 * {@code storage-attachment-unknown-to-kubernetes}, {@code storage-size-mismatch} (claim request, PersistentVolume
 * capacity and backend size after an expansion), {@code storage-class-missing}, {@code storage-driver-missing},
 * {@code storage-snapshot-missing} and {@code storage-orphaned-snapshot}.
 *
 * <p>Only PersistentVolumes of the backend's {@link StorageBackend#drivers()} are compared with it. Nodes are
 * matched to backend instances by the last segment of their {@code spec.providerID} ({@code openstack:///<uuid>},
 * {@code aws:///<zone>/<instance-id>}). Detection is linear in the number of objects.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class StorageDriftDetector {

  public abstract StorageBackend backend();

  /** How long a claim may stay Pending before it is reported. By default, 5 minutes. */
  @Value.Default
  public Duration pendingAfter() {
    return Duration.ofMinutes(5);
  }

  /** How long an object may stay Terminating before it is reported. By default, 5 minutes. */
  @Value.Default
  public Duration terminatingAfter() {
    return Duration.ofMinutes(5);
  }

  /** The clock that ages Pending and Terminating objects. By default, the system clock. */
  @Value.Default
  public Clock clock() {
    return Clock.systemUTC();
  }

  public static Builder builder() {
    return ImmutableStorageDriftDetector.builder();
  }

  /** Compares storage objects already read (or built for a test) with the backend. */
  public StorageDrift detect(ClusterStorage cluster) {
    return DriftChecks.run(this, cluster);
  }

  /** Reads the cluster (one list request per kind, read-only) and compares it with the backend. */
  public StorageDrift detect(KubernetesClient client) {
    return detect(ClusterStorage.read(client));
  }

  /** Builds {@link StorageDriftDetector}s; the backend is required. */
  public interface Builder {
    Builder from(StorageDriftDetector existing);

    Builder backend(StorageBackend backend);

    Builder pendingAfter(Duration pendingAfter);

    Builder terminatingAfter(Duration terminatingAfter);

    Builder clock(Clock clock);

    StorageDriftDetector build();
  }
}
