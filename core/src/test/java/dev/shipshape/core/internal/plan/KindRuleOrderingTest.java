package dev.shipshape.core.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.BuiltInKinds;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.KindOrdering;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every pair of kinds of every {@link KindRule}: the "before" object lands in an earlier wave. */
class KindRuleOrderingTest {

  @TestFactory
  Stream<DynamicTest> everyKindRuleOrdersEveryPairOfItsKinds() {
    List<DynamicTest> tests = new ArrayList<>();
    for (KindRule rule : KindRule.ALL) {
      for (String before : new TreeSet<>(rule.before)) {
        for (String after : new TreeSet<>(rule.after)) {
          tests.add(DynamicTest.dynamicTest(rule.description + ": " + before + " before " + after, () -> {
            Plan plan = plan(object(before, "before", "legacy"), object(after, "after", "legacy"));
            assertThat(wave(plan, "before")).isLessThan(wave(plan, "after"));
            assertThat(plan.waves().get(wave(plan, "after")).gates()).isEmpty();
          }));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> namespaceBoundRulesDoNotOrderAcrossNamespaces() {
    List<DynamicTest> tests = new ArrayList<>();
    for (KindRule rule : KindRule.ALL) {
      if (!rule.sameNamespace) continue;
      for (String before : new TreeSet<>(rule.before)) {
        for (String after : new TreeSet<>(rule.after)) {
          tests.add(DynamicTest.dynamicTest(rule.description + ": " + before + " / " + after, () -> {
            Plan plan = plan(object(before, "before", "legacy"), object(after, "after", "default"));
            assertThat(wave(plan, "before")).isEqualTo(wave(plan, "after")).isZero();
          }));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void rulesCoverTheKindsTheIssueNames() {
    assertThat(KindRule.ALL).extracting(rule -> rule.description).containsExactly(
        "NetworkPolicy, ResourceQuota and LimitRange before pods of their namespace",
        "ServiceAccounts, Secrets, ConfigMaps and claims before pods of their namespace",
        "Roles before RoleBindings of their namespace",
        "ClusterRoles before bindings",
        "StorageClasses and PersistentVolumes before claims",
        "PriorityClasses before pods",
        "IngressClasses before Ingresses",
        "workloads and Services before webhooks and APIServices");
  }

  @Test
  void theSameOrderingFromSeveralComponentsIsOneRule() {
    KindOrdering shared =
        KindOrdering.inNamespace("ConfigMaps before Jobs", Set.of("ConfigMap"), Set.of("Job.batch"));
    ClusterSpec.Builder spec = ClusterSpec.builder().name("test");
    for (int i = 0; i < 3; i++) spec.component(ordering("tenant-" + i, shared));
    spec.component(ordering("other", KindOrdering.inNamespace("Secrets before Jobs", Set.of("Secret"),
        Set.of("Job.batch"))));

    ComponentRules rules = new ComponentRules(new CompiledSpec(spec.build(), List.of()), new ArrayList<>());

    assertThat(rules.kindRules.subList(KindRule.ALL.size(), rules.kindRules.size()))
        .extracting(rule -> rule.description).containsExactly("ConfigMaps before Jobs", "Secrets before Jobs");
  }

  /** A component that only orders kinds. */
  private static Component ordering(String name, KindOrdering ordering) {
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
      public List<KindOrdering> kindOrderings() {
        return List.of(ordering);
      }
    };
  }

  private static Plan plan(String... yaml) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("test").preExistingNamespace("legacy");
    for (String document : yaml) spec.yaml(document);
    return spec.build().plan();
  }

  /**
   * A minimal object of a {@code Kind.group}, namespaced in {@code namespace} unless the kind is cluster-scoped; a
   * workload with the selector the API server requires.
   */
  private static String object(String groupKind, String name, String namespace) {
    int dot = groupKind.indexOf('.');
    String kind = dot < 0 ? groupKind : groupKind.substring(0, dot);
    String apiVersion = dot < 0 ? "v1" : groupKind.substring(dot + 1) + "/v1";
    String scope = BuiltInKinds.isClusterScoped(groupKind) ? "" : ", namespace: " + namespace;
    String spec = Set.of("Deployment.apps", "ReplicaSet.apps", "StatefulSet.apps", "DaemonSet.apps")
        .contains(groupKind) ? "spec: {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}}}\n"
        : "";
    return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: " + name + scope + "}\n" + spec;
  }

  private static int wave(Plan plan, String name) {
    return plan.resources().stream().filter(r -> r.ref().name().equals(name)).map(PlannedResource::wave)
        .findFirst().orElseThrow(() -> new AssertionError(name + " is not in the plan"));
  }
}
