package dev.shipshape.core.plan;

import static dev.shipshape.core.plan.PlanOrderingTest.waves;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A component's own ordering edges win over the planner's kind rules, for its own objects only. */
class OwnOrderTest {
  private static final String DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: %s, namespace: shop}\n"
      + "spec: {selector: {matchLabels: {app: %1$s}}, template: {metadata: {labels: {app: %1$s}}, spec: {containers: "
      + "[{name: c, image: nginx:1.27}]}}}\n";
  private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s, namespace: shop}\n";
  private static final ResourceRef WEB = ResourceRef.namespaced("apps", "Deployment", "shop", "web");
  private static final ResourceRef NOTIFY = ResourceRef.core("ConfigMap", "shop", "notify");
  private static final ResourceRef SETTINGS = ResourceRef.core("ConfigMap", "shop", "settings");
  private static final ResourceRef WEB_A = ResourceRef.namespaced("apps", "Deployment", "shop", "a");
  private static final ResourceRef WEBHOOK_B = ResourceRef.clusterScoped("admissionregistration.k8s.io",
      "ValidatingWebhookConfiguration", "b");

  /** A chart whose ConfigMap 'notify' is a post-install hook: after its Deployment, against the kind rule. */
  private static final class Chart implements Component {
    @Override
    public String name() {
      return "chart";
    }

    @Override
    public List<HasMetadata> compile(CompileContext context) {
      return List.of(TestManifests.object(String.format(DEPLOYMENT, "web")),
          TestManifests.object(String.format(CONFIG_MAP, "notify")),
          TestManifests.object(String.format(CONFIG_MAP, "settings")));
    }

    @Override
    public List<Dependency> orderingEdges(List<HasMetadata> compiled) {
      return List.of(Dependency.of(NOTIFY, WEB), Dependency.of(NOTIFY, SETTINGS));
    }
  }

  @Test
  void anOwnEdgeAgainstAKindRuleIsKeptAndTheRuleStillOrdersTheComponentsObjectsBeforeOthersPods() {
    Plan plan = ClusterSpec.builder().name("own-order").preExistingNamespace("shop").component(new Chart())
        .yaml(String.format(CONFIG_MAP, "shared") + "---\n" + String.format(DEPLOYMENT, "api")).build().plan();

    assertThat(waves(plan)).containsExactly(
        "0: ConfigMap shop/settings",
        "0: ConfigMap shop/shared",
        "1: Deployment.apps shop/web",
        "2: ConfigMap shop/notify",
        "3: Deployment.apps shop/api");
  }

  /**
   * A webhook of a third chart waits for every workload and Service of the others, not only for those of each
   * chart's last level: here chart a's Deployment (its first level) comes later than its Service (its second level),
   * because it waits for chart b's ConfigMap, which chart b applies after its own Deployment.
   */
  @Test
  void aDependentOfAnotherComponentWaitsForEveryLevelOfIt() {
    ResourceRef serviceA = ResourceRef.core("Service", "shop", "a");
    ResourceRef roleA = ResourceRef.clusterScoped("rbac.authorization.k8s.io", "ClusterRole", "a");
    ResourceRef bindingA = ResourceRef.clusterScoped("rbac.authorization.k8s.io", "ClusterRoleBinding", "a");
    ResourceRef deploymentB = ResourceRef.namespaced("apps", "Deployment", "shop", "b");
    ResourceRef configB = ResourceRef.core("ConfigMap", "shop", "b");
    String rbac = "apiVersion: rbac.authorization.k8s.io/v1\nkind: %s\nmetadata: {name: a}\n";
    Component chartA = ordered("a", List.of(String.format(DEPLOYMENT, "a"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\n", String.format(rbac, "ClusterRole"),
        String.format(rbac, "ClusterRoleBinding") + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole,"
            + " name: a}\n"),
        List.of(Dependency.of(bindingA, WEB_A), Dependency.of(serviceA, roleA)));
    Component chartB = ordered("b", List.of(String.format(DEPLOYMENT, "b"), String.format(CONFIG_MAP, "b")),
        List.of(Dependency.of(configB, deploymentB)));
    Component chartC = ordered("c", List.of("apiVersion: admissionregistration.k8s.io/v1\n"
        + "kind: ValidatingWebhookConfiguration\nmetadata: {name: c}\n"), List.of());

    Plan plan = ClusterSpec.builder().name("charts").preExistingNamespace("shop")
        .component(chartA).component(chartB).component(chartC).build().plan();

    assertThat(waves(plan)).containsExactly(
        "0: ClusterRole.rbac.authorization.k8s.io a",
        "0: Deployment.apps shop/b",
        "1: ConfigMap shop/b",
        "1: Service shop/a",
        "2: Deployment.apps shop/a",
        "3: ClusterRoleBinding.rbac.authorization.k8s.io a",
        "3: ValidatingWebhookConfiguration.admissionregistration.k8s.io c");
  }

  /** A cycle through a rule that links a component's levels by a chain of barriers names the rule once. */
  @Test
  void aCycleThroughTheLevelsOfAComponentNamesTheRuleOnce() {
    Component chartA = ordered("a", List.of(String.format(DEPLOYMENT, "a"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\n"),
        List.of(Dependency.of(ResourceRef.core("Service", "shop", "a"), WEB_A)));
    Component chartB = ordered("b", List.of("apiVersion: admissionregistration.k8s.io/v1\n"
        + "kind: ValidatingWebhookConfiguration\nmetadata: {name: b}\n", String.format(CONFIG_MAP, "b")),
        List.of(Dependency.of(ResourceRef.core("ConfigMap", "shop", "b"), WEBHOOK_B)));
    ClusterSpec spec = ClusterSpec.builder().name("charts").preExistingNamespace("shop")
        .component(chartA).component(chartB).build();

    SpecValidationException e = catchThrowableOfType(spec::plan, SpecValidationException.class);

    assertThat(e.errors()).extracting(Problem::message).containsExactly("dependency cycle (each depends on the next): "
        + "Deployment.apps shop/a -> [ServiceAccounts, Secrets, ConfigMaps and claims before pods of their namespace"
        + " (namespace shop)]"
        + " -> ConfigMap shop/b -> ValidatingWebhookConfiguration.admissionregistration.k8s.io b"
        + " -> [workloads and Services before webhooks and APIServices] -> Deployment.apps shop/a");
  }

  /** A component of fixed objects that orders them itself. */
  private static Component ordered(String name, List<String> yaml, List<Dependency> edges) {
    return StaticComponent.of(name, yaml.stream().map(TestManifests::object).toList()).orderedBy(edges);
  }

  @Test
  void theKindRuleStillHoldsBetweenObjectsTheComponentPutsOnTheSameLevel() {
    Plan plan = ClusterSpec.builder().name("own-order").preExistingNamespace("shop").component(new Chart())
        .build().plan();

    assertThat(plan.find(SETTINGS).orElseThrow().wave()).isLessThan(plan.find(WEB).orElseThrow().wave());
  }
}
