package dev.shipshape.core.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Ordering invariants over random specs with random explicit dependencies. Dependencies always point from an
 * object to one earlier in Helm's install order (ties broken by position), an order that every implicit rule
 * (namespace, CRD, kind rules) agrees with, so the random specs are acyclic by construction.
 */
class PlanOrderingProperties {

  @Property(tries = 100)
  void nothingPrecedesWhatItDependsOn(@ForAll("scenarios") RandomSpec scenario) {
    Plan plan = scenario.spec(new Random(0)).plan();
    assertThat(plan.resources())
        .hasSize(scenario.objects().size() + RandomSpec.CREATED_NAMESPACES.size() + (scenario.withCrd() ? 1 : 0));
    for (PlannedResource r : plan.resources()) {
      for (ResourceRef prerequisite : r.prerequisites()) {
        assertThat(wave(plan, prerequisite)).as("%s after its prerequisite %s", r.ref(), prerequisite)
            .isLessThan(r.wave());
      }
      r.ref().namespace().filter(RandomSpec.CREATED_NAMESPACES::contains).ifPresent(ns ->
          assertThat(wave(plan, ResourceRef.core("Namespace", null, ns))).as("namespace of %s", r.ref())
              .isLessThan(r.wave()));
      if (scenario.withCrd() && r.ref().groupKind().equals("Widget.example.com")) {
        assertThat(wave(plan, RandomSpec.CRD_REF)).as("CRD of %s", r.ref()).isLessThan(r.wave());
      }
    }
    for (Dependency d : scenario.dependencies()) {
      assertThat(wave(plan, d.prerequisite())).as("%s", d).isLessThan(wave(plan, d.dependent()));
    }
    for (KindRule rule : KindRule.ALL) {
      for (PlannedResource before : plan.resources()) {
        if (!rule.before.contains(before.ref().groupKind())) continue;
        for (PlannedResource after : plan.resources()) {
          if (rule.after.contains(after.ref().groupKind())
              && (!rule.sameNamespace || before.ref().namespace().equals(after.ref().namespace()))) {
            assertThat(before.wave()).as("%s: %s before %s", rule.description, before.ref(), after.ref())
                .isLessThan(after.wave());
          }
        }
      }
    }
    for (int i = 0; i < plan.waves().size(); i++) {
      assertThat(plan.waves().get(i).index()).isEqualTo(i);
      assertThat(plan.waves().get(i).resources()).isNotEmpty();
    }
  }

  @Property(tries = 60)
  void aBackEdgeIsReportedAsACycleThroughIt(@ForAll("scenarios") RandomSpec scenario) {
    Assume.that(!scenario.dependencies().isEmpty());
    Dependency forward = scenario.dependencies().get(0);
    ClusterSpec spec = ClusterSpec.builder().from(scenario.spec(new Random(0)))
        .dependsOn(forward.prerequisite(), forward.dependent())
        .build();
    SpecValidationException e = catchThrowableOfType(spec::plan, SpecValidationException.class);
    assertThat(e).isNotNull();
    assertThat(e.errors()).singleElement().satisfies(problem -> {
      String prefix = "dependency cycle (each depends on the next): ";
      assertThat(problem.message()).startsWith(prefix)
          .contains(forward.prerequisite().toString()).contains(forward.dependent().toString());
      String[] path = problem.message().substring(prefix.length()).split(" -> ");
      assertThat(path[0]).isEqualTo(path[path.length - 1]).isEqualTo(problem.resource().orElseThrow().toString());
    });
  }

  @Property(tries = 60)
  void theSameInputInAnyOrderGivesAByteIdenticalPlan(@ForAll("scenarios") RandomSpec scenario,
      @ForAll long shuffleSeed) {
    Plan first = scenario.spec(new Random(0)).plan();
    Plan again = scenario.spec(new Random(0)).plan();
    Plan shuffled = scenario.spec(new Random(shuffleSeed)).plan();
    assertThat(again.toYaml()).isEqualTo(first.toYaml());
    assertThat(again.summary()).isEqualTo(first.summary());
    assertThat(shuffled.toYaml()).isEqualTo(first.toYaml());
    assertThat(shuffled.summary()).isEqualTo(first.summary());
  }

  @Provide
  Arbitrary<RandomSpec> scenarios() {
    Arbitrary<List<int[]>> objects = Combinators
        .combine(Arbitraries.integers().between(0, RandomSpec.KINDS.size() - 1),
            Arbitraries.integers().between(0, RandomSpec.NAMESPACES.size() - 1))
        .as((kind, namespace) -> new int[] {kind, namespace})
        .list().ofMinSize(1).ofMaxSize(25);
    Arbitrary<List<int[]>> edges = Combinators
        .combine(Arbitraries.integers().between(0, 24), Arbitraries.integers().between(0, 24))
        .as((a, b) -> new int[] {a, b})
        .list().ofMaxSize(20);
    return Combinators.combine(objects, edges, Arbitraries.of(true, false)).as(RandomSpec::new);
  }

  private static int wave(Plan plan, ResourceRef ref) {
    return plan.find(ref).orElseThrow(() -> new AssertionError(ref + " is not in the plan")).wave();
  }

  /** A random spec: objects of many kinds in created, pre-existing and system namespaces, and dependencies. */
  static final class RandomSpec {
    static final List<String> KINDS = List.of("ConfigMap", "Secret", "ServiceAccount", "Service", "Deployment",
        "Pod", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "PersistentVolumeClaim", "StorageClass",
        "PriorityClass", "NetworkPolicy", "LimitRange", "Job", "CronJob", "StatefulSet", "IngressClass", "Ingress",
        "ValidatingWebhookConfiguration", "Widget");
    static final List<String> NAMESPACES = List.of("ns-a", "ns-b", "legacy", "default");
    static final List<String> CREATED_NAMESPACES = List.of("ns-a", "ns-b");
    static final ResourceRef CRD_REF =
        ResourceRef.clusterScoped("apiextensions.k8s.io", "CustomResourceDefinition", "widgets.example.com");

    private final List<HasMetadata> objects = new ArrayList<>();
    private final List<Dependency> dependencies = new ArrayList<>();
    private final boolean withCrd;

    RandomSpec(List<int[]> picks, List<int[]> edges, boolean withCrd) {
      this.withCrd = withCrd;
      List<Integer> rank = new ArrayList<>();
      for (int i = 0; i < picks.size(); i++) {
        String kind = KINDS.get(picks.get(i)[0]);
        objects.add(Manifests.parse(yaml(kind, "o" + i, NAMESPACES.get(picks.get(i)[1]))).get(0));
        rank.add(KindOrder.rank(kind));
      }
      for (int[] edge : edges) {
        int a = edge[0] % objects.size();
        int b = edge[1] % objects.size();
        if (a == b) continue;
        // The prerequisite is the one earlier in install order (then position): acyclic with every implicit rule.
        boolean aFirst = rank.get(a) < rank.get(b) || (rank.get(a).equals(rank.get(b)) && a < b);
        int prerequisite = aFirst ? a : b;
        int dependent = aFirst ? b : a;
        dependencies.add(Dependency.of(ResourceRef.of(objects.get(dependent)),
            ResourceRef.of(objects.get(prerequisite))));
      }
    }

    List<HasMetadata> objects() {
      return objects;
    }

    List<Dependency> dependencies() {
      return dependencies;
    }

    boolean withCrd() {
      return withCrd;
    }

    /** The spec, with its raw resources and dependencies in an order shuffled by {@code random}. */
    ClusterSpec spec(Random random) {
      List<HasMetadata> all = new ArrayList<>(objects);
      for (String ns : CREATED_NAMESPACES) all.add(Manifests.parse(yaml("Namespace", ns, null)).get(0));
      if (withCrd) all.add(Manifests.parse(CRD).get(0));
      List<Dependency> edges = new ArrayList<>(dependencies);
      Collections.shuffle(all, random);
      Collections.shuffle(edges, random);
      return ClusterSpec.builder().name("random").preExistingNamespace("legacy")
          .resource(all.toArray(new HasMetadata[0]))
          .addAllDependencies(edges)
          .build();
    }

    @Override
    public String toString() {
      List<String> refs = new ArrayList<>();
      objects.forEach(o -> refs.add(ResourceRef.of(o).toString()));
      return "objects " + refs + ", dependencies " + dependencies + (withCrd ? ", with CRD" : "");
    }

    private static final String CRD = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata: {name: widgets.example.com}\nspec: {group: example.com, names: {kind: Widget, plural: widgets},"
        + " scope: Namespaced, versions: [{name: v1, served: true, storage: true}]}\n";
    private static final String POD = "{containers: [{name: c, image: c}]}";

    private static String yaml(String kind, String name, String namespace) {
      String template = "{metadata: {labels: {app: " + name + "}}, spec: " + POD + "}";
      String workload = "{selector: {matchLabels: {app: " + name + "}}, template: " + template + "}";
      switch (kind) {
        case "Namespace":
          return object("v1", kind, name, null, "");
        case "Deployment":
          // In a pre-existing namespace, name a ServiceAccount that may exist there: a warning in the plan.
          String pod = namespace.equals("legacy") ? "{serviceAccountName: sa-" + name + ", containers: [{name: c,"
              + " image: c}]}" : POD;
          return object("apps/v1", kind, name, namespace, "spec: {selector: {matchLabels: {app: " + name + "}},"
              + " template: {metadata: {labels: {app: " + name + "}}, spec: " + pod + "}}\n");
        case "StatefulSet":
          return object("apps/v1", kind, name, namespace, "spec: " + workload + "\n");
        case "Pod":
          return object("v1", kind, name, namespace, "spec: " + POD + "\n");
        case "Job":
          return object("batch/v1", kind, name, namespace, "spec: {template: " + template + "}\n");
        case "CronJob":
          return object("batch/v1", kind, name, namespace, "spec: {schedule: '@daily', jobTemplate: {spec:"
              + " {template: " + template + "}}}\n");
        case "Role":
        case "ClusterRole":
          return object("rbac.authorization.k8s.io/v1", kind, name, kind.equals("Role") ? namespace : null, "");
        case "RoleBinding":
        case "ClusterRoleBinding":
          return object("rbac.authorization.k8s.io/v1", kind, name, kind.equals("RoleBinding") ? namespace : null,
              "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n");
        case "StorageClass":
          return object("storage.k8s.io/v1", kind, name, null, "provisioner: example.com/disk\n");
        case "PriorityClass":
          return object("scheduling.k8s.io/v1", kind, name, null, "value: 100\n");
        case "NetworkPolicy":
        case "Ingress":
          return object("networking.k8s.io/v1", kind, name, namespace, "");
        case "IngressClass":
          return object("networking.k8s.io/v1", kind, name, null, "");
        case "ValidatingWebhookConfiguration":
          return object("admissionregistration.k8s.io/v1", kind, name, null, "");
        case "Widget":
          return object("example.com/v1", kind, name, namespace, "");
        default:
          return object("v1", kind, name, namespace, "");
      }
    }

    private static String object(String apiVersion, String kind, String name, String namespace, String rest) {
      String ns = namespace == null ? "" : ", namespace: " + namespace;
      return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: " + name + ns + "}\n" + rest;
    }
  }
}
