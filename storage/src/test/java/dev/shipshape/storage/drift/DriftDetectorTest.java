package dev.shipshape.storage.drift;

import static dev.shipshape.storage.drift.DriftFixtures.CINDER;
import static dev.shipshape.storage.drift.DriftFixtures.attachment;
import static dev.shipshape.storage.drift.DriftFixtures.claim;
import static dev.shipshape.storage.drift.DriftFixtures.claimEvent;
import static dev.shipshape.storage.drift.DriftFixtures.csiNode;
import static dev.shipshape.storage.drift.DriftFixtures.driver;
import static dev.shipshape.storage.drift.DriftFixtures.node;
import static dev.shipshape.storage.drift.DriftFixtures.pv;
import static dev.shipshape.storage.drift.DriftFixtures.snapshotContent;
import static dev.shipshape.storage.drift.DriftFixtures.storageClass;
import static dev.shipshape.storage.drift.DriftFixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.storage.drift.internal.InventoryReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  /** A healthy cluster: one bound, attached volume and one snapshot, in step with the backend. */
  private ClusterStorage.Builder cluster() {
    return ClusterStorage.builder()
        .addCsiDrivers(driver(CINDER)).addCsiNodes(csiNode("node-1", CINDER))
        .addStorageClasses(storageClass("csi-cinder-high-speed"))
        .addNodes(node("node-1", "server-1"))
        .addPersistentVolumes(pv("pv-1", "vol-1", "20Gi", "shop", "orders-db").build())
        .addClaims(claim("shop", "orders-db", "20Gi", "pv-1").build())
        .addVolumeAttachments(attachment("csi-va-1", "pv-1", "node-1", true))
        .snapshotContents(List.of(snapshotContent("snapcontent-1", "snap-1")));
  }

  private final List<BackendVolume> volumes = new ArrayList<>(List.of(volume("vol-1", 20, "pv-1", "server-1")
      .build()));
  private final List<BackendSnapshot> snapshots = new ArrayList<>(List.of(BackendSnapshot.builder().id("snap-1")
      .volumeId("vol-1").sizeGiB(20).state("available").build()));

  private StorageDrift detect(ClusterStorage cluster) {
    StorageBackend backend = InventoryReader.parse(InventoryFormat.OPENSTACK, List.of());
    StorageBackend withInventory = new StorageBackend() {
      @Override
      public String name() {
        return "openstack";
      }

      @Override
      public java.util.Set<String> drivers() {
        return java.util.Set.of(CINDER);
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
      public java.util.Optional<String> deleteVolumeCommand(String id) {
        return backend.deleteVolumeCommand(id);
      }

      @Override
      public java.util.Optional<String> showVolumeCommand(String id) {
        return backend.showVolumeCommand(id);
      }

      @Override
      public java.util.Optional<String> detachVolumeCommand(String id, String instance) {
        return backend.detachVolumeCommand(id, instance);
      }
    };
    return StorageDriftDetector.builder().backend(withInventory).clock(NOW).build().detect(cluster);
  }

  private static List<String> lines(StorageDrift drift) {
    return drift.report().findings().stream().map(Finding::toString).collect(Collectors.toList());
  }

  @Test
  void aCleanClusterHasNoFindings() {
    StorageDrift drift = detect(cluster().build());
    assertThat(drift.report().findings()).isEmpty();
    assertThat(drift.report().notes()).isEmpty();
    assertThat(drift.remediation().isEmpty()).isTrue();
    assertThat(drift.remediation().toText()).isEqualTo("Remediation plan: nothing to do." + System.lineSeparator());
  }

  @Test
  void orphanedBackendVolumes() {
    volumes.add(volume("vol-2", 10, "pv-gone").build());
    volumes.add(volume("vol-3", 5, null).build());
    volumes.add(volume("vol-boot", 50, null, "server-1").build());
    assertThat(lines(detect(cluster().build()))).containsExactly(
        "MEDIUM storage-orphaned-volume: openstack volume vol-2, 10 GiB, available: no PersistentVolume refers to"
            + " it; it was created for PersistentVolume pv-gone, which no longer exists; its capacity leaks and is"
            + " billed — check that no one needs its data (take a snapshot if unsure), then delete it in the backend",
        "LOW storage-orphaned-volume: openstack volume vol-3, 5 GiB, available: no PersistentVolume refers to it and"
            + " it is attached nowhere; its capacity leaks and is billed — check that no one needs its data (take a"
            + " snapshot if unsure), then delete it in the backend");
  }

  @Test
  void persistentVolumeWhoseBackendVolumeIsMissing() {
    volumes.clear();
    StorageDrift drift = detect(cluster().build());
    assertThat(drift.report().failed()).as("a CRITICAL finding fails the report as it comes").isTrue();
    assertThat(drift.report().findings("storage-volume-missing")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.message()).isEqualTo("PersistentVolume pv-1 refers to openstack volume vol-1, which the backend"
          + " does not have; claim shop/orders-db is bound to it, and its pods cannot start or have lost their data");
    });
    assertThat(drift.remediation().toText()).contains("[destructive] PersistentVolume pv-1 (storage-volume-missing)",
        "$ kubectl get pv pv-1 -o yaml", "$ openstack volume show vol-1", "$ kubectl delete pv pv-1");
  }

  @Test
  void releasedVolumeKeptByRetain() {
    var released = pv("pv-2", "vol-2", "10Gi", "shop", "old-claim").editSpec()
        .withPersistentVolumeReclaimPolicy("Retain").endSpec().editStatus().withPhase("Released").endStatus().build();
    volumes.add(volume("vol-2", 10, "pv-2").build());
    StorageDrift drift = detect(cluster().addPersistentVolumes(released).build());
    assertThat(lines(drift)).containsExactly("MEDIUM storage-released-retained PersistentVolume pv-2: PersistentVolume"
        + " pv-2 is Released (claim shop/old-claim was deleted) and kept by reclaimPolicy Retain: no claim can use"
        + " it, and its backend volume vol-2 stays billed — if the data is needed, remove spec.claimRef so that a"
        + " new claim can bind it; otherwise delete the PersistentVolume and then the backend volume");
    assertThat(drift.remediation().steps()).extracting(RemediationStep::destructive).containsExactly(false, true);
    assertThat(drift.remediation().steps().get(1).commands()).containsExactly("kubectl delete pv pv-2",
        "openstack volume delete vol-2");
  }

  @Test
  void volumeAndClaimStuckTerminating() {
    var pv = pv("pv-1", "vol-1", "20Gi", "shop", "orders-db").editMetadata()
        .withDeletionTimestamp("2026-12-01T11:00:00Z").withFinalizers("kubernetes.io/pv-protection",
            "external-attacher/cinder-csi-openstack-org").endMetadata().build();
    var claim = claim("shop", "orders-db", "20Gi", "pv-1").editMetadata()
        .withDeletionTimestamp("2026-12-01T11:58:00Z").withFinalizers("kubernetes.io/pvc-protection").endMetadata()
        .build();
    ClusterStorage cluster = ClusterStorage.builder().from(cluster().build()).persistentVolumes(List.of(pv))
        .claims(List.of(claim)).build();
    StorageDrift drift = detect(cluster);
    // The claim is only two minutes into its deletion: not yet stuck.
    assertThat(lines(drift)).containsExactly("HIGH storage-stuck-terminating PersistentVolume pv-1: PersistentVolume"
        + " pv-1 has been Terminating for 1h0m0s (finalizers: kubernetes.io/pv-protection,"
        + " external-attacher/cinder-csi-openstack-org); held by VolumeAttachment csi-va-1 (node node-1) — find"
        + " what holds it: pods still using the claim (kubernetes.io/pvc-protection), a VolumeAttachment whose node"
        + " is gone (external-attacher); remove finalizers by hand only once the volume is detached");
    assertThat(drift.report().findings().get(0).resources()).extracting(Object::toString)
        .containsExactly("PersistentVolume pv-1", "VolumeAttachment.storage.k8s.io csi-va-1");
    StorageDrift later = StorageDriftDetector.builder().from(StorageDriftDetector.builder()
        .backend(Inventories.parse(InventoryFormat.GENERIC, "g", "{\"drivers\": [\"" + CINDER
            + "\"], \"volumes\": [{\"id\": \"vol-1\", \"sizeGiB\": 20, \"state\": \"in-use\", \"attachedTo\":"
            + " [\"server-1\"]}]}")).build())
        .clock(Clock.offset(NOW, java.time.Duration.ofMinutes(10))).build().detect(cluster);
    assertThat(later.report().findings("storage-stuck-terminating")).extracting(f -> f.resource().get().toString())
        .containsExactly("PersistentVolume pv-1", "PersistentVolumeClaim shop/orders-db");
  }

  @Test
  void claimPendingTooLongWithTheReasonFromItsLatestEvent() {
    StorageDrift drift = detect(cluster()
        .addClaims(claim("shop", "search-index", "5Gi", null).editMetadata()
            .addToAnnotations("volume.kubernetes.io/selected-node", "node-1").endMetadata().build())
        .addClaimEvents(claimEvent("shop", "search-index", "ExternalProvisioning", "waiting", "2026-12-01T10:00:05Z"),
            claimEvent("shop", "search-index", "ProvisioningFailed", "storageclass.storage.k8s.io \"gold\" not found",
                "2026-12-01T11:59:00Z"))
        .build());
    assertThat(lines(drift)).containsExactly("MEDIUM storage-claim-pending PersistentVolumeClaim shop/search-index:"
        + " claim shop/search-index has been Pending for 2h0m0s; last event ProvisioningFailed:"
        + " storageclass.storage.k8s.io \"gold\" not found — fix what the event says (a missing StorageClass, a"
        + " provisioning error, quota); with WaitForFirstConsumer the claim binds only once a pod using it is"
        + " scheduled");
  }

  @Test
  void attachmentToANodeThatNoLongerExists() {
    StorageDrift drift = detect(ClusterStorage.builder().from(cluster().build()).nodes(List.of()).build());
    assertThat(drift.report().findings("storage-attachment-node-missing")).singleElement()
        .satisfies(f -> assertThat(f.message()).isEqualTo("VolumeAttachment csi-va-1 attaches PersistentVolume pv-1"
            + " to node node-1, which no longer exists; the volume cannot attach elsewhere (a ReadWriteOnce volume"
            + " stays blocked)"));
    assertThat(drift.remediation().steps()).filteredOn(s -> s.ruleId().equals("storage-attachment-node-missing"))
        .singleElement().satisfies(s -> assertThat(s.commands()).containsExactly(
            "openstack server remove volume server-1 vol-1", "kubectl delete volumeattachment csi-va-1"));
  }

  @Test
  void attachedInKubernetesButDetachedInTheBackend() {
    volumes.set(0, volume("vol-1", 20, "pv-1").build());
    assertThat(lines(detect(cluster().build()))).containsExactly("HIGH storage-attachment-detached-in-backend"
        + " VolumeAttachment.storage.k8s.io csi-va-1: VolumeAttachment csi-va-1 says PersistentVolume pv-1 is"
        + " attached to node node-1, but openstack volume vol-1 is attached nowhere; pods on the node see I/O"
        + " errors — restart the pods using the claim so that the attacher attaches the volume again; if that"
        + " fails, delete the VolumeAttachment");
  }

  @Test
  void attachedInTheBackendButNotInKubernetes() {
    volumes.set(0, volume("vol-1", 20, "pv-1", "server-1", "server-9").build());
    StorageDrift drift = detect(cluster().addNodes(node("node-2", "server-2")).build());
    assertThat(lines(drift)).containsExactly("MEDIUM storage-attachment-unknown-to-kubernetes PersistentVolume pv-1:"
        + " openstack volume vol-1 of PersistentVolume pv-1 is attached to instance server-9, which is no node of"
        + " the cluster, but no attached VolumeAttachment says so: a detach was lost, and the volume cannot attach"
        + " where its pod runs — check that nothing on that instance uses the volume, then detach it in the"
        + " backend");
    volumes.set(0, volume("vol-1", 20, "pv-1", "server-2").build());
    assertThat(detect(cluster().addNodes(node("node-2", "server-2")).build()).report().findings())
        .extracting(Finding::ruleId).containsExactlyInAnyOrder("storage-attachment-detached-in-backend",
            "storage-attachment-unknown-to-kubernetes");
  }

  @Test
  void sizeMismatchesAfterAnExpansion() {
    var claim = claim("shop", "orders-db", "30Gi", "pv-1").editStatus().addNewCondition()
        .withType("Resizing").withStatus("True").endCondition().endStatus().build();
    StorageDrift pending = detect(ClusterStorage.builder().from(cluster().build()).claims(List.of(claim)).build());
    assertThat(lines(pending)).containsExactly("MEDIUM storage-size-mismatch PersistentVolumeClaim shop/orders-db:"
        + " claim shop/orders-db asks for 30Gi but PersistentVolume pv-1 has 20Gi: the expansion has not finished"
        + " (conditions: Resizing) — look at the claim's conditions and events; the StorageClass must allow"
        + " expansion and the CSI driver's resizer must run");
    volumes.set(0, volume("vol-1", 10, "pv-1", "server-1").build());
    assertThat(lines(detect(cluster().build()))).containsExactly("HIGH storage-size-mismatch PersistentVolume pv-1:"
        + " PersistentVolume pv-1 has 20Gi but openstack volume vol-1 is 10 GiB: the backend expansion failed or"
        + " was undone, and the file system may fill up early — expand the backend volume to the capacity"
        + " Kubernetes records, or find the failed expansion in the driver's logs");
    volumes.set(0, volume("vol-1", 40, "pv-1", "server-1").build());
    assertThat(lines(detect(cluster().build()))).singleElement().asString().startsWith("LOW storage-size-mismatch"
        + " PersistentVolume pv-1: openstack volume vol-1 is 40 GiB but PersistentVolume pv-1 records 20Gi");
  }

  @Test
  void backendRoundingUpToWholeGibIsNoMismatch() {
    ClusterStorage cluster = ClusterStorage.builder().from(cluster().build())
        .persistentVolumes(List.of(pv("pv-1", "vol-1", "1536Mi", "shop", "orders-db").build()))
        .claims(List.of(claim("shop", "orders-db", "1536Mi", "pv-1").build())).build();
    volumes.set(0, volume("vol-1", 2, "pv-1", "server-1").build());
    assertThat(detect(cluster).report().findings()).isEmpty();
  }

  @Test
  void volumesOfAMissingClassOrDriver() {
    StorageDrift drift = detect(ClusterStorage.builder().from(cluster().build()).storageClasses(List.of())
        .csiDrivers(List.of()).csiNodes(List.of(csiNode("node-1", "nfs.csi.k8s.io"))).build());
    assertThat(drift.report().findings()).extracting(Finding::ruleId)
        .containsExactly("storage-driver-missing", "storage-class-missing");
    assertThat(drift.report().findings()).extracting(Finding::message).containsExactly("PersistentVolume pv-1 is"
        + " of CSI driver cinder.csi.openstack.org, which no node's CSINode lists and which has no CSIDriver object:"
        + " the driver's node plugin runs on no node, so the volume cannot be mounted, and the driver is probably"
        + " uninstalled", "PersistentVolume pv-1, provisioned by cinder.csi.openstack.org, is of StorageClass"
        + " csi-cinder-high-speed, which no longer exists: its claim cannot be expanded, and new claims of that"
        + " class stay Pending");
  }

  @Test
  void snapshotsOnOneSideOnly() {
    snapshots.set(0, BackendSnapshot.builder().id("snap-2").sizeGiB(20).state("available")
        .putMetadata("csi.storage.k8s.io/volumesnapshot/name", "nightly").build());
    assertThat(lines(detect(cluster().build()))).containsExactly(
        "HIGH storage-snapshot-missing VolumeSnapshotContent.snapshot.storage.k8s.io snapcontent-1:"
            + " VolumeSnapshotContent snapcontent-1 refers to openstack snapshot snap-1, which the backend does not"
            + " have: restores from it will fail — take a new snapshot, and delete this VolumeSnapshotContent and"
            + " its VolumeSnapshot",
        "MEDIUM storage-orphaned-snapshot: openstack snapshot snap-2, 20 GiB: no VolumeSnapshotContent refers to it;"
            + " it was taken for VolumeSnapshot nightly; it is billed — keep it only if it is a deliberate backup;"
            + " otherwise delete it in the backend");
  }

  @Test
  void whatCannotBeComparedIsNoted() {
    snapshots.clear();
    var nfs = pv("pv-nfs", "share-1", "1Gi", null, null).editSpec().editCsi().withDriver("nfs.csi.k8s.io")
        .endCsi().endSpec().build();
    StorageDrift drift = detect(ClusterStorage.builder().from(cluster().addPersistentVolumes(nfs)
        .addCsiDrivers(driver("nfs.csi.k8s.io")).addCsiNodes(csiNode("node-2", "nfs.csi.k8s.io")).build())
        .snapshotContents(java.util.Optional.empty()).build());
    assertThat(drift.report().findings()).isEmpty();
    assertThat(drift.report().notes()).containsExactly(
        "snapshots not compared: the cluster has no VolumeSnapshotContent CRD",
        "PersistentVolumes of nfs.csi.k8s.io not compared: the openstack backend holds cinder.csi.openstack.org");
  }

  @Test
  void theReportAndPlanRenderAsJson() {
    volumes.add(volume("vol-2", 10, "pv-gone").build());
    StorageDrift drift = detect(cluster().build());
    assertThat(drift.report().toJson()).contains("\"ruleId\" : \"storage-orphaned-volume\"");
    assertThat(drift.report().toSarif()).contains("storage-orphaned-volume");
    assertThat(drift.remediation().toJson()).isEqualTo(String.join(System.lineSeparator(),
        "{",
        "  \"steps\" : [ {",
        "    \"ruleId\" : \"storage-orphaned-volume\",",
        "    \"subject\" : \"openstack volume vol-2\",",
        "    \"action\" : \"review the data; delete the volume when nothing needs it\",",
        "    \"destructive\" : true,",
        "    \"commands\" : [ \"openstack volume show vol-2\", \"openstack volume delete vol-2\" ]",
        "  } ]",
        "}", ""));
  }
}
