package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Waves: namespaces, CRDs and explicit dependencies first, gates between waves, a fixed order inside a wave. */
class PlanOrderingTest {
  private static final String CRD = String.join("\n",
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata: {name: widgets.example.com}",
      "spec:",
      "  group: example.com",
      "  names: {kind: Widget, plural: widgets}",
      "  scope: Namespaced",
      "  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]",
      "");
  private static final String DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db, namespace:"
      + " legacy}\nspec: {selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec:"
      + " {containers: [{name: db, image: db}]}}}\n";

  @Test
  void namespaceComesBeforeItsObjectsWhichWaitForItToBeActive() {
    Plan plan = ClusterSpec.builder().name("test")
        .resource(TestManifests.configMap("shop", "settings"), TestManifests.namespace("shop"))
        .build().plan();
    assertThat(waves(plan)).containsExactly("0: Namespace shop", "1: ConfigMap shop/settings");
    assertThat(plan.waves().get(0).gates()).isEmpty();
    assertThat(plan.waves().get(1).gates()).extracting(Gate::toString).containsExactly("Namespace shop to be Active");
    assertThat(plan.find(ResourceRef.core("ConfigMap", "shop", "settings")).orElseThrow().prerequisites())
        .containsExactly(ResourceRef.core("Namespace", null, "shop"));
  }

  @Test
  void crdComesBeforeItsCustomResourcesWhichWaitForItToBeEstablished() {
    Plan plan = ClusterSpec.builder().name("test")
        .yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: default}\n")
        .yaml("apiVersion: other.org/v1\nkind: Gadget\nmetadata: {name: g, namespace: default}\n")
        .yaml(CRD)
        .build().plan();
    assertThat(waves(plan)).containsExactly(
        "0: CustomResourceDefinition.apiextensions.k8s.io widgets.example.com",
        "0: Gadget.other.org default/g",
        "1: Widget.example.com default/w");
    assertThat(plan.waves().get(1).gates()).extracting(Gate::toString)
        .containsExactly("CustomResourceDefinition.apiextensions.k8s.io widgets.example.com to be Established");
  }

  @Test
  void componentDependsOnOrdersEveryObjectOfTheComponentAfterTheTargetAndWaitsForItsReadiness() {
    ResourceRef db = ResourceRef.namespaced("apps", "Deployment", "legacy", "db");
    Plan plan = ClusterSpec.builder().name("test")
        .component(StaticComponent.of("app", TestManifests.configMap("default", "a"),
            TestManifests.configMap("default", "b")).dependingOn(db))
        .component(StaticComponent.of("database", TestManifests.object(DEPLOYMENT)))
        .preExistingNamespace("legacy")
        .build().plan();
    assertThat(waves(plan)).containsExactly("0: Deployment.apps legacy/db", "1: ConfigMap default/a",
        "1: ConfigMap default/b");
    assertThat(plan.waves().get(1).gates()).extracting(Gate::toString)
        .containsExactly("Deployment.apps legacy/db to be ready");
  }

  @Test
  void specDependsOnOrdersOneObjectAfterAnother() {
    ResourceRef a = ResourceRef.core("ConfigMap", "default", "a");
    ResourceRef b = ResourceRef.core("ConfigMap", "default", "b");
    ResourceRef c = ResourceRef.core("ConfigMap", "default", "c");
    Plan plan = ClusterSpec.builder().name("test")
        .resource(TestManifests.configMap("default", "a"), TestManifests.configMap("default", "b"),
            TestManifests.configMap("default", "c"))
        .dependsOn(a, b)
        .dependsOn(b, c)
        .build().plan();
    assertThat(waves(plan)).containsExactly("0: ConfigMap default/c", "1: ConfigMap default/b",
        "2: ConfigMap default/a");
    assertThat(plan.waves()).allSatisfy(wave -> assertThat(wave.gates()).isEmpty());
    assertThat(plan.find(a).orElseThrow().prerequisites()).containsExactly(b);
  }

  @Test
  void aDeclaredDependencyWinsOverTheKindRuleItContradicts() {
    String statefulSet = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: shop}\nspec:"
        + " {serviceName: db, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec:"
        + " {containers: [{name: db, image: db}]}}, volumeClaimTemplates: [{metadata: {name: data}, spec:"
        + " {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]}\n";
    String claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: %s, namespace: shop}\nspec:"
        + " {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}%s}\n";
    ResourceRef db = ResourceRef.namespaced("apps", "StatefulSet", "shop", "db");
    ResourceRef copy = ResourceRef.core("PersistentVolumeClaim", "shop", "copy");
    Plan plan = ClusterSpec.builder().name("test").preExistingNamespace("shop")
        .yaml(statefulSet)
        .yaml(String.format(claim, "copy", ", dataSourceRef: {kind: PersistentVolumeClaim, name: data-db-0}"))
        .yaml(String.format(claim, "scratch", ""))
        .dependsOn(copy, db)
        .build().plan();

    // The clone waits for the StatefulSet whose pod gets its source; other claims still come before the pods.
    assertThat(waves(plan)).containsExactly("0: PersistentVolumeClaim shop/scratch", "1: StatefulSet.apps shop/db",
        "2: PersistentVolumeClaim shop/copy");
    assertThat(plan.waves().get(2).gates()).extracting(Gate::toString)
        .containsExactly("StatefulSet.apps shop/db to be ready");

    // The clone still comes before the namespace's other workloads, which may mount it; a StatefulSet whose claim
    // template makes a claim of the clone's name comes after it too (it would otherwise create that claim empty).
    String job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate, namespace: shop}\nspec: {template:"
        + " {spec: {restartPolicy: Never, containers: [{name: m, image: m}], volumes: [{name: d,"
        + " persistentVolumeClaim: {claimName: copy}}]}}}\n";
    Plan withUsers = ClusterSpec.builder().name("test").preExistingNamespace("shop")
        .yaml(statefulSet)
        .yaml(statefulSet.replace("name: db,", "name: fresh,").replace("serviceName: db", "serviceName: fresh"))
        .yaml(job)
        .yaml(String.format(claim, "copy", ", dataSourceRef: {kind: PersistentVolumeClaim, name: data-db-0}"))
        .yaml(String.format(claim, "data-fresh-0", ", dataSourceRef: {kind: PersistentVolumeClaim, name: data-db-0}"))
        .dependsOn(copy, db)
        .dependsOn(ResourceRef.core("PersistentVolumeClaim", "shop", "data-fresh-0"), db)
        .build().plan();
    assertThat(waves(withUsers)).containsExactly("0: StatefulSet.apps shop/db",
        "1: PersistentVolumeClaim shop/copy", "1: PersistentVolumeClaim shop/data-fresh-0",
        "2: StatefulSet.apps shop/fresh", "2: Job.batch shop/migrate");

    // A claim the StatefulSet's pods mount cannot wait for them: that stays a cycle, reported with the rule.
    ClusterSpec mounted = ClusterSpec.builder().name("test").preExistingNamespace("shop")
        .yaml(statefulSet.replace("containers: [{name: db, image: db}]", "containers: [{name: db, image: db}],"
            + " volumes: [{name: copy, persistentVolumeClaim: {claimName: copy}}]"))
        .yaml(String.format(claim, "copy", ""))
        .dependsOn(copy, db)
        .build();
    assertThatThrownBy(mounted::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).extracting(Problem::message).anyMatch(m -> m.startsWith("dependency cycle")
            && m.contains("[ServiceAccounts, Secrets, ConfigMaps and claims before pods of their namespace")));
    ClusterSpec ownTemplate = ClusterSpec.builder().name("test").preExistingNamespace("shop")
        .yaml(statefulSet)
        .yaml(String.format(claim, "data-db-0", ""))
        .dependsOn(ResourceRef.core("PersistentVolumeClaim", "shop", "data-db-0"), db)
        .build();
    assertThatThrownBy(ownTemplate::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).extracting(Problem::message).anyMatch(m -> m.startsWith("dependency cycle")));
  }

  @Test
  void withinAWaveObjectsFollowHelmsInstallOrderThenKindGroupNamespaceAndName() {
    Plan plan = ClusterSpec.builder().name("test")
        .yaml("apiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: legacy}\n")
        .yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: legacy}\n")
        .yaml("apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: legacy}\n")
        .yaml("apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: default}\n")
        .yaml("apiVersion: another.org/v1\nkind: Widget\nmetadata: {name: w, namespace: legacy}\n")
        .yaml("apiVersion: example.com/v1\nkind: Anvil\nmetadata: {name: x, namespace: legacy}\n")
        .yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: \"y\", namespace: legacy}\n")
        .yaml("apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: legacy}\n")
        .resource(TestManifests.configMap("legacy", "z"))
        .yaml("apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n")
        .preExistingNamespace("legacy")
        .build().plan();
    assertThat(waves(plan)).containsExactly(
        "0: PriorityClass.scheduling.k8s.io high",
        "0: ResourceQuota legacy/q",
        "0: Secret legacy/y",
        "0: ConfigMap legacy/z",
        "0: Service default/a",
        "0: Service legacy/a",
        "0: Service legacy/b",
        "0: Anvil.example.com legacy/x",
        "0: Widget.another.org legacy/w",
        "0: Widget.example.com legacy/w");
  }

  @Test
  void resourcesAreTheWavesFlattenedInOrder() {
    Plan plan = ClusterSpec.builder().name("test")
        .resource(TestManifests.configMap("shop", "settings"), TestManifests.namespace("shop"))
        .build().plan();
    assertThat(plan.resources()).containsExactlyElementsOf(plan.waves().stream()
        .flatMap(w -> w.resources().stream()).collect(Collectors.toList()));
    assertThat(plan.resources()).extracting(PlannedResource::wave).containsExactly(0, 1);
    assertThat(plan.waves()).extracting(Wave::index).containsExactly(0, 1);
  }

  /** {@code wave: ref} for every object in apply order. */
  static List<String> waves(Plan plan) {
    return plan.resources().stream().map(r -> r.wave() + ": " + r.ref()).collect(Collectors.toList());
  }
}
