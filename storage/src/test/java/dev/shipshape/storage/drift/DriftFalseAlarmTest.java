package dev.shipshape.storage.drift;

import static dev.shipshape.storage.drift.DriftFixtures.CINDER;
import static dev.shipshape.storage.drift.DriftFixtures.claim;
import static dev.shipshape.storage.drift.DriftFixtures.claimEvent;
import static dev.shipshape.storage.drift.DriftFixtures.csiNode;
import static dev.shipshape.storage.drift.DriftFixtures.driver;
import static dev.shipshape.storage.drift.DriftFixtures.pv;
import static dev.shipshape.storage.drift.DriftFixtures.storageClass;
import static dev.shipshape.storage.drift.DriftFixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** States Kubernetes reaches by design, which the detector must not report as drift. */
class DriftFalseAlarmTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  private static StorageDrift detect(ClusterStorage cluster, BackendVolume... volumes) {
    StorageBackend backend = new StorageBackend() {
      @Override
      public String name() {
        return "openstack";
      }

      @Override
      public Set<String> drivers() {
        return Set.of(CINDER);
      }

      @Override
      public List<BackendVolume> volumes() {
        return List.of(volumes);
      }

      @Override
      public List<BackendSnapshot> snapshots() {
        return List.of();
      }
    };
    return StorageDriftDetector.builder().backend(backend).clock(NOW).build().detect(cluster);
  }

  private static ClusterStorage.Builder cluster() {
    return ClusterStorage.builder().addCsiDrivers(driver(CINDER)).addCsiNodes(csiNode("node-1", CINDER))
        .addStorageClasses(storageClass("csi-cinder-high-speed"));
  }

  @Test
  void aClaimWaitingForItsFirstConsumerIsNoDrift() {
    // csi-cinder-high-speed binds WaitForFirstConsumer; no pod was scheduled, so no node is selected.
    StorageDrift drift = detect(cluster().addClaims(claim("shop", "search-index", "5Gi", null).build())
        .addClaimEvents(claimEvent("shop", "search-index", "WaitForFirstConsumer", "waiting for first consumer to"
            + " be created before binding", "2026-12-01T11:59:00Z")).build());
    assertThat(drift.report().findings()).isEmpty();
    assertThat(drift.report().notes()).contains("Pending claims of WaitForFirstConsumer StorageClasses not"
        + " reported, as no pod using them has been scheduled yet and nothing was provisioned for them:"
        + " shop/search-index");
  }

  @Test
  void aClaimOfAnImmediateClassPendingTooLongIsStillReported() {
    StorageDrift drift = detect(cluster().storageClasses(List.of(new StorageClassBuilder(
            storageClass("csi-cinder-high-speed")).withVolumeBindingMode("Immediate").build()))
        .addClaims(claim("shop", "search-index", "5Gi", null).build()).build());
    assertThat(drift.report().findings()).extracting(Finding::ruleId).containsExactly("storage-claim-pending");
    assertThat(drift.report().notes()).noneSatisfy(note -> assertThat(note).contains("WaitForFirstConsumer"));
  }

  @Test
  void aReleasedVolumeIsNoUnfinishedExpansionOfTheClaimRecreatedUnderItsName() {
    // The claim was deleted (pv-old Released, Retain) and recreated larger, bound to a new volume.
    var released = pv("pv-old", "vol-old", "10Gi", "shop", "orders-db").editSpec()
        .withPersistentVolumeReclaimPolicy("Retain").editClaimRef().withUid("uid-deleted").endClaimRef().endSpec()
        .editStatus().withPhase("Released").endStatus().build();
    var bound = pv("pv-new", "vol-new", "30Gi", "shop", "orders-db").editSpec().editClaimRef()
        .withUid("uid-recreated").endClaimRef().endSpec().build();
    var recreated = claim("shop", "orders-db", "30Gi", "pv-new").editMetadata().withUid("uid-recreated")
        .endMetadata().build();
    StorageDrift drift = detect(cluster().addPersistentVolumes(released, bound).addClaims(recreated).build(),
        volume("vol-old", 10, "pv-old").build(), volume("vol-new", 30, "pv-new").build());
    assertThat(drift.report().findings()).extracting(Finding::ruleId).containsExactly("storage-released-retained");
  }

  @Test
  void aDriverWithoutCsiDriverObjectButRegisteredOnNodesIsInstalled() {
    // A CSIDriver object is optional: many drivers register only their node plugins.
    StorageDrift drift = detect(cluster().csiDrivers(List.of()).addPersistentVolumes(available()).build(),
        volume("vol-1", 20, "pv-1").build());
    assertThat(drift.report().findings()).isEmpty();
  }

  @Test
  void aDriverObjectWhoseNodePluginRunsNowhereIsMissing() {
    StorageDrift drift = detect(cluster().csiNodes(List.of(csiNode("node-1"))).addPersistentVolumes(available())
        .build(), volume("vol-1", 20, "pv-1").build());
    assertThat(drift.report().findings()).extracting(Finding::message).containsExactly("PersistentVolume pv-1 is"
        + " of CSI driver cinder.csi.openstack.org, which no node's CSINode lists (its CSIDriver object remains):"
        + " the driver's node plugin runs on no node, so the volume cannot be mounted");
  }

  @Test
  void withoutCsiNodesNoDriverIsReportedMissing() {
    StorageDrift drift = detect(cluster().csiDrivers(List.of()).csiNodes(List.of()).addPersistentVolumes(available())
        .build(), volume("vol-1", 20, "pv-1").build());
    assertThat(drift.report().findings()).isEmpty();
    assertThat(drift.report().notes()).contains("CSI drivers not checked: the cluster has no CSINode, which shows"
        + " the drivers registered on each node");
  }

  @Test
  void aStaticallyProvisionedVolumeNeedsNoStorageClass() {
    // The class name of a pre-provisioned volume only matches it to claims (no provisioned-by annotation).
    var manual = pv("pv-1", "vol-1", "20Gi", null, null).editMetadata().withAnnotations(null).endMetadata()
        .editSpec().withStorageClassName("manual").endSpec().build();
    StorageDrift drift = detect(cluster().addPersistentVolumes(manual).build(),
        volume("vol-1", 20, "pv-1").build());
    assertThat(drift.report().findings()).isEmpty();
  }

  private static PersistentVolume available() {
    return pv("pv-1", "vol-1", "20Gi", null, null).build();
  }
}
