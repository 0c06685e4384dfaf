package dev.shipshape.backup.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.backup.Velero;
import dev.shipshape.core.findings.Finding;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The volumes a drill restored, once their claims are gone, on clusters before and from Kubernetes 1.31: whether
 * deleting a {@code Delete} volume releases its storage depends on the finalizers it carries, not on the version.
 */
@EnableKubernetesMockClient(crud = true)
class DrillCleanupTest {
  private static final String VOLUME = "pvc-0f3c";
  private static final CleanupTarget VOLUMES = CleanupTarget.labelled("v1", "PersistentVolume",
      Velero.RESTORE_NAME_LABEL, "daily-drill");

  private static final String LEFT_TO_CONTROLLER = "PersistentVolume " + VOLUME + ": still there after 0 s (phase"
      + " Released): left to the PersistentVolume controller, which deletes a Delete volume with its storage once its"
      + " claim is gone (it carries none of the finalizers external-provisioner.volume.kubernetes.io/finalizer,"
      + " kubernetes.io/pv-controller, so deleting it would keep the storage)";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void beforeKubernetes131AReleasedDeleteVolumeIsLeftToItsControllerNotDeleted() {
    version("1", "30+");
    client.resource(volume("Delete")).create();
    List<Finding> findings = new ArrayList<>();

    List<String> deleted = cleanup().run(List.of(VOLUMES), findings);

    assertThat(client.persistentVolumes().withName(VOLUME).get().getMetadata().getDeletionTimestamp()).isNull();
    assertThat(deleted).containsExactly("PersistentVolume labelled velero.io/restore-name=daily-drill");
    assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo(LEFT_TO_CONTROLLER));
  }

  /**
   * The finalizers come from the controllers, not the server: a volume of an older external-provisioner, a
   * statically provisioned one, or one made while HonorPVReclaimPolicy was off (beta, gated in 1.31 and 1.32) has
   * none, and deleting it would keep its storage.
   */
  @Test
  void fromKubernetes131ADeleteVolumeWithoutAReclaimFinalizerIsStillLeftToItsController() {
    version("1", "31");
    client.resource(volume("Delete")).create();
    List<Finding> findings = new ArrayList<>();

    cleanup().run(List.of(VOLUMES), findings);

    assertThat(client.persistentVolumes().withName(VOLUME).get().getMetadata().getDeletionTimestamp()).isNull();
    assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo(LEFT_TO_CONTROLLER));
  }

  @Test
  void fromKubernetes131ADeleteVolumeCarryingThePvControllersFinalizerIsDeleted() {
    version("1", "31");
    client.resource(new PersistentVolumeBuilder(volume("Delete")).editMetadata()
        .addToFinalizers("kubernetes.io/pv-controller").endMetadata().build()).create();

    cleanup().run(List.of(VOLUMES), new ArrayList<>());

    PersistentVolume left = client.persistentVolumes().withName(VOLUME).get();
    assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null).isTrue();
  }

  @Test
  void aNamespaceStillTerminatingIsReportedWithTheClaimsItHolds() {
    version("1", "31");
    client.resource(new NamespaceBuilder().withNewMetadata().withName("shop-drill").addToFinalizers("example.com/hold")
        .endMetadata().build()).create();
    client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").withNamespace("shop-drill")
        .endMetadata().build()).create();
    List<Finding> findings = new ArrayList<>();

    cleanup().run(List.of(CleanupTarget.object("v1", "Namespace", null, "shop-drill")), findings);

    assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("Namespace shop-drill:"
        + " still terminating after 0 s: PersistentVolumeClaim data left, so the restored volumes still claimed"
        + " there are not deleted"));
  }

  @Test
  void beforeKubernetes131AVolumeCarryingTheProvisionersFinalizerIsDeleted() {
    version("1", "30");
    client.resource(new PersistentVolumeBuilder(volume("Delete")).editMetadata()
        .addToFinalizers("external-provisioner.volume.kubernetes.io/finalizer").endMetadata().build()).create();

    cleanup().run(List.of(VOLUMES), new ArrayList<>());

    PersistentVolume left = client.persistentVolumes().withName(VOLUME).get();
    assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null).isTrue();
  }

  @Test
  void aRetainVolumeIsDeletedAndItsKeptStorageReportedWithItsHandle() {
    version("1", "29");
    client.resource(new PersistentVolumeBuilder(volume("Retain")).editSpec().withHostPath(null).withNewCsi()
        .withDriver("ebs.csi.aws.com").withVolumeHandle("vol-0abc").endCsi().endSpec().build()).create();
    List<Finding> findings = new ArrayList<>();

    cleanup().run(List.of(VOLUMES), findings);

    assertThat(client.persistentVolumes().withName(VOLUME).get()).isNull();
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.message()).isEqualTo("PersistentVolume " + VOLUME + ": has reclaim policy Retain: the object"
          + " is deleted, the storage restored into it is kept (CSI volume handle vol-0abc)");
      assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).startsWith("delete the volume in the"
          + " storage backend"));
    });
  }

  @Test
  void aVolumeOfAnotherRestoreOfTheSameNameClaimedElsewhereIsLeftAlone() {
    version("1", "31");
    client.resource(volume("Retain")).create();
    client.resource(new PersistentVolumeBuilder(volume("Retain")).editMetadata().withName("pvc-other").endMetadata()
        .editSpec().editClaimRef().withNamespace("shop-drill-b").endClaimRef().endSpec().build()).create();
    List<Finding> findings = new ArrayList<>();

    List<String> deleted = cleanup().run(List.of(CleanupTarget.volumesClaimedIn(Velero.RESTORE_NAME_LABEL,
        "daily-drill", List.of("shop-drill", "db-drill"))), findings);

    assertThat(deleted).containsExactly("PersistentVolume labelled velero.io/restore-name=daily-drill claimed in"
        + " shop-drill, db-drill");
    assertThat(client.persistentVolumes().withName(VOLUME).get()).isNull();
    assertThat(client.persistentVolumes().withName("pvc-other").get().getMetadata().getDeletionTimestamp()).isNull();
    assertThat(findings).extracting(Finding::message).noneMatch(m -> m.contains("pvc-other"));
  }

  private DrillCleanup cleanup() {
    return new DrillCleanup(client, Clock.systemUTC(), Duration.ofMillis(20), Duration.ofMillis(300));
  }

  private void version(String major, String minor) {
    server.setVersionInfo(new VersionInfo.Builder().withMajor(major).withMinor(minor).build());
  }

  /** A volume Velero restored, whose claim (in a scratch namespace already deleted) is gone. */
  private static PersistentVolume volume(String reclaimPolicy) {
    return new PersistentVolumeBuilder().withNewMetadata().withName(VOLUME)
        .addToLabels(Velero.RESTORE_NAME_LABEL, "daily-drill").endMetadata().withNewSpec()
        .addToCapacity("storage", new Quantity("1Gi")).withAccessModes("ReadWriteOnce")
        .withPersistentVolumeReclaimPolicy(reclaimPolicy).withNewClaimRef().withNamespace("shop-drill")
        .withName("data").withUid("5d1e").endClaimRef().withNewHostPath().withPath("/data").endHostPath().endSpec()
        .withNewStatus().withPhase("Released").endStatus().build();
  }
}
