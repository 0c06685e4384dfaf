package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import org.junit.jupiter.api.Test;

/** Dependency cycles, named with their whole path, and dependencies on objects that are not in the spec. */
class DependencyValidationTest {
  private static final ResourceRef A = ResourceRef.core("ConfigMap", "shop", "a");
  private static final ResourceRef B = ResourceRef.core("ConfigMap", "shop", "b");
  private static final ResourceRef C = ResourceRef.core("ConfigMap", "shop", "c");
  private static final String CYCLE_FIX = " — remove one of the explicit dependencies on this path";

  @Test
  void twoObjectCycleIsNamedWithItsPath() {
    ClusterSpec spec = spec()
        .resource(TestManifests.configMap("shop", "a"), TestManifests.configMap("shop", "b"))
        .dependsOn(A, B)
        .dependsOn(B, A)
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] ConfigMap shop/a: dependency cycle (each depends on the next): ConfigMap shop/a ->"
            + " ConfigMap shop/b -> ConfigMap shop/a" + CYCLE_FIX);
  }

  @Test
  void cycleAcrossComponentsIsNamedWithItsPath() {
    ClusterSpec spec = spec()
        .component(StaticComponent.of("first", TestManifests.configMap("shop", "a")).dependingOn(B))
        .component(StaticComponent.of("second", TestManifests.configMap("shop", "b")).dependingOn(C))
        .component(StaticComponent.of("third", TestManifests.configMap("shop", "c")).dependingOn(A))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [first] ConfigMap shop/a: dependency cycle (each depends on the next): ConfigMap shop/a ->"
            + " ConfigMap shop/b -> ConfigMap shop/c -> ConfigMap shop/a" + CYCLE_FIX);
  }

  @Test
  void cycleThroughAKindRuleNamesTheRule() {
    String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:"
        + " {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers:"
        + " [{name: web, image: web}]}}}\n";
    ResourceRef robot = ResourceRef.core("ServiceAccount", "shop", "robot");
    ClusterSpec spec = spec()
        .yaml("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot, namespace: shop}\n")
        .yaml(deployment)
        .dependsOn(robot, ResourceRef.namespaced("apps", "Deployment", "shop", "web"))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] ServiceAccount shop/robot: dependency cycle (each depends on the next): ServiceAccount"
            + " shop/robot -> Deployment.apps shop/web -> [ServiceAccounts, Secrets, ConfigMaps and claims before"
            + " pods of their namespace (namespace shop)] -> ServiceAccount shop/robot" + CYCLE_FIX);
  }

  @Test
  void objectDependingOnItselfIsACycle() {
    ClusterSpec spec = spec().resource(TestManifests.configMap("shop", "a")).dependsOn(A, A).build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] ConfigMap shop/a: dependency cycle (each depends on the next): ConfigMap shop/a ->"
            + " ConfigMap shop/a" + CYCLE_FIX);
  }

  @Test
  void unknownComponentDependencyNamesTheClosestMatchOnce() {
    ClusterSpec spec = spec()
        .resource(TestManifests.configMap("shop", "settings"))
        .component(StaticComponent.of("web", TestManifests.configMap("shop", "a"), TestManifests.configMap("shop",
            "b")).dependingOn(ResourceRef.core("ConfigMap", "shop", "setings")))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [web] ConfigMap shop/setings: dependsOn of component web names ConfigMap shop/setings, which is not"
            + " in the spec — did you mean ConfigMap shop/settings?");
  }

  @Test
  void unknownDependencyOfAComponentWithoutObjectsIsStillReported() {
    ClusterSpec spec = spec()
        .component(StaticComponent.of("empty").dependingOn(ResourceRef.core("Namespace", null, "shopp")))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [empty] Namespace shopp: dependsOn of component empty names Namespace shopp, which is not in the"
            + " spec — did you mean Namespace shop?");
  }

  @Test
  void unknownSpecDependencyWithoutCloseMatchSaysHowToFix() {
    ResourceRef far = ResourceRef.namespaced("apps", "Deployment", "elsewhere", "payments-api");
    ClusterSpec spec = spec().resource(TestManifests.configMap("shop", "a")).dependsOn(A, far).build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR Deployment.apps elsewhere/payments-api: dependency ConfigMap shop/a after Deployment.apps"
            + " elsewhere/payments-api names Deployment.apps elsewhere/payments-api, which is not in the spec — add it"
            + " to the spec or remove the dependency");
  }

  @Test
  void unknownDependentOfASpecDependencyIsReported() {
    ClusterSpec spec = spec().resource(TestManifests.configMap("shop", "b")).dependsOn(A, B).build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR ConfigMap shop/a: dependency ConfigMap shop/a after ConfigMap shop/b names ConfigMap shop/a, which"
            + " is not in the spec — did you mean ConfigMap shop/b?");
  }
}
