package dev.shipshape.core.plan;

import static dev.shipshape.core.plan.PlanOrderingTest.waves;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.DeletePolicy;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.KindOrdering;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ReadinessRule;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.readiness.ReadinessCondition;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a component contributes to planning: ordering edges, kind ordering, readiness rules, required CRDs. */
class ComponentSpiTest {
  private static final RequiredCrd WIDGETS = RequiredCrd.of("example.com", "Widget", "widgets", "v1");
  private static final ReadinessCondition WIDGET_READY = ReadinessCondition.of("Widget Ready", o -> true);
  private static final String WIDGET_CRD = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
      + "metadata: {name: widgets.example.com}\nspec: {group: example.com, names: {kind: Widget, plural: widgets},"
      + " scope: Namespaced, versions: [{name: %s, served: true, storage: true}]}\n";

  /** A component with objects and every SPI hook given as data. */
  private static final class Chart implements Component {
    private final String name;
    private final List<String> yaml;
    private Function<List<HasMetadata>, List<Dependency>> edges = objects -> List.of();
    private List<KindOrdering> orderings = List.of();
    private List<ReadinessRule> readiness = List.of();
    private List<RequiredCrd> crds = List.of();
    private List<DeletePolicy> deletePolicies = List.of();

    Chart(String name, String... yaml) {
      this.name = name;
      this.yaml = List.of(yaml);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<HasMetadata> compile(CompileContext context) {
      return yaml.stream().map(TestManifests::object).toList();
    }

    @Override
    public List<Dependency> orderingEdges(List<HasMetadata> compiled) {
      return edges.apply(compiled);
    }

    @Override
    public List<DeletePolicy> deletePolicies(List<HasMetadata> compiled) {
      return deletePolicies;
    }

    @Override
    public List<KindOrdering> kindOrderings() {
      return orderings;
    }

    @Override
    public List<ReadinessRule> readinessRules() {
      return readiness;
    }

    @Override
    public List<RequiredCrd> requiredCrds() {
      return crds;
    }
  }

  private static String widget(String name) {
    return "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: " + name + ", namespace: default}\n";
  }

  private static String gadget(String name) {
    return "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: " + name + ", namespace: default}\n";
  }

  private static ResourceRef widgetRef(String name) {
    return ResourceRef.namespaced("example.com", "Widget", "default", name);
  }

  private static ClusterSpec.Builder spec(Component... components) {
    return ClusterSpec.builder().name("test").component(components).preExistingResource(WIDGETS.ref());
  }

  @Test
  void orderingEdgesOrderAComponentsOwnObjectsAndSeeItsCompiledObjects() {
    Chart chart = new Chart("chart", widget("hook"), widget("main"));
    chart.edges = objects -> {
      assertThat(objects).extracting(o -> o.getMetadata().getName()).containsExactly("hook", "main");
      return List.of(Dependency.of(widgetRef("main"), widgetRef("hook")));
    };
    chart.readiness = List.of(ReadinessRule.of("Widget.example.com", WIDGET_READY));
    Plan plan = spec(chart).build().plan();
    assertThat(waves(plan)).containsExactly("0: Widget.example.com default/hook", "1: Widget.example.com default/main");
    assertThat(plan.waves().get(1).gates()).extracting(Gate::toString)
        .containsExactly("Widget.example.com default/hook to be Ready");
    assertThat(plan.readiness()).containsEntry("Widget.example.com", WIDGET_READY);
  }

  @Test
  void anOrderingEdgeToAnotherComponentsObjectIsAnError() {
    Chart chart = new Chart("chart", widget("main"));
    chart.edges = objects -> List.of(Dependency.of(widgetRef("main"), widgetRef("theirs")));
    Chart other = new Chart("other", widget("theirs"));
    assertThatThrownBy(() -> spec(chart, other).build().plan())
        .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.errors())
            .extracting(Problem::toString).singleElement().asString()
            .startsWith("ERROR [chart] Widget.example.com default/theirs: ")
            .contains("ordering edge 'Widget.example.com default/main after Widget.example.com default/theirs'"
                + " names Widget.example.com default/theirs, which this component does not produce")
            .contains("use dependsOn for objects of others"));
  }

  @Test
  void deletePoliciesAreCarriedAndShownByThePlan() {
    Chart chart = new Chart("chart", widget("hook"), widget("main"));
    chart.deletePolicies = List.of(DeletePolicy.of(widgetRef("hook"),
        Set.of(DeletePolicy.When.AFTER_SUCCESS, DeletePolicy.When.BEFORE_CREATION)));
    Plan plan = spec(chart).build().plan();
    assertThat(plan.deletePolicy(widgetRef("hook"))).hasValueSatisfying(p -> assertThat(p.when())
        .containsExactlyInAnyOrder(DeletePolicy.When.AFTER_SUCCESS, DeletePolicy.When.BEFORE_CREATION));
    assertThat(plan.deletePolicy(widgetRef("main"))).isEmpty();
    assertThat(plan.summary()).contains("Widget.example.com default/hook deleted before creation, after success\n");
  }

  @Test
  void aDeletePolicyForAnotherComponentsObjectIsAnError() {
    Chart chart = new Chart("chart", widget("main"));
    chart.deletePolicies = List.of(DeletePolicy.of(widgetRef("theirs"), Set.of(DeletePolicy.When.AFTER_SUCCESS)));
    Chart other = new Chart("other", widget("theirs"));
    assertThatThrownBy(() -> spec(chart, other).build().plan())
        .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.errors())
            .extracting(Problem::toString).singleElement().asString()
            .startsWith("ERROR [chart] Widget.example.com default/theirs: ")
            .contains("delete policy 'Widget.example.com default/theirs deleted after success' names "
                + "Widget.example.com default/theirs, which this component does not produce")
            .contains("give delete policies only for the component's own objects"));
  }

  @Test
  void aDeletePolicyDeletesAtSomeMoment() {
    assertThatThrownBy(() -> DeletePolicy.of(widgetRef("hook"), Set.of()))
        .hasMessage("DeletePolicy Widget.example.com default/hook.when: empty — give at least one moment");
  }

  @Test
  void kindOrderingsApplyToEveryComponentsObjectsInTheNamespace() {
    Chart chart = new Chart("chart", widget("w"));
    chart.orderings = List.of(KindOrdering.inNamespace("Gadgets before Widgets", Set.of("Gadget.example.com"),
        Set.of("Widget.example.com")));
    Plan plan = spec(chart, new Chart("gadgets", gadget("g"))).build().plan();
    assertThat(waves(plan)).containsExactly("0: Gadget.example.com default/g", "1: Widget.example.com default/w");
    Plan without = spec(new Chart("chart", widget("w")), new Chart("gadgets", gadget("g"))).build().plan();
    assertThat(without.waves()).hasSize(1);
  }

  @Test
  void aKindOrderingNamesItsKinds() {
    assertThatThrownBy(() -> KindOrdering.clusterWide("nothing", Set.of(), Set.of()))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.problems())
            .extracting(Problem::message).containsExactly("before names no kind", "after names no kind"));
  }

  @Test
  void aSecondReadinessRuleForTheSameKindIsIgnoredWithAWarning() {
    Chart first = new Chart("first", widget("a"));
    first.readiness = List.of(ReadinessRule.of("Widget.example.com", WIDGET_READY));
    Chart second = new Chart("second", widget("b"));
    second.readiness = List.of(ReadinessRule.of("Widget.example.com", ReadinessCondition.of("Widget Synced", o -> true)));
    Plan plan = spec(first, second).build().plan();
    assertThat(plan.readiness().get("Widget.example.com")).isSameAs(WIDGET_READY);
    assertThat(plan.warnings()).extracting(Problem::message).containsExactly("readiness rule for Widget.example.com"
        + " (Widget Synced) is ignored: component first already gave one (Widget Ready)");
  }

  @Test
  void aRequiredCrdNeitherInTheSpecNorPreExistingIsAWarningWithTheFix() {
    Chart a = new Chart("a", widget("w"));
    a.crds = List.of(WIDGETS);
    Chart b = new Chart("b", widget("v"));
    b.crds = List.of(WIDGETS);
    Plan plan = ClusterSpec.builder().name("test").component(a, b).build().plan();
    assertThat(plan.warnings()).singleElement().satisfies(p -> {
      assertThat(p.message()).isEqualTo("CustomResourceDefinition widgets.example.com (Widget.example.com v1),"
          + " which a, b needs, is neither in the spec nor declared pre-existing");
      assertThat(p.fix()).contains("preExistingResource(ResourceRef.clusterScoped(\"apiextensions.k8s.io\","
          + " \"CustomResourceDefinition\", \"widgets.example.com\"))");
      assertThat(p.resource()).contains(WIDGETS.ref());
    });
    assertThat(spec(a, b).build().plan().warnings()).isEmpty();
  }

  @Test
  void aRequiredCrdInTheSpecMustServeTheVersion() {
    Chart chart = new Chart("chart", widget("w"));
    chart.crds = List.of(WIDGETS);
    assertThat(ClusterSpec.builder().name("test").component(chart).yaml(String.format(WIDGET_CRD, "v1")).build()
        .plan().warnings()).isEmpty();
    assertThatThrownBy(() -> ClusterSpec.builder().name("test").component(chart)
        .yaml(String.format(WIDGET_CRD, "v2")).build().plan())
        .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.errors())
            .extracting(Problem::message).containsExactly("does not serve version v1, which chart writes"));
  }

  @Test
  void aRequiredCrdNamesARealGroup() {
    assertThatThrownBy(() -> RequiredCrd.of("velero", "Backup", "", "v1"))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.problems())
            .extracting(Problem::message).containsExactly("'velero' is not the group of a custom resource",
                "kind, plural and version must not be blank"));
    assertThat(WIDGETS.name()).isEqualTo("widgets.example.com");
    assertThat(WIDGETS.ref().toString()).isEqualTo("CustomResourceDefinition.apiextensions.k8s.io widgets.example.com");
  }
}
