package dev.shipshape.storage;

import static dev.shipshape.storage.StorageFixtures.bare;
import static dev.shipshape.storage.StorageFixtures.builderProblems;
import static dev.shipshape.storage.StorageFixtures.cinderSnapshots;
import static dev.shipshape.storage.StorageFixtures.highSpeed;
import static dev.shipshape.storage.StorageFixtures.ordersDb;
import static dev.shipshape.storage.StorageFixtures.problems;
import static dev.shipshape.storage.StorageFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Claims restored from a snapshot, cloned from a claim, or filled by a populator. */
class DataSourceTest {
  private static final String BUILT = "ERROR PersistentVolumeClaim shop/restored ";
  private static final String CLAIM = "ERROR [claim shop/restored] PersistentVolumeClaim shop/restored ";
  private static final String WAITS_FOR_ORDERS_DB = "WARNING [claim shop/restored] PersistentVolumeClaim"
      + " shop/restored spec.dataSourceRef: waits for the cloned claim shop/orders-db to be Bound, which its"
      + " WaitForFirstConsumer class does only once a pod using it is scheduled; pods of the spec are applied after"
      + " its claims, so the apply would wait until it times out unless that pod already runs — clone by name with"
      + " VolumeDataSource.claim(\"orders-db\") to let the provisioner wait instead";
  private static final String RESTORE_WAITS_FOR_ORDERS_DB = "WARNING [claim shop/restored] PersistentVolumeClaim"
      + " shop/restored spec.dataSourceRef: waits for VolumeSnapshot orders-db-before-v2 to be ready to use, which"
      + " it becomes only once its claim shop/orders-db is Bound, and that claim's WaitForFirstConsumer class binds"
      + " it only once a pod using it is scheduled; pods of the spec are applied after its claims, so the apply"
      + " would wait until it times out unless that pod already runs — restore by name with"
      + " VolumeDataSource.snapshot(\"orders-db-before-v2\") to let the provisioner wait instead";
  private static final VolumeSnapshotClassSpec SNAPSHOTS = cinderSnapshots().build();
  private static final VolumeClaimSpec ORDERS_DB = ordersDb().build();
  private static final VolumeSnapshotSpec BEFORE_V2 = VolumeSnapshotSpec.builder().name("orders-db-before-v2")
      .claim(ORDERS_DB).snapshotClass(SNAPSHOTS).build();

  private static VolumeClaimSpec.Builder restored() {
    return ordersDb().name("restored");
  }

  @Test
  void aRestoreCompilesToADataSourceRefAndWaitsForTheSnapshotToBeReady() {
    StorageClassSpec immediate = highSpeed().volumeBindingMode(VolumeBindingMode.IMMEDIATE).build();
    VolumeClaimSpec claim = restored().restoreFrom(BEFORE_V2).build();
    Plan plan = bare().component(immediate, SNAPSHOTS, ORDERS_DB, BEFORE_V2, claim).build().plan();
    assertThat(Manifests.toYaml(plan.find(claim.ref()).orElseThrow().object())).contains(String.join("\n",
        "  dataSourceRef:",
        "    kind: VolumeSnapshot",
        "    apiGroup: snapshot.storage.k8s.io",
        "    name: orders-db-before-v2",
        ""));
    assertThat(wave(plan, claim.ref())).isGreaterThan(wave(plan, BEFORE_V2.ref()));
    assertThat(plan.waves().get(wave(plan, claim.ref())).gates()).extracting(Object::toString)
        .contains("VolumeSnapshot.snapshot.storage.k8s.io shop/orders-db-before-v2 to be ready to use");
    assertThat(plan.warnings()).extracting(Object::toString).noneMatch(w -> w.contains("[claim "));
  }

  @Test
  void aCloneCompilesToAClaimReferenceAfterItsSource() {
    VolumeClaimSpec claim = restored().cloneFrom(ORDERS_DB).build();
    Plan plan = shop().component(ORDERS_DB, claim).build().plan();
    assertThat(Manifests.toYaml(plan.find(claim.ref()).orElseThrow().object())).contains(String.join("\n",
        "  dataSourceRef:",
        "    kind: PersistentVolumeClaim",
        "    name: orders-db",
        ""));
    assertThat(claim.dependsOn()).containsExactly(ORDERS_DB.ref());
    assertThat(wave(plan, claim.ref())).isGreaterThan(wave(plan, ORDERS_DB.ref()));
  }

  @Test
  void sourcesByNameAreNotOrderedAndMayBePreExisting() {
    VolumeClaimSpec claim = restored().restoreFromSnapshot("nightly").build();
    assertThat(claim.dependsOn()).isEmpty();
    assertThat(problems(shop().component(claim).preExistingResource(ResourceRef.namespaced(
        VolumeSnapshotSpec.GROUP, "VolumeSnapshot", "shop", "nightly")).build())).isEmpty();
    assertThat(problems(shop().component(claim).build())).containsExactly(CLAIM + "spec.dataSourceRef: names"
        + " VolumeSnapshot.snapshot.storage.k8s.io shop/nightly, which is neither in the spec nor declared"
        + " pre-existing; the claim would stay Pending — fix the name, add the source to the spec, or declare it"
        + " with preExistingResource(...)");
    assertThat(problems(shop().component(ORDERS_DB, restored().cloneFromClaim("orders-db").build()).build()))
        .containsExactly("WARNING [claim shop/restored] PersistentVolumeClaim shop/restored spec.dataSourceRef:"
            + " names PersistentVolumeClaim shop/orders-db of the spec by name, so the claim is not ordered after it"
            + " and the provisioner retries until the source is ready — give the VolumeClaimSpec itself, such as"
            + " restoreFrom(snapshot) or cloneFrom(claim)");
  }

  @Test
  void referencesTheApiServerRejectsOrDropsAreErrors() {
    assertThat(builderProblems(() -> restored().dataSource(VolumeDataSource.builder().kind("VolumeSnapshot")
        .name("nightly").build()).build())).containsExactly(BUILT + "spec.dataSourceRef.kind: is VolumeSnapshot"
            + " of the core group, which the API server rejects: only a PersistentVolumeClaim may be referenced"
            + " without group — use the group snapshot.storage.k8s.io, as VolumeDataSource.snapshot(...) does");
    assertThat(builderProblems(() -> restored().dataSource(VolumeDataSource.builder().apiGroup("v1")
        .kind("PersistentVolumeClaim").name("orders-db").build()).build())).containsExactly(BUILT
            + "spec.dataSourceRef.apiGroup: is 'v1', which is not an API group (the core group is written as no"
            + " group): the API server keeps it, so the PersistentVolumeClaim is read as a populator's object that"
            + " no controller fills; the claim would stay Pending — leave the group empty, as"
            + " VolumeDataSource.claim(...) does");
    assertThat(builderProblems(() -> restored().dataSource(VolumeDataSource.builder().apiGroup("core")
        .kind("PersistentVolumeClaim").name("orders-db").build()).build())).containsExactly(BUILT
            + "spec.dataSourceRef.apiGroup: is 'core', which is not an API group (the core group is written as no"
            + " group): the API server keeps it, so the PersistentVolumeClaim is read as a populator's object that"
            + " no controller fills; the claim would stay Pending — leave the group empty, as"
            + " VolumeDataSource.claim(...) does");
    assertThat(builderProblems(() -> restored().dataSource(VolumeDataSource.builder().apiGroup("v1")
        .kind("VolumeSnapshot").name("nightly").build()).build())).containsExactly(BUILT
            + "spec.dataSourceRef.apiGroup: is 'v1', which is not an API group (the core group is written as no"
            + " group): the API server keeps it, so the VolumeSnapshot is read as a populator's object that no"
            + " controller fills; the claim would stay Pending — use the group snapshot.storage.k8s.io, as"
            + " VolumeDataSource.snapshot(...) does");
    assertThat(builderProblems(() -> restored().dataSource(VolumeDataSource.builder().apiGroup("Snapshots")
        .kind("VolumeSnapshot").name("nightly").build()).build())).hasSize(1).allSatisfy(p -> assertThat(p)
            .startsWith(BUILT + "spec.dataSourceRef.apiGroup: 'Snapshots' is not a DNS-1123 subdomain")
            .endsWith(" — use the group snapshot.storage.k8s.io, as VolumeDataSource.snapshot(...) does"));
    assertThat(builderProblems(() -> restored().dataSource(VolumeDataSource.populator("snapshot.example.com",
        "VolumeSnapshot", "nightly")).build())).containsExactly(BUILT + "spec.dataSourceRef.apiGroup: is"
            + " 'snapshot.example.com' for a VolumeSnapshot, so the source is read as a populator's object that no"
            + " controller fills; the claim would stay Pending — use the group snapshot.storage.k8s.io, as"
            + " VolumeDataSource.snapshot(...) does");
    assertThat(builderProblems(() -> restored().dataSource(VolumeDataSource.populator("", "ConfigMap", "seed"))
        .build())).containsExactly(BUILT + "spec.dataSourceRef.kind: is ConfigMap of the core group, which the API"
            + " server rejects: only a PersistentVolumeClaim may be referenced without group — give the API group"
            + " of the populator's kind, such as 'hello.example.com'");
    assertThat(builderProblems(() -> restored().restoreFromSnapshot("Nightly_1").build())).containsExactly(BUILT
        + "spec.dataSourceRef.name: 'Nightly_1' is not a DNS-1123 subdomain (lower-case letters, digits, '-' and"
        + " '.', starting and ending with a letter or digit), so no source can have this name — name the source"
        + " object, such as 'orders-db-before-v2'");
    assertThat(builderProblems(() -> restored().cloneFromClaim("restored").build())).containsExactly(BUILT
        + "spec.dataSourceRef.name: clones the claim itself — name another claim");
    assertThat(builderProblems(() -> restored().dataSource(VolumeDataSource.populator("hello.example.com",
        "Hello", "greeting")).build())).isEmpty();
  }

  @Test
  void aRestoreAsksForAtLeastTheSnapshottedClaimsSizeFromAClassOfTheSnapshotsDriver() {
    StorageClassSpec nfs = StorageClassSpec.builder().name("nfs").provisioner("nfs.csi.k8s.io").build();
    assertThat(problems(shop().component(nfs, SNAPSHOTS, ORDERS_DB, BEFORE_V2,
        restored().size("10Gi").storageClass(nfs).restoreFrom(BEFORE_V2).build()).build())).containsExactly(
            CLAIM + "spec.resources.requests.storage: '10Gi' is less than the 20Gi of VolumeSnapshot"
                + " orders-db-before-v2 of claim orders-db; the provisioner refuses a volume smaller than its"
                + " source — ask for at least 20Gi",
            CLAIM + "spec.dataSourceRef: restores VolumeSnapshot orders-db-before-v2 of VolumeSnapshotClass"
                + " csi-cinder-snapclass (driver cinder.csi.openstack.org) into a volume of provisioner"
                + " nfs.csi.k8s.io, which cannot read the other driver's snapshots; the claim would stay Pending —"
                + " restore with a StorageClass of cinder.csi.openstack.org",
            RESTORE_WAITS_FOR_ORDERS_DB);
  }

  @Test
  void aCloneKeepsItsSourcesClassAndVolumeModeAndSize() {
    StorageClassSpec other = highSpeed().name("csi-cinder-standard").build();
    assertThat(problems(shop().component(other, ORDERS_DB, restored().size("1Gi").storageClass(other).block(true)
        .cloneFrom(ORDERS_DB).build()).build())).containsExactly(
            CLAIM + "spec.resources.requests.storage: '1Gi' is less than the 20Gi of claim shop/orders-db; the"
                + " provisioner refuses a volume smaller than its source — ask for at least 20Gi",
            CLAIM + "spec.storageClassName: is csi-cinder-standard, but the cloned claim shop/orders-db is of"
                + " StorageClass csi-cinder-high-speed; CSI clones stay in the source's class and the provisioner"
                + " refuses the claim — use StorageClass csi-cinder-high-speed, or restore from a snapshot of the"
                + " claim instead",
            CLAIM + "spec.volumeMode: is Block, but the cloned claim shop/orders-db is Filesystem; the provisioner"
                + " refuses clones across volume modes — use block(false)",
            WAITS_FOR_ORDERS_DB);
  }

  @Test
  void awaitingTheCloneOfAWaitForFirstConsumerClaimIsAWarning() {
    assertThat(problems(shop().component(ORDERS_DB, restored().cloneFrom(ORDERS_DB).build()).build()))
        .containsExactly(WAITS_FOR_ORDERS_DB);
  }

  @Test
  void awaitingTheSnapshotOfAWaitForFirstConsumerClaimIsAWarning() {
    assertThat(problems(shop().component(SNAPSHOTS, ORDERS_DB, BEFORE_V2, restored().restoreFrom(BEFORE_V2)
        .build()).build())).containsExactly(RESTORE_WAITS_FOR_ORDERS_DB);
    // The snapshotted claim names no class: the spec's default class is the one that binds it.
    VolumeClaimSpec defaulted = VolumeClaimSpec.builder().namespace("shop").name("orders-db").size("20Gi").build();
    VolumeSnapshotSpec snapshot = VolumeSnapshotSpec.builder().name("orders-db-before-v2").claim(defaulted)
        .snapshotClass(SNAPSHOTS).build();
    assertThat(problems(bare().component(highSpeed().defaultClass(true).build(), SNAPSHOTS, defaulted, snapshot,
        VolumeClaimSpec.builder().from(defaulted).name("restored").restoreFrom(snapshot).build()).build()))
        .containsExactly(RESTORE_WAITS_FOR_ORDERS_DB);
    // By name, the claim is not ordered after the snapshot: the provisioner waits for it instead.
    assertThat(problems(shop().component(SNAPSHOTS, ORDERS_DB, BEFORE_V2, restored()
        .restoreFromSnapshot("orders-db-before-v2").build()).build())).containsExactly("WARNING [claim"
            + " shop/restored] PersistentVolumeClaim shop/restored spec.dataSourceRef: names"
            + " VolumeSnapshot.snapshot.storage.k8s.io shop/orders-db-before-v2 of the spec by name, so the claim is"
            + " not ordered after it and the provisioner retries until the source is ready — give the"
            + " VolumeSnapshotSpec itself, such as restoreFrom(snapshot) or cloneFrom(claim)");
  }

  @Test
  void aSourceInAnotherNamespaceWarnsOfTheFeatureGate() {
    VolumeClaimSpec claim = restored().dataSource(VolumeDataSource.builder().kind("PersistentVolumeClaim")
        .name("orders-db").namespace("staging").build()).build();
    assertThat(Manifests.toTree(claim.compile(null).get(0)).path("spec").path("dataSourceRef").path("namespace")
        .asText()).isEqualTo("staging");
    assertThat(problems(shop().component(claim).build())).containsExactly("WARNING [claim shop/restored]"
        + " PersistentVolumeClaim shop/restored spec.dataSourceRef.namespace: names namespace staging: without the"
        + " alpha feature gate"
        + " CrossNamespaceVolumeDataSource the API server drops the whole dataSourceRef and the volume is created"
        + " empty; with it, the source's namespace needs a ReferenceGrant (gateway.networking.k8s.io) allowing"
        + " claims of shop — restore or clone in the source's namespace, or enable the feature gate and add the"
        + " ReferenceGrant in staging");
  }

  @Test
  void aSnapshotIsReadyWhenReadyToUse() {
    var rule = BEFORE_V2.readinessRules().get(0);
    assertThat(rule.groupKind()).isEqualTo("VolumeSnapshot.snapshot.storage.k8s.io");
    assertThat(rule.condition().evaluate(snapshot(null)).toString()).contains("no status yet; is the snapshot"
        + " controller running?");
    assertThat(rule.condition().evaluate(snapshot(Map.of("readyToUse", false, "error", Map.of("message",
        "failed to take snapshot: quota exceeded")))).toString())
        .contains("not ready to use: failed to take snapshot: quota exceeded");
    assertThat(rule.condition().evaluate(snapshot(Map.of("readyToUse", true, "restoreSize", "20Gi"))).isMet())
        .isTrue();
  }

  private static GenericKubernetesResource snapshot(Map<String, Object> status) {
    GenericKubernetesResource snapshot = new GenericKubernetesResource();
    snapshot.setApiVersion(VolumeSnapshotSpec.GROUP + "/v1");
    snapshot.setKind("VolumeSnapshot");
    snapshot.setMetadata(new ObjectMetaBuilder().withName("orders-db-before-v2").withNamespace("shop").build());
    if (status != null) snapshot.setAdditionalProperties(Map.of("status", status));
    return snapshot;
  }

  private static int wave(Plan plan, ResourceRef ref) {
    return plan.waves().stream().filter(w -> w.resources().stream().anyMatch(r -> r.ref().equals(ref)))
        .findFirst().orElseThrow().index();
  }
}
