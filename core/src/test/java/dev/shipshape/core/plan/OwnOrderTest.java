package dev.shipshape.core.plan;

import static dev.shipshape.core.plan.PlanOrderingTest.waves;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.ResourceRef;
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

  @Test
  void theKindRuleStillHoldsBetweenObjectsTheComponentPutsOnTheSameLevel() {
    Plan plan = ClusterSpec.builder().name("own-order").preExistingNamespace("shop").component(new Chart())
        .build().plan();

    assertThat(plan.find(SETTINGS).orElseThrow().wave()).isLessThan(plan.find(WEB).orElseThrow().wave());
  }
}
