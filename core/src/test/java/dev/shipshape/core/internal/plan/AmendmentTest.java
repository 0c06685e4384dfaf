package dev.shipshape.core.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.Amendment;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.Workloads;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Components add labels and annotations to objects that others produce. */
class AmendmentTest {
  private static final String TENANTS = String.join("\n",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: {name: shop, labels: {tenant: 'true'}}",
      "---",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: {name: tools}",
      "---",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: web, namespace: shop}",
      "spec:",
      "  selector: {matchLabels: {app: web}}",
      "  template:",
      "    metadata: {labels: {app: web}}",
      "    spec: {containers: [{name: web, image: 'registry.example.com/web:1.0'}]}",
      "");

  /** A component that only amends. */
  private static Component amending(String name, Amendment... amendments) {
    return new Component() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        return List.of();
      }

      @Override
      public List<Amendment> amendments() {
        return List.of(amendments);
      }
    };
  }

  private static final Amendment ENFORCE_RESTRICTED = Amendment.builder()
      .description("Pod Security labels for tenants")
      .target(Amendment.namespacesLabelled(Map.of("tenant", "true")))
      .putLabels("pod-security.kubernetes.io/enforce", "restricted")
      .build();

  @Test
  void addsLabelsToTheNamespacesItTargetsOnly() {
    Plan plan = ClusterSpec.builder().name("shop").yaml(TENANTS)
        .component(amending("pod-security", ENFORCE_RESTRICTED)).build().plan();

    Namespace shop = (Namespace) plan.find(ResourceRef.core("Namespace", null, "shop")).orElseThrow().object();
    Namespace tools = (Namespace) plan.find(ResourceRef.core("Namespace", null, "tools")).orElseThrow().object();
    assertThat(shop.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted").containsEntry("tenant", "true");
    assertThat(tools.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aTargetScopedByNameOrLabelIsTestedOnlyAgainstTheObjectsItCanMatch() {
    int tenants = 50;
    StringBuilder yaml = new StringBuilder();
    AtomicInteger namespaceTests = new AtomicInteger();
    AtomicInteger objectTests = new AtomicInteger();
    AtomicInteger labelledTests = new AtomicInteger();
    List<Amendment> amendments = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      String ns = "t" + i;
      yaml.append("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ").append(ns).append("}\n")
          .append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: ").append(ns)
          .append("}\n");
      amendments.add(Amendment.builder().description("label " + ns)
          .target(ScopedTarget.namespacesNamed(Set.of(ns), o -> namespaceTests.incrementAndGet() > 0
              && o.getKind().equals("Namespace") && o.getMetadata().getName().equals(ns)))
          .putLabels("tenant", ns).build());
      amendments.add(Amendment.builder().description("annotate " + ns)
          .target(ScopedTarget.inNamespace(ns, o -> objectTests.incrementAndGet() > 0
              && ns.equals(o.getMetadata().getNamespace())))
          .putAnnotations("tenant", ns).build());
      // Found by the label that the first amendment gave the Namespace.
      amendments.add(Amendment.builder().description("enforce " + ns)
          .target(ScopedTarget.namespacesLabelled(Map.of("tenant", ns), o -> labelledTests.incrementAndGet() > 0
              && o.getKind().equals("Namespace") && ns.equals(o.getMetadata().getLabels().get("tenant"))))
          .putLabels("enforce", ns).build());
    }

    Plan plan = ClusterSpec.builder().name("tenants").yaml(yaml.toString())
        .component(amending("tenants", amendments.toArray(Amendment[]::new))).build().plan();

    assertThat(namespaceTests).hasValue(tenants);
    assertThat(objectTests).hasValue(tenants);
    assertThat(labelledTests).hasValue(tenants);
    // The factories that components use make such targets.
    assertThat(Amendment.namespacesNamed(List.of("t1"))).isInstanceOf(ScopedTarget.class);
    assertThat(Amendment.namespacesLabelled(Map.of("tenant", "t1"))).isInstanceOf(ScopedTarget.class);
    assertThat(Amendment.workloads("t1", Map.of())).isInstanceOf(ScopedTarget.class);
    assertThat(plan.find(ResourceRef.core("Namespace", null, "t7")).orElseThrow().object().getMetadata().getLabels())
        .containsEntry("tenant", "t7").containsEntry("enforce", "t7");
    assertThat(plan.warnings()).isEmpty();
    assertThat(plan.find(ResourceRef.core("ConfigMap", "t7", "cfg")).orElseThrow().object().getMetadata()
        .getAnnotations()).containsEntry("tenant", "t7");
  }

  @Test
  void aNamespaceLabelWithoutAValueIsMatchedAsAnyOtherValue() {
    Map<String, String> noTeam = new HashMap<>();
    noTeam.put("team", null);
    Amendment byEmptyTeam = Amendment.builder().description("teamless")
        .target(Amendment.namespacesLabelled(noTeam)).putLabels("reviewed", "no").build();

    Plan plan = ClusterSpec.builder().name("shop").yaml(TENANTS + "---\napiVersion: v1\nkind: Namespace\n"
        + "metadata: {name: ops, labels: {team: }}\n")
        .component(amending("pod-security", ENFORCE_RESTRICTED, byEmptyTeam)).build().plan();

    assertThat(plan.find(ResourceRef.core("Namespace", null, "ops")).orElseThrow().object().getMetadata()
        .getLabels()).containsEntry("reviewed", "no");
    assertThat(plan.find(ResourceRef.core("Namespace", null, "shop")).orElseThrow().object().getMetadata()
        .getLabels()).doesNotContainKey("reviewed").containsEntry("pod-security.kubernetes.io/enforce", "restricted");
  }

  @Test
  void addsAnnotationsToThePodTemplateOfMatchingWorkloads() {
    Amendment hook = Amendment.builder()
        .description("backup hook")
        .target(Amendment.workloads("shop", Map.of("app", "web")))
        .putPodTemplateAnnotations("pre.hook.backup.velero.io/container", "web")
        .build();

    Plan plan = ClusterSpec.builder().name("shop").yaml(TENANTS).component(amending("hooks", hook)).build().plan();

    HasMetadata web = plan.find(ResourceRef.namespaced("apps", "Deployment", "shop", "web")).orElseThrow().object();
    assertThat(Workloads.podTemplate(web).orElseThrow().getMetadata().getAnnotations())
        .containsExactly(Map.entry("pre.hook.backup.velero.io/container", "web"));
    assertThat(web.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void changingAValueTheObjectAlreadyHasIsAnError() {
    Amendment baseline = Amendment.builder()
        .description("baseline everywhere")
        .target(Amendment.namespacesNamed(List.of("shop")))
        .putLabels("tenant", "false")
        .build();

    assertThatThrownBy(() -> ClusterSpec.builder().name("shop").yaml(TENANTS)
        .component(amending("pod-security", baseline)).build().plan())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("ERROR [pod-security] Namespace shop metadata.labels.tenant: amendment 'baseline"
            + " everywhere' would change 'true' to 'false', set by component 'resources' — set the same value in"
            + " both places, or leave the key to one of them");
  }

  @Test
  void anAmendmentThatMatchesNothingIsAWarning() {
    Amendment nowhere = Amendment.builder()
        .description("labels for payments")
        .target(Amendment.namespacesNamed(List.of("payments")))
        .putLabels("team", "payments")
        .build();

    Plan plan = ClusterSpec.builder().name("shop").yaml(TENANTS).component(amending("labels", nowhere)).build().plan();

    assertThat(plan.warnings()).extracting(Object::toString).containsExactly(
        "WARNING [labels]: amendment 'labels for payments' matches no object of the spec — check the amendment's"
            + " target, or add the objects it is meant for");
  }

  @Test
  void aConflictWithAnEarlierAmendmentNamesThatAmendment() {
    Amendment baseline = Amendment.builder()
        .description("baseline for shop")
        .target(Amendment.namespacesNamed(List.of("shop")))
        .putLabels("pod-security.kubernetes.io/enforce", "baseline")
        .build();

    assertThatThrownBy(() -> ClusterSpec.builder().name("shop").yaml(TENANTS)
        .component(amending("tenants", ENFORCE_RESTRICTED), amending("shop-security", baseline)).build().plan())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("ERROR [shop-security] Namespace shop metadata.labels.pod-security.kubernetes.io/enforce:"
            + " amendment 'baseline for shop' would change 'restricted' to 'baseline', set by amendment 'Pod Security"
            + " labels for tenants' of component 'tenants'");
  }
}
