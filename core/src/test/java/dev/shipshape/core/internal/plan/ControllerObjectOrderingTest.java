package dev.shipshape.core.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ControllerObject;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.readiness.Conditions;
import dev.shipshape.core.readiness.ReadinessCondition;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A component's objects that wait for an object a controller makes ({@code Component.awaits}): ordered after the
 * object it is made from once that one is applied, gated on the made object, which the plan names with its origin.
 */
class ControllerObjectOrderingTest {
  static final ResourceRef DB = ResourceRef.namespaced("apps", "StatefulSet", "shop", "db");
  static final ResourceRef DATA_DB_0 = ResourceRef.core("PersistentVolumeClaim", "shop", "data-db-0");
  static final ResourceRef COPY = ResourceRef.core("PersistentVolumeClaim", "shop", "copy");
  static final ControllerObject DATA_DB_0_BOUND = ControllerObject.of(DATA_DB_0, Conditions.pvcBound(), DB);
  static final String GATE = "PersistentVolumeClaim shop/data-db-0 (made from StatefulSet.apps shop/db) to be Bound";
  private static final String STATEFUL_SET = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db,"
      + " namespace: shop}\nspec: {serviceName: db, selector: {matchLabels: {app: db}}, template: {metadata: {labels:"
      + " {app: db}}, spec: {containers: [{name: db, image: db}]}}, volumeClaimTemplates: [{metadata: {name: data},"
      + " spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]}\n";
  private static final String CLAIM = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: %s, namespace:"
      + " shop}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}%s}\n";

  static HasMetadata statefulSet() {
    return TestManifests.object(STATEFUL_SET);
  }

  static HasMetadata claim(String name, String source) {
    return TestManifests.object(String.format(CLAIM, name, source.isEmpty() ? "" : ", dataSourceRef: {kind:"
        + " PersistentVolumeClaim, name: " + source + "}"));
  }

  /**
   * A clone of data-db-0 and a ConfigMap of another namespace (those of shop come before its pods), awaiting
   * data-db-0 Bound; a claim of the namespace; the StatefulSet.
   */
  static ClusterSpec.Builder shop() {
    return ClusterSpec.builder().name("test").resource(TestManifests.namespace("shop"), statefulSet())
        .preExistingNamespace("other")
        .component(StaticComponent.of("copy", claim("copy", "data-db-0"), TestManifests.configMap("other", "after"))
            .awaiting(DATA_DB_0_BOUND))
        .component(StaticComponent.of("scratch", claim("scratch", "")));
  }

  private static List<String> waves(Plan plan) {
    return plan.resources().stream().map(r -> r.wave() + ": " + r.ref()).collect(Collectors.toList());
  }

  private static List<String> gates(Plan plan) {
    return plan.waves().stream().flatMap(w -> w.gates().stream().map(g -> w.index() + ": " + g))
        .collect(Collectors.toList());
  }

  @Test
  void theComponentComesAfterTheOriginOnceAppliedAndWaitsForTheMadeObjectNotForTheOriginsReadiness() {
    Plan plan = shop().build().plan();
    // The clone is exempt from the rule that applies claims before their namespace's pods, as with dependsOn.
    assertThat(waves(plan)).containsExactly("0: Namespace shop", "1: PersistentVolumeClaim shop/scratch",
        "2: StatefulSet.apps shop/db", "3: ConfigMap other/after", "3: PersistentVolumeClaim shop/copy");
    assertThat(gates(plan)).containsExactly("1: Namespace shop to be Active", "3: " + GATE);
    assertThat(plan.find(COPY).orElseThrow().prerequisites()).containsExactly(ResourceRef.core("Namespace", null,
        "shop"), DB);
    Gate gate = plan.waves().get(3).gates().get(0);
    assertThat(gate.target()).isEqualTo(DATA_DB_0);
    assertThat(gate.madeFrom()).contains(DB);
    assertThat(plan.summary()).contains("wave 3 waits for " + GATE + "\n").doesNotContain("to be ready");
    JsonNode json = plan.toJson().path("waves").path(3).path("gates");
    assertThat(json.toString()).isEqualTo("[{\"target\":\"PersistentVolumeClaim shop/data-db-0\",\"condition\":"
        + "\"PersistentVolumeClaim Bound\",\"madeFrom\":\"StatefulSet.apps shop/db\"}]");
    // A gate on an object of the plan has no origin in JSON.
    assertThat(plan.toJson().path("waves").path(1).path("gates").path(0).has("madeFrom")).isFalse();
  }

  @Test
  void withDependsOnInsteadTheComponentWaitsForTheWholeStatefulSetToBeReady() {
    Plan plan = ClusterSpec.builder().name("test").resource(TestManifests.namespace("shop"), statefulSet())
        .component(StaticComponent.of("copy", claim("copy", "data-db-0")).dependingOn(DB)).build().plan();
    assertThat(gates(plan)).containsExactly("1: Namespace shop to be Active", "2: StatefulSet.apps shop/db to be"
        + " ready");
  }

  @Test
  void aGateAwaitedByManyComponentsIsWaitedForOnceBeforeTheFirstOfThem() {
    Plan plan = shop().component(StaticComponent.of("later", TestManifests.configMap("other", "later"))
            .awaiting(DATA_DB_0_BOUND).dependingOn(ResourceRef.core("ConfigMap", "other", "after")))
        .component(StaticComponent.of("beside", TestManifests.configMap("other", "beside"))
            .awaiting(DATA_DB_0_BOUND))
        .build().plan();
    assertThat(waves(plan)).contains("3: ConfigMap other/beside", "4: ConfigMap other/later");
    assertThat(gates(plan)).containsExactly("1: Namespace shop to be Active", "3: " + GATE);
  }

  @Test
  void anOriginDeclaredPreExistingOrdersNothingAndKeepsTheGate() {
    ClusterSpec spec = ClusterSpec.builder().name("test").preExistingNamespace("shop").preExistingResource(DB)
        .component(StaticComponent.of("copy", claim("copy", "data-db-0")).awaiting(DATA_DB_0_BOUND)).build();
    Plan plan = spec.plan();
    assertThat(waves(plan)).containsExactly("0: PersistentVolumeClaim shop/copy");
    assertThat(gates(plan)).containsExactly("0: " + GATE);
    assertThat(plan.find(COPY).orElseThrow().prerequisites()).isEmpty();
    // A namespace declared pre-existing is an origin too: the ServiceAccount its controller makes in it.
    ResourceRef account = ResourceRef.core("ServiceAccount", "shop", "default");
    Plan inNamespace = ClusterSpec.builder().name("test").preExistingNamespace("shop")
        .component(StaticComponent.of("settings", TestManifests.configMap("shop", "settings"))
            .awaiting(ControllerObject.of(account, ReadinessCondition.of("ServiceAccount present",
                live -> true), ResourceRef.core("Namespace", null, "shop"))))
        .build().plan();
    assertThat(gates(inNamespace)).containsExactly("0: ServiceAccount shop/default (made from Namespace shop) to be"
        + " present");
  }

  @Test
  void aTargetOfThePlanIsAnErrorThatSaysToUseDependsOn() {
    ClusterSpec spec = shop().resource(claim("data-db-0", "")).build();
    assertThat(Problems.of(spec)).containsExactly("ERROR [copy] PersistentVolumeClaim shop/data-db-0: awaits of"
        + " component copy names PersistentVolumeClaim shop/data-db-0 as made by a controller from StatefulSet.apps"
        + " shop/db, but it is an object of the plan, which no controller makes — order the component after it with"
        + " dependsOn, which waits until it is applied and ready");
  }

  @Test
  void anOriginNeitherInThePlanNorDeclaredIsAnErrorNamingTheClosestObjectOrHowToDeclareIt() {
    ControllerObject misspelled = ControllerObject.of(DATA_DB_0, Conditions.pvcBound(),
        ResourceRef.namespaced("apps", "StatefulSet", "shop", "dbs"));
    assertThat(Problems.of(ClusterSpec.builder().name("test").resource(TestManifests.namespace("shop"), statefulSet())
        .component(StaticComponent.of("copy", claim("copy", "data-db-0")).awaiting(misspelled)).build()))
        .containsExactly("ERROR [copy] StatefulSet.apps shop/dbs: awaits of component copy names"
            + " PersistentVolumeClaim shop/data-db-0, made from StatefulSet.apps shop/dbs, which is neither in the"
            + " spec nor declared pre-existing, so nothing makes it — did you mean StatefulSet.apps shop/db?");
    assertThat(Problems.of(ClusterSpec.builder().name("test").preExistingNamespace("shop")
        .component(StaticComponent.of("copy", claim("copy", "data-db-0")).awaiting(DATA_DB_0_BOUND)).build()))
        .containsExactly("ERROR [copy] StatefulSet.apps shop/db: awaits of component copy names"
            + " PersistentVolumeClaim shop/data-db-0, made from StatefulSet.apps shop/db, which is neither in the"
            + " spec nor declared pre-existing, so nothing makes it — add StatefulSet.apps shop/db to the spec, or"
            + " declare it with preExistingResource(...) when it runs on the cluster already");
  }

  /**
   * A component holding the origin too: its other objects come after the origin, which waits for nothing it makes;
   * only when a dependency orders the origin after one of them is it an error, which says to split the component.
   */
  @Test
  void aComponentAwaitingWhatItsOwnObjectMakesOrdersItsOtherObjectsAfterIt() {
    ClusterSpec spec = ClusterSpec.builder().name("test").preExistingNamespace("shop")
        .component(StaticComponent.of("db", statefulSet(), claim("copy", "data-db-0")).awaiting(DATA_DB_0_BOUND))
        .build();
    Plan plan = spec.plan();
    assertThat(waves(plan)).containsExactly("0: StatefulSet.apps shop/db", "1: PersistentVolumeClaim shop/copy");
    assertThat(gates(plan)).containsExactly("1: " + GATE);
    assertThat(plan.find(DB).orElseThrow().awaited()).isEmpty();
    assertThat(plan.find(COPY).orElseThrow().awaited()).extracting(Gate::toString).containsExactly(GATE);

    ResourceRef config = ResourceRef.core("ConfigMap", "shop", "settings");
    ClusterSpec cycle = ClusterSpec.builder().name("test").preExistingNamespace("shop")
        .component(StaticComponent.of("db", statefulSet(), TestManifests.configMap("shop", "settings"))
            .awaiting(DATA_DB_0_BOUND))
        .dependsOn(DB, config).build();
    assertThat(Problems.of(cycle)).containsExactly("ERROR [db] StatefulSet.apps shop/db: component db awaits an"
        + " object that a controller makes from its own object StatefulSet.apps shop/db, so its other objects come"
        + " after that one, but StatefulSet.apps shop/db is ordered after ConfigMap shop/settings of the same"
        + " component (by a dependency), a cycle — split component db: put StatefulSet.apps shop/db and what it"
        + " needs in a component of its own, and let the objects that await what its controller makes form"
        + " another");
  }
}
