package dev.shipshape.storage;

import static dev.shipshape.storage.StorageFixtures.cinderSnapshots;
import static dev.shipshape.storage.StorageFixtures.ordersDb;
import static dev.shipshape.storage.StorageFixtures.problems;
import static dev.shipshape.storage.StorageFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Claims cloned from, restored from a snapshot of, or snapshotted from a claim that a StatefulSet of the spec creates
 * from its {@code volumeClaimTemplates}: {@code <template>-<statefulset>-<ordinal>} for each of its pods.
 */
class StatefulSetClaimSourcesTest {
  private static final String CLONE = "[claim shop/copy] PersistentVolumeClaim shop/copy ";
  private static final String SNAPSHOT = "ERROR [snapshot shop/snap] VolumeSnapshot.snapshot.storage.k8s.io shop/snap"
      + " spec.source.persistentVolumeClaimName: names ";
  private static final ResourceRef DB = ResourceRef.namespaced("apps", "StatefulSet", "shop", "db");
  private static final VolumeSnapshotClassSpec SNAPSHOTS = cinderSnapshots().defaultClass(true).build();

  /** StatefulSet shop/db with claim template data, of {@code replicas} pods from ordinal {@code start}. */
  static StatefulSet db(Integer replicas, Integer start) {
    return new StatefulSetBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "db").endSelector()
        .withServiceName("db").withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
        .withNewSpec().addNewContainer().withName("db").withImage("example/db:1").endContainer().endSpec()
        .endTemplate().withVolumeClaimTemplates(ordersDb().name("data").build().template())
        .editOrNewOrdinals().withStart(start).endOrdinals().endSpec().build();
  }

  private static VolumeClaimSpec cloneOf(String claim) {
    return ordersDb().name("copy").cloneFromClaim(claim).build();
  }

  private static VolumeSnapshotSpec snapshotOf(String claim) {
    return VolumeSnapshotSpec.builder().name("snap").namespace("shop").claim(claim).build();
  }

  private static List<String> cloneProblems(StatefulSet set, String claim) {
    return problems(shop().resource(set).component(cloneOf(claim)).build());
  }

  private static List<String> snapshotProblems(StatefulSet set, String claim) {
    return problems(shop().resource(set).component(SNAPSHOTS, snapshotOf(claim)).build());
  }

  @Test
  void aCloneByNameOfAStatefulSetClaimComesBeforeTheStatefulSetWhichIsAWarningNamingTheTypedForm() {
    VolumeClaimSpec clone = cloneOf("data-db-1");
    Plan plan = shop().resource(db(3, null)).component(clone).build().plan();
    // The planner applies the claims of a namespace before its pods, StatefulSets included: by name, the clone
    // does not wait.
    assertThat(wave(plan, clone.ref())).isLessThan(wave(plan, DB));
    assertThat(problems(shop().resource(db(3, null)).component(clone).build())).containsExactly("WARNING " + CLONE
        + "spec.dataSourceRef: clones claim data-db-1, which StatefulSet shop/db creates from its claim template"
        + " data, by name: claims are applied before the pods of their namespace, so this claim comes before the"
        + " StatefulSet and the provisioner retries until data-db-1 exists and is Bound — clone it with"
        + " cloneFromStatefulSetClaim(\"db\", \"data\", 1), or VolumeDataSource.statefulSetClaim(...), to apply this"
        + " claim after StatefulSet shop/db, once data-db-1 is Bound");
    // Declared pre-existing, as in a later apply: no longer a claim the spec's StatefulSet creates in this apply.
    assertThat(problems(shop().component(clone).preExistingResource(ResourceRef.core("PersistentVolumeClaim",
        "shop", "data-db-1")).build())).isEmpty();
  }

  @Test
  void aSourceClaimThatTheStatefulSetNeverCreatesIsAnError() {
    assertThat(cloneProblems(db(3, null), "data-db-3")).containsExactly("ERROR " + CLONE + "spec.dataSourceRef.name:"
        + " names claim data-db-3, which StatefulSet shop/db never creates: its 3 replicas have ordinals 0 to 2; the"
        + " claim would stay Pending — name one of data-db-0 to data-db-2, raise the StatefulSet's replicas, or"
        + " declare the claim with preExistingResource(...) if it remains from a scale-down");
    // spec.ordinals.start numbers the pods, and so the claims, from another ordinal.
    assertThat(cloneProblems(db(2, 5), "data-db-0")).containsExactly("ERROR " + CLONE + "spec.dataSourceRef.name:"
        + " names claim data-db-0, which StatefulSet shop/db never creates: its 2 replicas have ordinals 5 to 6; the"
        + " claim would stay Pending — name one of data-db-5 to data-db-6, raise the StatefulSet's replicas, or"
        + " declare the claim with preExistingResource(...) if it remains from a scale-down");
    // Without replicas, the server's default: one pod.
    assertThat(cloneProblems(db(null, null), "data-db-1")).containsExactly("ERROR " + CLONE
        + "spec.dataSourceRef.name: names claim data-db-1, which StatefulSet shop/db never creates: its 1 replica"
        + " has ordinal 0; the claim would stay Pending — name data-db-0, raise the StatefulSet's replicas, or"
        + " declare the claim with preExistingResource(...) if it remains from a scale-down");
    assertThat(cloneProblems(db(0, null), "data-db-0")).containsExactly("ERROR " + CLONE + "spec.dataSourceRef.name:"
        + " names claim data-db-0, which StatefulSet shop/db never creates: its 0 replicas create no claims; the"
        + " claim would stay Pending — raise the StatefulSet's replicas, or declare the claim with"
        + " preExistingResource(...) if it remains from a scale-down");
    assertThat(cloneProblems(db(3, null), "data-db-01")).containsExactly("ERROR " + CLONE
        + "spec.dataSourceRef.name: names claim data-db-01, which StatefulSet shop/db never creates: its controller"
        + " writes ordinals without leading zeros; the claim would stay Pending — name one of data-db-0 to"
        + " data-db-2, raise the StatefulSet's replicas, or declare the claim with preExistingResource(...) if it"
        + " remains from a scale-down");
    // A claim left by a scale-down remains: declared pre-existing, it is no error.
    assertThat(problems(shop().resource(db(3, null)).component(cloneOf("data-db-3")).preExistingResource(
        ResourceRef.core("PersistentVolumeClaim", "shop", "data-db-3")).build())).isEmpty();
  }

  @Test
  void ofTwoStatefulSetsWhoseNamesTheClaimCouldHoldTheOneWithItsTemplateJudgesIt() {
    // "data-web-db-3" reads as template data-web of db, or template data of web-db: web-db has template data.
    StatefulSet webDb = new StatefulSetBuilder(db(2, null)).editMetadata().withName("web-db").endMetadata().build();
    ClusterSpec spec = shop().resource(db(3, null), webDb).component(cloneOf("data-web-db-3")).build();

    assertThat(problems(spec)).containsExactly("ERROR " + CLONE + "spec.dataSourceRef.name: names claim"
        + " data-web-db-3, which StatefulSet shop/web-db never creates: its 2 replicas have ordinals 0 to 1; the"
        + " claim would stay Pending — name one of data-web-db-0 to data-web-db-1, raise the StatefulSet's"
        + " replicas, or declare the claim with preExistingResource(...) if it remains from a scale-down");
  }

  @Test
  void aSourceClaimOfATemplateTheStatefulSetDoesNotHaveNamesTheClosestTemplate() {
    assertThat(cloneProblems(db(3, null), "dta-db-1")).containsExactly("ERROR " + CLONE + "spec.dataSourceRef.name:"
        + " names claim dta-db-1, which StatefulSet shop/db never creates: it has no claim template dta (its"
        + " templates: data); the claim would stay Pending — did you mean data-db-0, of claim template data?");
    assertThat(cloneProblems(db(3, null), "logs-db-1")).containsExactly("ERROR " + CLONE + "spec.dataSourceRef.name:"
        + " names claim logs-db-1, which StatefulSet shop/db never creates: it has no claim template logs (its"
        + " templates: data); the claim would stay Pending — name a claim of one of its templates, or declare the"
        + " claim with preExistingResource(...)");
  }

  @Test
  void aSnapshotOfAClaimThatTheStatefulSetNeverCreatesIsAnError() {
    assertThat(snapshotProblems(db(3, null), "data-db-2")).isEmpty();
    assertThat(snapshotProblems(db(3, null), "data-db-3")).containsExactly(SNAPSHOT + "claim data-db-3, which"
        + " StatefulSet shop/db never creates: its 3 replicas have ordinals 0 to 2; the snapshot would never be"
        + " taken — name one of data-db-0 to data-db-2, raise the StatefulSet's replicas, or declare the claim with"
        + " preExistingResource(...) if it remains from a scale-down");
    assertThat(snapshotProblems(db(3, null), "dta-db-1")).containsExactly(SNAPSHOT + "claim dta-db-1, which"
        + " StatefulSet shop/db never creates: it has no claim template dta (its templates: data); the snapshot"
        + " would never be taken — did you mean data-db-0, of claim template data?");
  }

  @Test
  void restoringASpecSnapshotByNameOfAStatefulSetClaimWaitsForAStatefulSetAppliedAfterItWhichIsAWarning() {
    VolumeSnapshotSpec snapshot = VolumeSnapshotSpec.builder().name("data-db-0-nightly").namespace("shop")
        .claim("data-db-0").snapshotClass(SNAPSHOTS).build();
    VolumeClaimSpec restored = ordersDb().name("copy").restoreFrom(snapshot).build();
    // Whatever the class's binding mode (here WaitForFirstConsumer): the StatefulSet's controller creates the pods.
    Plan plan = shop().component(SNAPSHOTS, snapshot, restored).resource(db(3, null)).build().plan();
    // The restored claim waits for the snapshot, which waits for data-db-0, which the StatefulSet after it creates.
    assertThat(wave(plan, restored.ref())).isLessThan(wave(plan, DB));
    assertThat(plan.warnings()).extracting(Object::toString).containsExactly("WARNING " + CLONE
        + "spec.dataSourceRef: waits for VolumeSnapshot data-db-0-nightly to be ready to use, which it becomes only"
        + " once claim data-db-0 is Bound, and StatefulSet shop/db creates that claim; claims are applied before the"
        + " pods of their namespace, so the StatefulSet comes after this claim and the apply would wait until it"
        + " times out unless the StatefulSet already runs — snapshot the claim with statefulSetClaim(\"db\","
        + " \"data\", 0) instead of claim(\"data-db-0\") on the VolumeSnapshotSpec's builder, so that the snapshot,"
        + " and this claim, come after StatefulSet shop/db and wait for data-db-0 to be Bound; or restore by name with"
        + " VolumeDataSource.snapshot(\"data-db-0-nightly\") to let the provisioner wait instead");
  }

  /** The claims a StatefulSet creates are its pods' ordinals, from {@code spec.ordinals.start}, and no others. */
  @Property(tries = 200)
  void aStatefulSetClaimIsASourceExactlyWhenItsOrdinalIsOneOfThePods(@ForAll @IntRange(max = 4) int replicas,
      @ForAll @IntRange(max = 1000) int start, @ForAll @IntRange(min = -3, max = 6) int offset) {
    int ordinal = Math.max(0, start + offset);
    boolean created = ordinal >= start && ordinal < start + replicas;
    String claim = "data-db-" + ordinal;
    assertThat(cloneProblems(db(replicas, start), claim)).as(claim).allMatch(p -> p.startsWith("WARNING ") == created)
        .hasSize(1);
    assertThat(snapshotProblems(db(replicas, start), claim)).as(claim).hasSize(created ? 0 : 1);
  }

  private static int wave(Plan plan, ResourceRef ref) {
    return plan.find(ref).orElseThrow().wave();
  }
}
