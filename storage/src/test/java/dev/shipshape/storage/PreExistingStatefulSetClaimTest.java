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
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Clones and snapshots of a claim of a StatefulSet that runs on the cluster already, declared pre-existing instead
 * of being in the spec: named as the StatefulSet controller names its claims, not ordered (nothing of the plan
 * stands for the StatefulSet), and warned about because its templates and ordinals cannot be checked.
 */
class PreExistingStatefulSetClaimTest {
  private static final ResourceRef DB = ResourceRef.namespaced("apps", "StatefulSet", "shop", "db");
  private static final ResourceRef DATA_DB_0 = ResourceRef.core("PersistentVolumeClaim", "shop", "data-db-0");
  private static final VolumeSnapshotClassSpec SNAPSHOTS = cinderSnapshots().defaultClass(true).build();
  private static final String CLONE = "[claim shop/copy] PersistentVolumeClaim shop/copy spec.dataSourceRef: ";
  private static final String SNAPSHOT = "[snapshot shop/snap] VolumeSnapshot.snapshot.storage.k8s.io shop/snap"
      + " spec.source.persistentVolumeClaimName: ";
  private static final String UNCHECKED = " of StatefulSet shop/db, declared pre-existing: without the StatefulSet's"
      + " definition, that it has claim template data (spec.volumeClaimTemplates[*].metadata.name) and a pod of"
      + " ordinal 0 (spec.ordinals.start, spec.replicas) cannot be checked; if not, ";
  private static final String CHECK_FIX = " — check them on the cluster (kubectl get statefulset db -n shop -o yaml),"
      + " declare the claim itself with preExistingResource(ResourceRef.core(\"PersistentVolumeClaim\", \"shop\","
      + " \"data-db-0\")), or add the StatefulSet to the spec";
  private static final String DECLARE_DB = "preExistingResource(ResourceRef.namespaced(\"apps\", \"StatefulSet\","
      + " \"shop\", \"db\"))";

  private static VolumeClaimSpec clone(int ordinal) {
    return ordersDb().name("copy").cloneFromPreExistingStatefulSetClaim("db", "data", ordinal).build();
  }

  private static VolumeSnapshotSpec snapshot() {
    return VolumeSnapshotSpec.builder().name("snap").namespace("shop").preExistingStatefulSetClaim("db", "data", 0)
        .build();
  }

  private static List<String> gates(Plan plan, ResourceRef ref) {
    int wave = plan.find(ref).orElseThrow().wave();
    return plan.waves().get(wave).gates().stream().map(Gate::toString).collect(Collectors.toList());
  }

  @Test
  void aCloneOfADeclaredStatefulSetsClaimIsNamedAlikeWaitsForNothingAndWarnsWhatCannotBeChecked() {
    VolumeClaimSpec clone = clone(0);
    assertThat(clone.dataSource().orElseThrow()).hasToString("PersistentVolumeClaim data-db-0 of pre-existing"
        + " StatefulSet db");
    assertThat(clone.dependsOn()).isEmpty();
    ClusterSpec spec = shop().component(clone).preExistingResource(DB).build();
    assertThat(problems(spec)).containsExactly("WARNING " + CLONE + "clones claim data-db-0" + UNCHECKED
        + "the claim would stay Pending" + CHECK_FIX);
    Plan plan = spec.plan();
    assertThat(gates(plan, clone.ref())).noneMatch(gate -> gate.contains("StatefulSet"));
    PersistentVolumeClaim compiled = (PersistentVolumeClaim) plan.find(clone.ref()).orElseThrow().object();
    assertThat(compiled.getSpec().getDataSourceRef().getName()).isEqualTo("data-db-0");
    // The claim itself declared: nothing is left unchecked.
    assertThat(problems(shop().component(clone).preExistingResource(DB, DATA_DB_0).build())).isEmpty();
  }

  @Test
  void aSnapshotOfADeclaredStatefulSetsClaimWaitsForNothingAndAClaimRestoredFromItWaitsForTheSnapshotOnly() {
    VolumeSnapshotSpec snapshot = snapshot();
    VolumeClaimSpec restored = ordersDb().name("copy").restoreFrom(snapshot).build();
    assertThat(snapshot.dependsOn()).isEmpty();
    assertThat(restored.dependsOn()).containsExactly(snapshot.ref());
    ClusterSpec spec = shop().component(SNAPSHOTS, snapshot, restored).preExistingResource(DB).build();
    assertThat(problems(spec)).containsExactly("WARNING " + SNAPSHOT + "snapshots claim data-db-0" + UNCHECKED
        + "the snapshot would never be taken" + CHECK_FIX);
    assertThat(gates(spec.plan(), restored.ref())).containsExactly("VolumeSnapshot.snapshot.storage.k8s.io"
        + " shop/snap to be ready to use");
    // The snapshot's class is still checked.
    VolumeSnapshotSpec ofMissingClass = VolumeSnapshotSpec.builder().from(snapshot).snapshotClass("missing").build();
    assertThat(problems(shop().component(ofMissingClass).preExistingResource(DB).build())).contains("ERROR"
        + " [snapshot shop/snap] VolumeSnapshot.snapshot.storage.k8s.io shop/snap spec.volumeSnapshotClassName:"
        + " names VolumeSnapshotClass.snapshot.storage.k8s.io missing, which is neither in the spec nor declared"
        + " pre-existing — add a VolumeSnapshotClassSpec, fix the name, or declare it with preExistingResource(...)");
  }

  @Test
  void aStatefulSetNeitherInTheSpecNorDeclaredIsAnErrorWhoseFixNamesBothWays() {
    assertThat(problems(shop().component(clone(0)).build())).containsExactly("ERROR " + CLONE + "clones claim"
        + " data-db-0 of StatefulSet shop/db, given as pre-existing, but the StatefulSet is neither in the spec nor"
        + " declared pre-existing; the claim would stay Pending — when it runs already, declare it with "
        + DECLARE_DB + "; else add it to the spec and use cloneFromStatefulSetClaim(\"db\", \"data\", 0) to apply"
        + " the claim after it, once data-db-0 is Bound");
    assertThat(problems(shop().component(SNAPSHOTS, snapshot()).build())).containsExactly("ERROR " + SNAPSHOT
        + "snapshots claim data-db-0 of StatefulSet shop/db, given as pre-existing, but the StatefulSet is neither"
        + " in the spec nor declared pre-existing; the snapshot would never be taken — when it runs already, declare"
        + " it with " + DECLARE_DB + "; else add it to the spec and use statefulSetClaim(\"db\", \"data\", 0) to"
        + " apply the snapshot after it, once data-db-0 is Bound");
  }

  @Test
  void theFormOfAStatefulSetOfTheSpecNamingADeclaredOneIsAnErrorNamingThePreExistingForm() {
    VolumeClaimSpec typed = ordersDb().name("copy").cloneFromStatefulSetClaim("db", "data", 0).build();
    // The claim's error alone, which says which form to use: the planner takes a claim made from a pre-existing
    // StatefulSet, which it gates on without ordering after it.
    assertThat(problems(shop().component(typed).preExistingResource(DB).build())).containsExactly("ERROR " + CLONE
        + "clones claim data-db-0 of StatefulSet shop/db, which is declared pre-existing but not in the spec, so the"
        + " claim cannot be ordered after it: the planner orders only after objects of the plan — use"
        + " cloneFromPreExistingStatefulSetClaim(\"db\", \"data\", 0), which does not wait for it");
  }

  @Test
  void thePreExistingFormOfAStatefulSetOfTheSpecIsAWarningAndStillChecksTheOrdinal() {
    VolumeClaimSpec clone = clone(0);
    ClusterSpec spec = shop().resource(db(3, null)).component(clone).build();
    assertThat(problems(spec)).containsExactly("WARNING " + CLONE + "clones claim data-db-0 of StatefulSet shop/db,"
        + " which is in the spec, as pre-existing: the claim is not ordered after the StatefulSet, so the"
        + " provisioner retries until data-db-0 exists and is Bound — use cloneFromStatefulSetClaim(\"db\", \"data\","
        + " 0) to apply the claim after StatefulSet shop/db, once data-db-0 is Bound");
    Plan plan = spec.plan();
    assertThat(plan.find(clone.ref()).orElseThrow().wave()).isLessThan(plan.find(DB).orElseThrow().wave());
    assertThat(problems(shop().resource(db(3, null)).component(clone(3)).build())).anyMatch(p -> p.startsWith(
        "ERROR [claim shop/copy] PersistentVolumeClaim shop/copy spec.dataSourceRef.name: names claim data-db-3,"
        + " which StatefulSet shop/db never creates"));
  }

  @Test
  void aNegativeOrdinalIsRefusedByTheBuilderNamingThePreExistingForm() {
    assertThat(builderProblems(() -> clone(-1))).containsExactly("ERROR PersistentVolumeClaim shop/copy"
        + " spec.dataSourceRef.name: is 'data-db--1', of the negative ordinal -1: the pods of StatefulSet db, and"
        + " their claims, are numbered from spec.ordinals.start, 0 or more — give the ordinal of one of the"
        + " StatefulSet's pods, such as VolumeDataSource.preExistingStatefulSetClaim(\"db\", \"data\", 0)");
  }

  /**
   * Whatever the names and ordinal, the pre-existing form names the same claim as the form of a StatefulSet of the
   * spec, depends on nothing, and plans with the declared StatefulSet with exactly the unchecked-name warning.
   */
  @Property(tries = 50)
  void thePreExistingFormNamesTheSameClaimAndPlansWithOneWarning(
      @ForAll @StringLength(min = 1, max = 8) @Chars({'a', 'b', 'z', '0', '9'}) String set,
      @ForAll @StringLength(min = 1, max = 8) @Chars({'a', 'c', '-', '7'}) String template,
      @ForAll @IntRange(max = 100_000) int ordinal) {
    String statefulSet = "s" + set;
    String claimTemplate = "t" + template + "x";
    VolumeDataSource source = VolumeDataSource.preExistingStatefulSetClaim(statefulSet, claimTemplate, ordinal);
    assertThat(source.name()).isEqualTo(VolumeDataSource.statefulSetClaim(statefulSet, claimTemplate, ordinal)
        .name());
    VolumeClaimSpec clone = ordersDb().name("copy").dataSource(source).build();
    assertThat(clone.dependsOn()).isEmpty();
    List<String> problems = problems(shop().component(clone).preExistingResource(ResourceRef.namespaced("apps",
        "StatefulSet", "shop", statefulSet)).build());
    assertThat(problems).singleElement().asString().startsWith("WARNING " + CLONE + "clones claim "
        + source.name() + " of StatefulSet shop/" + statefulSet + ", declared pre-existing: without the"
        + " StatefulSet's definition, that it has claim template " + claimTemplate
        + " (spec.volumeClaimTemplates[*].metadata.name) and a pod of ordinal " + ordinal + " ");
  }
}
