package dev.shipshape.storage.drift;

import static dev.shipshape.storage.drift.DriftFixtures.CINDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector against a real API server and controller-manager: storage objects created as users and CSI sidecars
 * would (the PV binder binds claims and marks volumes Released; statuses the sidecars own are written through the
 * status subresource), compared with inventory files. First a clean cluster, then one with every kind of drift.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class DriftControlPlaneTest {
  private static final String NS = "drift-shop";
  private static final int WAIT_SECONDS = 60;

  @TempDir
  Path dir;

  private final List<BackendVolume> volumes = new ArrayList<>();
  private final List<BackendSnapshot> snapshots = new ArrayList<>();

  /** A bound, attached volume in step with the backend. Idempotent. */
  private void baseline(KubernetesClient client) {
    TestNamespaces.create(client, NS);
    client.resource(DriftFixtures.driver(CINDER)).serverSideApply();
    client.resource(DriftFixtures.storageClass("csi-cinder-high-speed")).serverSideApply();
    client.resource(DriftFixtures.node("drift-node-1", "server-1")).serverSideApply();
    // What the kubelet writes once the driver's node plugin registered.
    client.resource(DriftFixtures.csiNode("drift-node-1", CINDER)).serverSideApply();
    boundClaim(client, "drift-pv-1", "vol-1", "orders-db", "20Gi");
    attach(client, "drift-va-1", "drift-pv-1", "drift-node-1");
    volumes.add(DriftFixtures.volume("vol-1", 20, "drift-pv-1", "server-1").build());
  }

  private static void boundClaim(KubernetesClient client, String pv, String handle, String claim, String size) {
    client.resource(clean(DriftFixtures.pv(pv, handle, size, NS, claim).build())).serverSideApply();
    client.resource(clean(DriftFixtures.claim(NS, claim, size, pv).build())).serverSideApply();
    // The controller-manager's PV binder binds the pre-bound pair.
    client.persistentVolumeClaims().inNamespace(NS).withName(claim).waitUntilCondition(c -> c != null
        && c.getStatus() != null && "Bound".equals(c.getStatus().getPhase()), WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** What the external-attacher does: create the VolumeAttachment, then report it attached in its status. */
  private static void attach(KubernetesClient client, String name, String pv, String node) {
    client.resource(DriftFixtures.attachment(name, pv, node, true)).serverSideApply();
    client.storage().v1().volumeAttachments().withName(name).editStatus(va -> {
      va.setStatus(DriftFixtures.attachment(name, pv, node, true).getStatus());
      return va;
    });
  }

  /** Objects as a user submits them: no status, no creation time. */
  private static <T extends HasMetadata> T clean(T object) {
    object.getMetadata().setCreationTimestamp(null);
    if (object instanceof PersistentVolume) ((PersistentVolume) object).setStatus(null);
    if (object instanceof io.fabric8.kubernetes.api.model.PersistentVolumeClaim) {
      ((io.fabric8.kubernetes.api.model.PersistentVolumeClaim) object).setStatus(null);
    }
    return object;
  }

  private StorageDrift detect(KubernetesClient client) throws IOException {
    Path inventory = dir.resolve("inventory.json");
    Files.writeString(inventory, DriftFixtures.genericInventory(volumes, snapshots));
    return StorageDriftDetector.builder().backend(Inventories.read(InventoryFormat.GENERIC, List.of(inventory)))
        .pendingAfter(Duration.ZERO).terminatingAfter(Duration.ZERO).build().detect(client);
  }

  /**
   * One test, in two steps: the extension deletes a test's namespaces after it, and cluster-scoped volumes bound
   * to claims of a deleted namespace would be drift themselves.
   */
  @Test
  void aCleanClusterHasNoFindingsThenEveryDriftIsFound(KubernetesClient client) throws IOException {
    baseline(client);
    assertThat(detect(client).report().findings()).isEmpty();

    boolean snapshotCrds = installSnapshotCrds(client);
    // Orphan: a volume created for a PersistentVolume that is gone.
    volumes.add(DriftFixtures.volume("vol-orphan", 8, "pvc-gone").build());
    // Missing: a PersistentVolume whose volume the backend does not have.
    client.resource(clean(DriftFixtures.pv("drift-pv-missing", "vol-missing", "5Gi", null, null).build()))
        .serverSideApply();
    // Released and retained, and attached to an instance that is no node (unknown to Kubernetes): the binder
    // marks a volume whose bound claim (by uid) is gone as Released.
    PersistentVolume released = clean(DriftFixtures.pv("drift-pv-released", "vol-released", "10Gi", NS, "old-claim")
        .editSpec().withPersistentVolumeReclaimPolicy("Retain").editClaimRef()
        .withUid("00000000-0000-4000-8000-000000000001").endClaimRef().endSpec().build());
    client.resource(released).serverSideApply();
    client.persistentVolumes().withName("drift-pv-released").waitUntilCondition(pv -> pv != null
        && pv.getStatus() != null && "Released".equals(pv.getStatus().getPhase()), WAIT_SECONDS, TimeUnit.SECONDS);
    volumes.add(DriftFixtures.volume("vol-released", 10, "drift-pv-released", "server-9").build());
    // Stuck Terminating: a finalizer that nothing removes.
    client.resource(clean(DriftFixtures.pv("drift-pv-stuck", "vol-stuck", "1Gi", null, null).editMetadata()
        .withFinalizers("example.com/hold").endMetadata().build())).serverSideApply();
    client.persistentVolumes().withName("drift-pv-stuck").delete();
    volumes.add(DriftFixtures.volume("vol-stuck", 1, "drift-pv-stuck").build());
    // Pending: a claim of a class that does not exist; the binder records why in an event.
    client.resource(clean(DriftFixtures.claim(NS, "search-index", "5Gi", null).editSpec()
        .withStorageClassName("gold").endSpec().build())).serverSideApply();
    waitForEvent(client, "search-index");
    // Attachment to a node that is gone.
    attach(client, "drift-va-ghost", "drift-pv-1", "gone-node");
    // Attached in Kubernetes, detached in the backend.
    boundClaim(client, "drift-pv-2", "vol-2", "logs", "10Gi");
    attach(client, "drift-va-2", "drift-pv-2", "drift-node-1");
    volumes.add(DriftFixtures.volume("vol-2", 10, "drift-pv-2").build());
    // An expansion that has not finished: the claim grows, the volume does not.
    client.persistentVolumeClaims().inNamespace(NS).withName("orders-db").edit(c -> {
      c.getSpec().getResources().setRequests(Map.of("storage", new Quantity("30Gi")));
      return c;
    });
    // Volumes of a class and of a driver that no longer exist.
    client.resource(clean(DriftFixtures.pv("drift-pv-oldclass", "vol-oldclass", "3Gi", null, null).editSpec()
        .withStorageClassName("retired").endSpec().build())).serverSideApply();
    volumes.add(DriftFixtures.volume("vol-oldclass", 3, "drift-pv-oldclass").build());
    client.resource(clean(DriftFixtures.pv("drift-pv-gone-driver", "share-1", "1Gi", null, null).editSpec()
        .editCsi().withDriver("gone.csi.example.com").endCsi().withStorageClassName(null).endSpec().build()))
        .serverSideApply();
    if (snapshotCrds) {
      client.resources(VolumeSnapshotContent.class)
          .resource(DriftFixtures.snapshotContent("drift-snapcontent", "snap-missing")).serverSideApply();
      snapshots.add(BackendSnapshot.builder().id("snap-orphan").sizeGiB(20).state("available").build());
    }

    StorageDrift drift = detect(client);

    List<String> expected = new ArrayList<>(List.of("storage-orphaned-volume", "storage-volume-missing",
        "storage-released-retained", "storage-stuck-terminating", "storage-claim-pending",
        "storage-attachment-node-missing", "storage-attachment-detached-in-backend",
        "storage-attachment-unknown-to-kubernetes", "storage-size-mismatch", "storage-class-missing",
        "storage-driver-missing"));
    if (snapshotCrds) expected.addAll(List.of("storage-snapshot-missing", "storage-orphaned-snapshot"));
    assertThat(drift.report().findings().stream().map(Finding::ruleId).distinct().collect(Collectors.toList()))
        .as(drift.report().toText()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(drift.report().findings("storage-claim-pending")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("ProvisioningFailed", "\"gold\" not found"));
    assertThat(drift.report().findings("storage-size-mismatch")).singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("claim drift-shop/orders-db asks for 30Gi but"
            + " PersistentVolume drift-pv-1 has 20Gi"));
    assertThat(drift.remediation().toText()).contains("kubectl delete volumeattachment drift-va-ghost");
    client.persistentVolumes().withName("drift-pv-stuck").edit(pv -> {
      pv.getMetadata().setFinalizers(List.of());
      return pv;
    });
  }

  private static void waitForEvent(KubernetesClient client, String claim) {
    try {
      client.v1().events().inNamespace(NS).withField("involvedObject.name", claim)
          .informOnCondition(events -> !events.isEmpty()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no event for claim " + claim + " within " + WAIT_SECONDS + " s", e);
    }
  }

  /** Installs the snapshot CRDs of the shared reference folder, when it has them. */
  private static boolean installSnapshotCrds(KubernetesClient client) throws IOException {
    Path folder;
    try {
      folder = SharedData.require("k8s-reference/crds/snapshot");
    } catch (org.opentest4j.TestAbortedException e) {
      return false;
    }
    CustomResourceDefinitions.install(client, folder);
    return true;
  }
}
