package dev.shipshape.core.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Kind rules between objects that components order themselves, as a chart per tenant makes them: the plan's waves
 * equal those of the rule written pairwise. A prerequisite the component gives no level precedes every dependent; one
 * with a level precedes every dependent of the other components, and those of its own component that have no level
 * or a level at least its own. A spec whose edges make a cycle is refused with the cycle, each rule on it named once.
 */
class OwnOrderRuleProperties {
  private static final List<String> KINDS =
      List.of("ClusterRole", "ClusterRoleBinding", "RoleBinding", "ConfigMap", "Deployment", "Service",
          "ValidatingWebhookConfiguration");

  @Property(tries = 200)
  void wavesEqualThoseOfThePairwiseRules(@ForAll("scenarios") Scenario scenario) {
    Optional<int[]> expected = scenario.referenceWaves();
    Statistics.label("spec").collect(expected.isPresent() ? "acyclic" : "with a cycle");
    if (expected.isEmpty()) {
      SpecValidationException e = catchThrowableOfType(() -> scenario.spec().plan(), SpecValidationException.class);
      assertThat(e).as("a plan of a spec with a cycle").isNotNull();
      assertThat(e.errors()).singleElement().satisfies(p -> {
        String prefix = "dependency cycle (each depends on the next): ";
        assertThat(p.message()).startsWith(prefix);
        // A rule's chain of barriers is named once.
        String[] path = p.message().substring(prefix.length()).split(" -> ");
        for (int i = 1; i < path.length; i++) assertThat(path[i]).as(p.message()).isNotEqualTo(path[i - 1]);
        scenario.assertIsACycle(path);
      });
      return;
    }
    Plan plan = scenario.spec().plan();
    for (int i = 0; i < scenario.objects.size(); i++) {
      ResourceRef ref = ResourceRef.of(scenario.objects.get(i));
      assertThat(plan.find(ref).orElseThrow().wave()).as("wave of %s", ref).isEqualTo(expected.get()[i]);
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<List<Integer>>> components = Arbitraries.integers().between(0, KINDS.size() - 1).list().ofMaxSize(5)
        .list().ofMinSize(1).ofMaxSize(5);
    Arbitrary<List<Integer>> raw = Arbitraries.integers().between(0, KINDS.size() - 1).list().ofMaxSize(3);
    Arbitrary<List<int[]>> edges = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 5))
        .as((component, a, b) -> new int[] {component, a, b}).list().ofMaxSize(16);
    return Combinators.combine(components, raw, edges).as(Scenario::new);
  }

  /** Components of random objects with random own edges, and raw objects that no component orders. */
  static final class Scenario {
    final List<HasMetadata> objects = new ArrayList<>();
    final List<String> componentOf = new ArrayList<>();
    final Map<String, List<HasMetadata>> byComponent = new HashMap<>();
    final Map<String, List<Dependency>> edgesOf = new HashMap<>();
    final List<HasMetadata> raw = new ArrayList<>();
    final List<int[]> ownEdges = new ArrayList<>();

    Scenario(List<List<Integer>> components, List<Integer> rawKinds, List<int[]> edges) {
      for (int c = 0; c < components.size(); c++) {
        String name = "chart-" + c;
        List<Integer> kinds = components.get(c);
        List<HasMetadata> mine = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) mine.add(add(KINDS.get(kinds.get(i)), name + "-" + i, name));
        byComponent.put(name, mine);
        edgesOf.put(name, new ArrayList<>());
      }
      for (int i = 0; i < rawKinds.size(); i++) raw.add(add(KINDS.get(rawKinds.get(i)), "raw-" + i, "raw"));
      for (int[] edge : edges) {
        String name = "chart-" + edge[0] % components.size();
        List<HasMetadata> mine = byComponent.get(name);
        if (mine.size() < 2) continue;
        int a = edge[1] % mine.size();
        int b = edge[2] % mine.size();
        if (a == b) continue;
        // From the earlier object to the later one: the component's own order is acyclic, the kind rules may not be.
        HasMetadata prerequisite = mine.get(Math.min(a, b));
        HasMetadata dependent = mine.get(Math.max(a, b));
        edgesOf.get(name).add(Dependency.of(ResourceRef.of(dependent), ResourceRef.of(prerequisite)));
        ownEdges.add(new int[] {objects.indexOf(prerequisite), objects.indexOf(dependent)});
      }
    }

    private HasMetadata add(String kind, String name, String component) {
      HasMetadata object = Manifests.parse(yaml(kind, name)).get(0);
      objects.add(object);
      componentOf.add(component);
      return object;
    }

    ClusterSpec spec() {
      ClusterSpec.Builder spec = ClusterSpec.builder().name("charts").preExistingNamespace("legacy");
      byComponent.forEach((name, mine) -> spec.component(StaticComponent.of(name, mine).orderedBy(edgesOf.get(name))));
      if (!raw.isEmpty()) spec.resource(raw.toArray(new HasMetadata[0]));
      return spec.build();
    }

    /** Longest-path waves over the own edges and every rule pair that applies, or empty when they make a cycle. */
    Optional<int[]> referenceWaves() {
      int n = objects.size();
      int[] level = levels();
      List<List<Integer>> prerequisites = new ArrayList<>();
      for (int i = 0; i < n; i++) prerequisites.add(new ArrayList<>());
      ownEdges.forEach(e -> prerequisites.get(e[1]).add(e[0]));
      for (int p = 0; p < n; p++) {
        for (int d = 0; d < n; d++) if (ruleOrders(p, d, level)) prerequisites.get(d).add(p);
      }
      int[] wave = new int[n];
      Arrays.fill(wave, -1);
      for (int i = 0; i < n; i++) if (!wave(i, prerequisites, wave, new boolean[n])) return Optional.empty();
      return Optional.of(wave);
    }

    /** True when a kind rule puts object {@code p} before object {@code d}, as the rule reads written pairwise. */
    private boolean ruleOrders(int p, int d, int[] level) {
      if (!ruleOrders(objects.get(p).getKind(), objects.get(d).getKind())) return false;
      boolean sameComponent = componentOf.get(p).equals(componentOf.get(d));
      return !(level[p] >= 0 && sameComponent && level[d] >= 0 && level[d] < level[p]);
    }

    /**
     * Asserts that a reported cycle ({@code A -> B}: A depends on B) follows the spec's edges: an own edge between
     * two objects, a rule between two objects with the rule's name between them.
     */
    void assertIsACycle(String[] path) {
      Map<String, Integer> byRef = new HashMap<>();
      for (int i = 0; i < objects.size(); i++) byRef.put(ResourceRef.of(objects.get(i)).toString(), i);
      int[] level = levels();
      assertThat(path[path.length - 1]).isEqualTo(path[0]);
      for (int i = 0; i < path.length - 1; ) {
        int dependent = byRef.get(path[i]);
        boolean byRule = path[i + 1].startsWith("[");
        int prerequisite = byRef.get(path[byRule ? i + 2 : i + 1]);
        boolean edge = byRule ? ruleOrders(prerequisite, dependent, level)
            : ownEdges.stream().anyMatch(e -> e[0] == prerequisite && e[1] == dependent);
        assertThat(edge).as("%s depends on %s in %s", path[i], objects.get(prerequisite).getMetadata().getName(),
            String.join(" -> ", path)).isTrue();
        i += byRule ? 2 : 1;
      }
    }

    private static boolean wave(int i, List<List<Integer>> prerequisites, int[] wave, boolean[] visiting) {
      if (wave[i] >= 0) return true;
      if (visiting[i]) return false;
      visiting[i] = true;
      int w = 0;
      for (int p : prerequisites.get(i)) {
        if (!wave(p, prerequisites, wave, visiting)) return false;
        w = Math.max(w, wave[p] + 1);
      }
      visiting[i] = false;
      wave[i] = w;
      return true;
    }

    /** Each object's level in its component's own edges (longest path from their sources), -1 outside them. */
    private int[] levels() {
      int[] level = new int[objects.size()];
      Arrays.fill(level, -1);
      ownEdges.forEach(e -> {
        level[e[0]] = 0;
        level[e[1]] = 0;
      });
      // Own edges go from earlier to later objects of a component, so one pass in object order settles them.
      for (int d = 0; d < objects.size(); d++) {
        for (int[] e : ownEdges) if (e[1] == d) level[d] = Math.max(level[d], level[e[0]] + 1);
      }
      return level;
    }

    /**
     * The kind rules among these kinds: ClusterRoles before bindings, ConfigMaps before pods (all in one namespace),
     * workloads and Services before webhooks. Deployments are on both sides, so a prerequisite's wave may come from
     * another component's objects rather than from its own level: a Deployment may take a later wave than a Service
     * of a later level.
     */
    private static boolean ruleOrders(String before, String after) {
      return before.equals("ClusterRole") && after.endsWith("RoleBinding")
          || before.equals("ConfigMap") && after.equals("Deployment")
          || (before.equals("Deployment") || before.equals("Service"))
          && after.equals("ValidatingWebhookConfiguration");
    }

    private static String yaml(String kind, String name) {
      String header = "kind: " + kind + "\nmetadata: {name: " + name;
      switch (kind) {
        case "ClusterRole":
          return "apiVersion: rbac.authorization.k8s.io/v1\n" + header + "}\n";
        case "ValidatingWebhookConfiguration":
          return "apiVersion: admissionregistration.k8s.io/v1\n" + header + "}\n";
        case "ClusterRoleBinding":
        case "RoleBinding":
          return "apiVersion: rbac.authorization.k8s.io/v1\n" + header
              + (kind.equals("RoleBinding") ? ", namespace: legacy" : "") + "}\n"
              + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n";
        case "Deployment":
          return "apiVersion: apps/v1\n" + header + ", namespace: legacy}\nspec: {selector: {matchLabels: {app: " + name
              + "}}, template: {metadata: {labels: {app: " + name + "}}, spec: {containers: [{name: c, image: c}]}}}\n";
        default:
          return "apiVersion: v1\n" + header + ", namespace: legacy}\n";
      }
    }

    @Override
    public String toString() {
      List<String> described = new ArrayList<>();
      for (int i = 0; i < objects.size(); i++) described.add(componentOf.get(i) + ":" + objects.get(i).getKind()
          + "/" + objects.get(i).getMetadata().getName());
      List<String> edges = new ArrayList<>();
      ownEdges.forEach(e -> edges.add(objects.get(e[0]).getMetadata().getName() + "->"
          + objects.get(e[1]).getMetadata().getName()));
      return described + " own edges " + edges;
    }
  }
}
