package dev.shipshape.backup.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.backup.Velero;
import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.backup.model.Backup;
import dev.shipshape.backup.model.BackupStatus;
import dev.shipshape.backup.model.Restore;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Restore drills that run, on the real API server, with a stand-in playing Velero's part (answering
 * DownloadRequests and performing Restores): each test has its own Velero and tenant namespaces.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class DrillRunnerControlPlaneTest {
  private static final AtomicInteger RUN = new AtomicInteger();

  private final KubernetesClient client;
  private final String velero;
  private final String tenant;

  DrillRunnerControlPlaneTest(KubernetesClient client) {
    this.client = client;
    int run = RUN.incrementAndGet();
    this.velero = "velero-drill-" + run + "-" + System.nanoTime() % 100_000;
    this.tenant = "shop-drill-" + run + "-" + System.nanoTime() % 100_000;
    installCrds(client);
  }

  @Test
  void aRestoreThatBringsEverythingBackPassesAndIsCleanedUp() throws Exception {
    try (VeleroStandIn standIn = tenantWithBackup()) {
      DrillResult result = runner().run(drill());

      assertThat(result.passed()).as(result.toText()).isTrue();
      assertThat(result.backup()).contains("daily-20261203");
      assertThat(result.restorePhase()).contains("Completed");
      assertThat(result.kinds()).extracting(RestoredKind::kind, RestoredKind::expected, RestoredKind::restored)
          .containsExactlyInAnyOrder(tuple("ConfigMap", configMaps(), configMaps()), tuple("Service", 1, 1),
              tuple("Deployment", 1, 1));
      assertThat(result.cleanedUp()).containsExactly("Namespace " + tenant + "-drill",
          "PersistentVolume labelled velero.io/restore-name=daily-drill claimed in " + tenant + "-drill",
          "Restore.velero.io " + velero + "/daily-drill");
      assertThat(client.resources(Restore.class).inNamespace(velero).withName("daily-drill").get()).isNull();
      // The cleanup waits: what it reports deleted is gone, not terminating.
      assertThat(client.namespaces().withName(tenant + "-drill").get()).isNull();
      assertThat(client.persistentVolumes().withName(VeleroStandIn.volumeOf(velero)).get()).isNull();
      assertThat(result.toJson()).contains("\"passed\" : true", "\"scratchNamespace\" : \"" + tenant + "-drill\"");
    }
  }

  @Test
  void aRestoredVolumeIsDeletedOnlyOnceItsClaimIsGoneAndARetainedOnesStorageIsReported() throws Exception {
    String volume = VeleroStandIn.volumeOf(velero);
    List<String> deletedWhileClaimed = new CopyOnWriteArrayList<>();
    try (VeleroStandIn standIn = tenantWithBackup();
        Watch watch = client.persistentVolumes().withName(volume).watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, PersistentVolume pv) {
            if (pv.getMetadata().getDeletionTimestamp() != null && client.persistentVolumeClaims()
                .inNamespace(tenant + "-drill").withName(VeleroStandIn.CLAIM).get() != null) {
              deletedWhileClaimed.add(pv.getMetadata().getName());
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      DrillResult result = runner().run(drill());

      // A volume deleted before its claim loses its reclaim policy, unless a finalizer holds it: the storage stays.
      assertThat(deletedWhileClaimed).isEmpty();
      assertThat(client.persistentVolumes().withName(volume).get()).isNull();
      // Only the volume claimed in this drill's scratch namespace: other tests' restores have the same name.
      assertThat(result.findings().findings("backup-drill-cleanup")).filteredOn(f -> f.message().contains(volume))
          .singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("PersistentVolume " + volume
              + ": has reclaim policy Retain: the object is deleted, the storage restored into it is kept"));
      assertThat(result.passed()).as(result.toText()).isTrue();
    }
  }

  @Test
  void aVolumeOfAnotherVelerosRestoreOfTheSameNameIsLeftAlone() throws Exception {
    String foreign = "restored-elsewhere-" + tenant;
    client.resource(new PersistentVolumeBuilder().withNewMetadata().withName(foreign)
        .addToLabels(Velero.RESTORE_NAME_LABEL, "daily-drill").endMetadata().withNewSpec()
        .addToCapacity("storage", new Quantity("1Gi")).withAccessModes("ReadWriteOnce").withStorageClassName("")
        .withPersistentVolumeReclaimPolicy("Retain").withNewClaimRef().withNamespace(tenant + "-dr")
        .withName(VeleroStandIn.CLAIM).withUid("0d1e").endClaimRef().withNewHostPath().withPath("/tmp/elsewhere")
        .endHostPath().endSpec().build()).create();
    try (VeleroStandIn standIn = tenantWithBackup()) {
      DrillResult result = runner().run(drill());

      assertThat(result.passed()).as(result.toText()).isTrue();
      assertThat(client.persistentVolumes().withName(VeleroStandIn.volumeOf(velero)).get()).isNull();
      assertThat(client.persistentVolumes().withName(foreign).get().getMetadata().getDeletionTimestamp()).isNull();
    } finally {
      client.persistentVolumes().withName(foreign).delete();
    }
  }

  @Test
  void anObjectTheRestoreLostIsAnErrorNamingIt() throws Exception {
    try (VeleroStandIn standIn = tenantWithBackup()) {
      standIn.loses("settings");
      DrillResult result = runner().run(drill());

      assertThat(result.passed()).isFalse();
      Finding lost = result.findings().findings("backup-drill-objects").stream()
          .filter(f -> f.severity() == Severity.HIGH).findFirst().orElseThrow();
      // What the backup held (its own two and the cluster's CA bundle), not a later count of the namespace.
      int backedUp = result.kinds().stream().filter(k -> k.kind().equals("ConfigMap")).findFirst().orElseThrow()
          .expected();
      assertThat(backedUp).isGreaterThanOrEqualTo(3);
      assertThat(lost.message()).isEqualTo("ConfigMap " + tenant + " -> " + tenant + "-drill: "
          + (backedUp - 1) + " of " + backedUp + " restored; missing settings");
    }
  }

  @Test
  void aPartlyFailedRestoreFailsTheDrill() throws Exception {
    try (VeleroStandIn standIn = tenantWithBackup()) {
      standIn.endsRestoresWith("PartiallyFailed");
      DrillResult result = runner().run(drill());

      assertThat(result.passed()).isFalse();
      assertThat(result.findings().findings("backup-drill-restore")).singleElement()
          .satisfies(f -> assertThat(f.message()).isEqualTo("Restore " + velero + "/daily-drill: ended"
              + " PartiallyFailed, 2 errors"));
    }
  }

  @Test
  void aRestoreThatNeverEndsTimesOutAndIsCleanedUp() throws Exception {
    try (VeleroStandIn standIn = tenantWithBackup()) {
      standIn.neverFinishesRestores();
      DrillResult result = runner().timeout(Duration.ofSeconds(2)).run(drill());

      assertThat(result.findings().findings("backup-drill-restore")).singleElement()
          .satisfies(f -> assertThat(f.message()).isEqualTo("Restore " + velero + "/daily-drill: did not finish"
              + " within 2 s (phase New)"));
      assertThat(result.kinds()).isEmpty();
      assertThat(client.resources(Restore.class).inNamespace(velero).withName("daily-drill").get()).isNull();
    }
  }

  @Test
  void withoutTheBackupsResourceListTheRestoreIsStillCheckedAndTheGapSaid() throws Exception {
    try (VeleroStandIn standIn = tenantWithBackup()) {
      standIn.ignoresDownloadRequests();
      DrillResult result = runner().timeout(Duration.ofSeconds(2)).run(drill());

      assertThat(result.restorePhase()).contains("Completed");
      assertThat(result.kinds()).isEmpty();
      assertThat(result.findings().findings("backup-drill-contents")).singleElement()
          .satisfies(f -> assertThat(f.message()).startsWith("Backup " + velero + "/daily-20261203: Velero did"
              + " not answer the DownloadRequest for backup daily-20261203's resource list within 2 s"));
      assertThat(result.passed()).isTrue();
    }
  }

  @Test
  void aScheduleWithoutCompletedBackupCreatesNothing() throws Exception {
    createNamespace(velero);
    createNamespace(tenant);
    createBackup("daily-20261202", "Failed");
    DrillResult result = runner().run(drill());

    assertThat(result.findings().findings("backup-drill-backup")).singleElement()
        .satisfies(f -> assertThat(f.message()).isEqualTo("Schedule " + velero + "/daily: has no completed"
            + " backup to restore"));
    assertThat(client.resources(Restore.class).inNamespace(velero).list().getItems()).isEmpty();
  }

  @Test
  void aLeftoverScratchNamespaceStopsTheDrillBeforeItRestores() throws Exception {
    try (VeleroStandIn standIn = tenantWithBackup()) {
      createNamespace(tenant + "-drill");
      DrillResult result = runner().run(drill());

      assertThat(result.findings().findings("backup-drill-scratch")).singleElement()
          .satisfies(f -> assertThat(f.message()).isEqualTo("Namespace " + tenant + "-drill: already exists, so"
              + " the drill cannot tell restored objects from others"));
      assertThat(client.resources(Restore.class).inNamespace(velero).list().getItems()).isEmpty();
      client.namespaces().withName(tenant + "-drill").delete();
    }
  }

  @Test
  void restoringIntoAnotherVeleroCreatesTheRestoreThereFromTheSameBackup() throws Exception {
    String otherVelero = velero + "-b";
    try (VeleroStandIn standIn = tenantWithBackup()) {
      createNamespace(otherVelero);
      DrillResult result = runner().restoringInto(client, otherVelero).keepRestored(true).run(drill());

      assertThat(result.passed()).as(result.toText()).isTrue();
      assertThat(result.restore()).isEqualTo(otherVelero + "/daily-drill");
      Restore restore = client.resources(Restore.class).inNamespace(otherVelero).withName("daily-drill").get();
      assertThat(restore.getSpec().backupName()).isEqualTo("daily-20261203");
      assertThat(restore.getSpec().namespaceMapping()).isEqualTo(Map.of(tenant, tenant + "-drill"));
      assertThat(result.cleanedUp()).isEmpty();
      assertThat(client.persistentVolumes().withName(VeleroStandIn.volumeOf(otherVelero)).get()).isNotNull();
      client.namespaces().withName(tenant + "-drill").delete();
      client.persistentVolumes().withName(VeleroStandIn.volumeOf(otherVelero)).delete();
      client.resource(restore).delete();
    }
  }

  /** The ConfigMaps of the tenant: its own two, and those the cluster's controllers publish into namespaces. */
  private int configMaps() {
    return client.configMaps().inNamespace(tenant).list().getItems().size();
  }

  private DrillRunner runner() {
    return DrillRunner.on(client).pollInterval(Duration.ofMillis(50)).timeout(Duration.ofSeconds(30));
  }

  private RestoreDrill drill() {
    VeleroSchedule daily = VeleroSchedule.daily("daily").veleroNamespace(velero).namespaces(tenant).build();
    return RestoreDrill.forSchedule(daily).build();
  }

  /**
   * The tenant with two ConfigMaps (and the cluster's CA bundle), a Service and a Deployment, backed up by a
   * completed backup.
   */
  private VeleroStandIn tenantWithBackup() throws IOException {
    createNamespace(velero);
    createNamespace(tenant);
    client.configMaps().inNamespace(tenant).resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
        .endMetadata().addToData("mode", "live").build()).create();
    client.configMaps().inNamespace(tenant).resource(new ConfigMapBuilder().withNewMetadata().withName("features")
        .endMetadata().addToData("beta", "off").build()).create();
    client.services().inNamespace(tenant).resource(new ServiceBuilder().withNewMetadata().withName("web")
        .endMetadata().withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec()
        .build()).create();
    client.apps().deployments().inNamespace(tenant).resource(new DeploymentBuilder().withNewMetadata()
        .withName("web").endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
        .addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
        .endSpec().build()).create();
    createBackup("daily-20261202", "Completed");
    createBackup("daily-20261203", "Completed");
    createBackup("daily-20261204", "InProgress");
    // The controller-manager publishes kube-root-ca.crt into each namespace; Velero would back it up too.
    client.configMaps().inNamespace(tenant).withName("kube-root-ca.crt")
        .waitUntilCondition(java.util.Objects::nonNull, 30, TimeUnit.SECONDS);
    VeleroStandIn standIn = new VeleroStandIn(client, velero);
    standIn.backUp(tenant);
    return standIn;
  }

  private void createBackup(String name, String phase) {
    Backup backup = new Backup();
    backup.getMetadata().setName(name);
    backup.getMetadata().setNamespace(velero);
    backup.getMetadata().setLabels(Map.of(Velero.SCHEDULE_NAME_LABEL, "daily"));
    String day = name.substring(name.length() - 2);
    backup.setStatus(new BackupStatus(phase, "2026-12-" + day + "T01:00:00Z", "2026-12-" + day + "T01:05:00Z",
        null, 0, 0, null));
    client.resource(backup).create();
  }

  private void createNamespace(String name) {
    TestNamespaces.create(client, name);
  }

  /** Velero's CRDs from the reference folder, and a DownloadRequest CRD. */
  private static synchronized void installCrds(KubernetesClient client) {
    if (client.apiextensions().v1().customResourceDefinitions().withName("downloadrequests.velero.io").get()
        == null) {
      CustomResourceDefinitions.install(client, SharedData.require("k8s-reference/crds/velero"),
          downloadRequestCrd());
    }
  }

  /** Velero's DownloadRequest, with an open schema: the reference folder does not hold its CRD. */
  private static CustomResourceDefinition downloadRequestCrd() {
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName("downloadrequests.velero.io")
        .endMetadata().withNewSpec().withGroup("velero.io").withScope("Namespaced").withNewNames()
        .withKind("DownloadRequest").withPlural("downloadrequests").withSingular("downloadrequest").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema().withNewOpenAPIV3Schema()
        .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
        .endSpec().build();
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
