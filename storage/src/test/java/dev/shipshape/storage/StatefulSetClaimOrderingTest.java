package dev.shipshape.storage;

import static dev.shipshape.storage.StatefulSetClaimSourcesTest.db;
import static dev.shipshape.storage.StorageFixtures.builderProblems;
import static dev.shipshape.storage.StorageFixtures.cinderSnapshots;
import static dev.shipshape.storage.StorageFixtures.ordersDb;
import static dev.shipshape.storage.StorageFixtures.problems;
import static dev.shipshape.storage.StorageFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The typed forms of a claim that a StatefulSet of the spec creates: a clone of it, and a snapshot of it and a claim
 * restored from that snapshot, are applied after the StatefulSet once the claim it makes is Bound (not once the
 * StatefulSet is ready), while the namespace's other claims still come before its pods.
 */
class StatefulSetClaimOrderingTest {
  /** The claim and the snapshot as a builder's problems name them; a plan's name their component first. */
  private static final String COPY = "PersistentVolumeClaim shop/copy ";
  private static final String SNAP = "VolumeSnapshot.snapshot.storage.k8s.io shop/snap"
      + " spec.source.persistentVolumeClaimName: ";
  private static final String CLONE = "[claim shop/copy] " + COPY;
  private static final String SNAPSHOT = "[snapshot shop/snap] " + SNAP;
  private static final ResourceRef DB = ResourceRef.namespaced("apps", "StatefulSet", "shop", "db");
  private static final String DATA_DB_0_BOUND = "PersistentVolumeClaim shop/data-db-0 (made from StatefulSet.apps"
      + " shop/db) to be Bound";
  private static final VolumeSnapshotClassSpec SNAPSHOTS = cinderSnapshots().defaultClass(true).build();

  private static VolumeClaimSpec typedClone(int ordinal) {
    return ordersDb().name("copy").cloneFromStatefulSetClaim("db", "data", ordinal).build();
  }

  private static VolumeSnapshotSpec typedSnapshot(int ordinal) {
    return VolumeSnapshotSpec.builder().name("snap").namespace("shop").statefulSetClaim("db", "data", ordinal)
        .build();
  }

  /** Each object of the plan as {@code wave: ref}, in plan order. */
  private static List<String> waves(Plan plan) {
    return plan.resources().stream().map(r -> r.wave() + ": " + r.ref()).collect(Collectors.toList());
  }

  private static List<String> gates(Plan plan, ResourceRef ref) {
    PlannedResource resource = plan.find(ref).orElseThrow();
    return plan.waves().get(resource.wave()).gates().stream().map(Gate::toString).collect(Collectors.toList());
  }

  @Test
  void theTypedSourceNamesTheClaimAndTheStatefulSetItWaitsFor() {
    VolumeDataSource source = VolumeDataSource.statefulSetClaim("db", "data", 0);
    assertThat(source.name()).isEqualTo("data-db-0");
    assertThat(source.kind()).isEqualTo(VolumeDataSource.CLAIM);
    assertThat(source.toString()).isEqualTo("PersistentVolumeClaim data-db-0 of StatefulSet db");
    VolumeClaimSpec clone = typedClone(0);
    assertThat(clone.template().getSpec().getDataSourceRef().getName()).isEqualTo("data-db-0");
    assertThat(clone.template().getSpec().getDataSourceRef().getApiGroup()).isNull();
    // Not the StatefulSet ready: the claim its controller makes, Bound.
    assertThat(clone.dependsOn()).isEmpty();
    assertThat(clone.awaits()).extracting(Object::toString).containsExactly("PersistentVolumeClaim shop/data-db-0"
        + " (made from StatefulSet.apps shop/db): PersistentVolumeClaim Bound");
    assertThat(typedSnapshot(2).claim()).isEqualTo("data-db-2");
    assertThat(typedSnapshot(2).dependsOn()).isEmpty();
    assertThat(typedSnapshot(2).awaits()).extracting(Object::toString).containsExactly("PersistentVolumeClaim"
        + " shop/data-db-2 (made from StatefulSet.apps shop/db): PersistentVolumeClaim Bound");
  }

  @Test
  void aTypedCloneIsAppliedAfterTheStatefulSetOnceItsClaimIsBoundAndTheOtherClaimsStillComeBeforeIt() {
    ClusterSpec spec = shop().resource(db(3, null)).component(ordersDb().build(), typedClone(0)).build();
    Plan plan = spec.plan();
    assertThat(waves(plan)).containsExactly("0: Namespace shop", "0: StorageClass.storage.k8s.io csi-cinder-high-speed",
        "1: PersistentVolumeClaim shop/orders-db", "2: StatefulSet.apps shop/db", "3: PersistentVolumeClaim shop/copy");
    assertThat(gates(plan, typedClone(0).ref())).containsExactly(DATA_DB_0_BOUND);
    assertThat(plan.find(typedClone(0).ref()).orElseThrow().prerequisites()).contains(DB);
    assertThat(problems(spec)).isEmpty();
  }

  @Test
  void aTypedSnapshotWaitsForTheStatefulSetsClaimAndAClaimRestoredFromItForTheSnapshot() {
    VolumeSnapshotSpec snapshot = typedSnapshot(0);
    VolumeClaimSpec restored = ordersDb().name("copy").restoreFrom(snapshot).build();
    ClusterSpec spec = shop().component(SNAPSHOTS, snapshot, restored, ordersDb().build()).resource(db(3, null))
        .build();
    Plan plan = spec.plan();
    assertThat(waves(plan)).containsExactly("0: Namespace shop", "0: StorageClass.storage.k8s.io csi-cinder-high-speed",
        "0: VolumeSnapshotClass.snapshot.storage.k8s.io csi-cinder-snapclass",
        "1: PersistentVolumeClaim shop/orders-db", "2: StatefulSet.apps shop/db",
        "3: VolumeSnapshot.snapshot.storage.k8s.io shop/snap", "4: PersistentVolumeClaim shop/copy");
    assertThat(gates(plan, snapshot.ref())).containsExactly(DATA_DB_0_BOUND);
    // The claim's gate opened before the snapshot's wave; the restored claim waits for the snapshot only.
    assertThat(gates(plan, restored.ref())).containsExactly("VolumeSnapshot.snapshot.storage.k8s.io shop/snap to be"
        + " ready to use");
    // The stall warning of a restore from a snapshot of a StatefulSet's claim is gone on the typed path.
    assertThat(problems(spec)).isEmpty();
    // The restored claim awaits the snapshotted claim too: coming after the StatefulSet takes it out of the rule that
    // applies claims before the pods of their namespace, which would otherwise close a cycle through the snapshot.
    assertThat(restored.dependsOn()).containsExactly(snapshot.ref());
    assertThat(restored.awaits()).extracting(Object::toString).containsExactly("PersistentVolumeClaim"
        + " shop/data-db-0 (made from StatefulSet.apps shop/db): PersistentVolumeClaim Bound");
    assertThat(plan.find(restored.ref()).orElseThrow().prerequisites()).contains(DB, snapshot.ref());
  }

  /** Under OrderedReady the controller makes data-db-4 only once pods db-2 and db-3 run: cloning it waits for them. */
  @Test
  void aTypedCloneOrSnapshotOfALaterOrdinalUnderOrderedReadyIsAWarning() {
    assertThat(problems(shop().resource(db(3, 2)).component(ordersDb().build(), typedClone(4)).build()))
        .containsExactly("WARNING " + CLONE + "spec.dataSourceRef: clones claim data-db-4 of StatefulSet shop/db:"
            + " data-db-4 is made only once pod db-3 (and every pod before it) is Running and Ready"
            + " (spec.podManagementPolicy OrderedReady, the default), so the claim waits for the StatefulSet's pods"
            + " to run — set spec.podManagementPolicy: Parallel on StatefulSet shop/db, or clone ordinal 2 with"
            + " cloneFromStatefulSetClaim(\"db\", \"data\", 2)");
    StatefulSet ordered = new StatefulSetBuilder(db(2, null)).editSpec().withPodManagementPolicy("OrderedReady")
        .endSpec().build();
    assertThat(problems(shop().resource(ordered).component(SNAPSHOTS, typedSnapshot(1)).build())).containsExactly(
        "WARNING " + SNAPSHOT + "snapshots claim data-db-1 of StatefulSet shop/db: data-db-1 is made only once pod"
        + " db-0 is Running and Ready (spec.podManagementPolicy OrderedReady), so the snapshot waits for the"
        + " StatefulSet's pods to run — set spec.podManagementPolicy: Parallel on StatefulSet shop/db, or snapshot"
        + " ordinal 0 with statefulSetClaim(\"db\", \"data\", 0)");
    StatefulSet parallel = new StatefulSetBuilder(db(2, null)).editSpec().withPodManagementPolicy("Parallel")
        .endSpec().build();
    assertThat(problems(shop().resource(parallel).component(ordersDb().build(), typedClone(1)).build())).isEmpty();
    assertThat(problems(shop().resource(db(2, null)).component(ordersDb().build(), typedClone(0)).build())).isEmpty();
  }

  @Test
  void aTypedCloneOrSnapshotOfAClaimTheStatefulSetNeverCreatesIsAnErrorAsByName() {
    assertThat(problems(shop().resource(db(3, null)).component(typedClone(3)).build())).containsExactly("ERROR "
        + CLONE + "spec.dataSourceRef.name: names claim data-db-3, which StatefulSet shop/db never creates: its 3"
        + " replicas have ordinals 0 to 2; the claim would stay Pending — name one of data-db-0 to data-db-2, raise"
        + " the StatefulSet's replicas, or declare the claim with preExistingResource(...) if it remains from a"
        + " scale-down");
    VolumeClaimSpec misspelled = ordersDb().name("copy").cloneFromStatefulSetClaim("db", "dta", 1).build();
    assertThat(problems(shop().resource(db(3, null)).component(misspelled).build())).containsExactly("ERROR " + CLONE
        + "spec.dataSourceRef.name: names claim dta-db-1, which StatefulSet shop/db never creates: it has no claim"
        + " template dta (its templates: data); the claim would stay Pending — did you mean data-db-0, of claim"
        + " template data?");
    assertThat(problems(shop().resource(db(2, 5)).component(SNAPSHOTS, typedSnapshot(0)).build()))
        .containsExactly("ERROR " + SNAPSHOT + "names claim data-db-0, which StatefulSet shop/db never creates: its 2"
            + " replicas have ordinals 5 to 6; the snapshot would never be taken — name one of data-db-5 to"
            + " data-db-6, raise the StatefulSet's replicas, or declare the claim with preExistingResource(...) if it"
            + " remains from a scale-down");
  }

  @Test
  void aTypedSourceOfAStatefulSetOutsideTheSpecIsAnErrorThatNamesBothWays() {
    String declare = "declare it with preExistingResource(ResourceRef.namespaced(\"apps\", \"StatefulSet\","
        + " \"shop\", \"db\"))";
    // The planner's own error on the awaited claim comes with the claim's, which says how to clone a running one.
    assertThat(problems(shop().component(typedClone(0)).build())).containsExactly("ERROR " + CLONE
        + "spec.dataSourceRef: clones claim data-db-0 of StatefulSet shop/db, which is neither in the spec nor"
        + " declared pre-existing, so nothing makes data-db-0 for the claim to wait for — add the StatefulSet to the"
        + " spec, or, when it runs already, " + declare + " and use cloneFromPreExistingStatefulSetClaim(\"db\","
        + " \"data\", 0), which does not wait for it",
        "ERROR [claim shop/copy] StatefulSet.apps shop/db: awaits of component claim shop/copy names"
        + " PersistentVolumeClaim shop/data-db-0, made from StatefulSet.apps shop/db, which is neither in the spec"
        + " nor declared pre-existing, so nothing makes it — add StatefulSet.apps shop/db to the spec, or declare it"
        + " with preExistingResource(...) when it runs on the cluster already");
    assertThat(problems(shop().component(SNAPSHOTS, typedSnapshot(0)).build())).contains("ERROR " + SNAPSHOT
        + "snapshots claim data-db-0 of StatefulSet shop/db, which is neither in the spec nor declared pre-existing,"
        + " so nothing makes data-db-0 for the snapshot to wait for — add the StatefulSet to the spec, or, when it"
        + " runs already, " + declare + " and use preExistingStatefulSetClaim(\"db\", \"data\", 0), which does"
        + " not wait for it");
  }

  @Test
  void aTypedSourceWhoseNameIsNoClaimOfItsStatefulSetIsRefusedByTheBuilder() {
    assertThat(builderProblems(() -> typedClone(-1))).containsExactly("ERROR " + COPY + "spec.dataSourceRef.name:"
        + " is 'data-db--1', of the negative ordinal -1: the pods of StatefulSet db, and their claims, are numbered"
        + " from spec.ordinals.start, 0 or more — give the ordinal of one of the StatefulSet's pods, such as"
        + " VolumeDataSource.statefulSetClaim(\"db\", \"data\", 0)");
    VolumeDataSource renamed = VolumeDataSource.builder().from(VolumeDataSource.statefulSetClaim("db", "data", 0))
        .name("orders-db").build();
    assertThat(builderProblems(() -> ordersDb().name("copy").dataSource(renamed).build())).containsExactly("ERROR "
        + COPY + "spec.dataSourceRef.name: is 'orders-db', which is no claim of StatefulSet db: its controller names"
        + " the claims of its pods <template>-db-<ordinal> — use VolumeDataSource.statefulSetClaim(\"db\", template,"
        + " ordinal), which writes the name");
    assertThat(builderProblems(() -> VolumeSnapshotSpec.builder().from(typedSnapshot(0)).claim("orders-db")
        .build())).containsExactly("ERROR " + SNAP + "is 'orders-db', which is no claim of StatefulSet db: its"
        + " controller names the claims of its pods <template>-db-<ordinal> — use statefulSetClaim(\"db\", template,"
        + " ordinal), which writes the name");
    assertThat(builderProblems(() -> ordersDb().name("copy").cloneFromStatefulSetClaim("Db", "data", 0).build()))
        .contains("ERROR " + COPY + "spec.dataSourceRef.name: names the claim of StatefulSet 'Db', whose name is"
            + " not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter"
            + " or digit) — name the StatefulSet as in its metadata.name, such as 'db'");
  }

  /**
   * Whatever the StatefulSet's replicas and first ordinal, a typed clone of one of its pods' claims plans without
   * problem or cycle, after the StatefulSet with its readiness gate, while an untyped claim stays before it; a
   * typed clone of any other ordinal is exactly one error.
   */
  @Property(tries = 100)
  void aTypedCloneIsOrderedAfterItsStatefulSetForEveryOrdinalOfItsPods(@ForAll @IntRange(max = 4) int replicas,
      @ForAll @IntRange(max = 1000) int start, @ForAll @IntRange(min = -3, max = 6) int offset) {
    int ordinal = Math.max(0, start + offset);
    boolean created = ordinal >= start && ordinal < start + replicas;
    ClusterSpec spec = shop().resource(db(replicas, start)).component(ordersDb().build(), typedClone(ordinal))
        .build();
    List<String> problems = problems(spec);
    if (!created) {
      assertThat(problems).singleElement().asString().startsWith("ERROR " + CLONE + "spec.dataSourceRef.name: names"
          + " claim data-db-" + ordinal + ", which StatefulSet shop/db never creates");
      return;
    }
    if (ordinal > start) {
      assertThat(problems).singleElement().asString().startsWith("WARNING " + CLONE + "spec.dataSourceRef: clones"
          + " claim data-db-" + ordinal + " of StatefulSet shop/db: data-db-" + ordinal + " is made only once pod db-"
          + (ordinal - 1));
    } else {
      assertThat(problems).isEmpty();
    }
    Plan plan = spec.plan();
    int set = plan.find(ResourceRef.namespaced("apps", "StatefulSet", "shop", "db")).orElseThrow().wave();
    assertThat(plan.find(typedClone(ordinal).ref()).orElseThrow().wave()).isGreaterThan(set);
    assertThat(plan.find(ordersDb().build().ref()).orElseThrow().wave()).isLessThan(set);
    assertThat(gates(plan, typedClone(ordinal).ref())).containsExactly("PersistentVolumeClaim shop/data-db-"
        + ordinal + " (made from StatefulSet.apps shop/db) to be Bound");
  }
}
