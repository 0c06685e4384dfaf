package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.step.FakeStep;
import dev.shipshape.core.step.StepComponent;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps that are not Kubernetes objects: where the planner puts them, what it refuses, how a plan shows them. */
class ExternalStepPlanTest {
  private static final ResourceRef BEFORE = ResourceRef.core("ConfigMap", "shop", "before");
  private static final ResourceRef AFTER = ResourceRef.core("ConfigMap", "shop", "after");

  private static ClusterSpec.Builder shop(FakeStep step) {
    return ClusterSpec.builder().name("shop").kubernetesVersion("1.34")
        .resource(TestManifests.namespace("shop"))
        .component(StaticComponent.of("settings", TestManifests.configMap("shop", "before", "k", "v"),
            TestManifests.configMap("shop", "after", "k", "v")))
        .component(new StepComponent("release", step));
  }

  @Test
  void aStepComesAfterItsNamespaceAndWhatItRequiresAndBeforeWhatRequiresIt() {
    Plan plan = shop(FakeStep.of("deploy").inNamespace("shop").requiring(BEFORE).requiredBy(AFTER)).build().plan();

    assertThat(plan.steps()).hasSize(1);
    PlannedStep step = plan.steps().get(0);
    assertThat(step.wave()).isEqualTo(2);
    assertThat(step.component()).isEqualTo("release");
    assertThat(step.prerequisites()).containsExactly(BEFORE, ResourceRef.core("Namespace", null, "shop"));
    assertThat(plan.find(BEFORE).orElseThrow().wave()).isEqualTo(1);
    assertThat(plan.find(AFTER).orElseThrow().wave()).isEqualTo(3);
    assertThat(plan.waves().get(2).resources()).isEmpty();
    assertThat(plan.waves().get(2).steps()).containsExactly(step);
  }

  @Test
  void aStepWithoutPrerequisitesRunsInTheFirstWaveAndItsNamespaceIsGated() {
    Plan free = shop(FakeStep.of("free")).build().plan();
    Plan inShop = ClusterSpec.builder().name("shop").resource(TestManifests.namespace("shop"))
        .component(new StepComponent("release", FakeStep.of("deploy").inNamespace("shop"))).build().plan();

    assertThat(free.steps().get(0).wave()).isZero();
    assertThat(inShop.steps().get(0).wave()).isEqualTo(1);
    assertThat(inShop.waves().get(1).gates()).extracting(Gate::toString)
        .containsExactly("Namespace shop to be Active");
  }

  @Test
  void stepsOfOneWaveAreOrderedByIdWhateverTheComponentOrder() {
    FakeStep b = FakeStep.of("b-step");
    FakeStep a = FakeStep.of("a-step");
    Plan plan = ClusterSpec.builder().name("s").component(new StepComponent("one", b))
        .component(new StepComponent("two", a)).build().plan();

    assertThat(plan.steps()).extracting(PlannedStep::id).containsExactly("a-step", "b-step");
  }

  @Test
  void unknownTargetsAndDuplicateIdsAreErrorsListedTogether() {
    ClusterSpec spec = shop(FakeStep.of("deploy").requiring(ResourceRef.core("ConfigMap", "shop", "befor"))
        .requiredBy(ResourceRef.core("Secret", "elsewhere", "nothing-like-it")))
        .component(new StepComponent("again", FakeStep.of("deploy"))).build();

    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .satisfies(e -> assertThat(((SpecValidationException) e).problems()).extracting(p -> p.toString())
            .containsExactlyInAnyOrder(
                "ERROR [release] ConfigMap shop/befor: requires of step deploy of component release names "
                    + "ConfigMap shop/befor, which is not in the spec — did you mean ConfigMap shop/before?",
                "ERROR [release] Secret elsewhere/nothing-like-it: requiredBy of step deploy of component release "
                    + "names Secret elsewhere/nothing-like-it, which is not in the spec — add it to the spec or "
                    + "remove the dependency",
                "ERROR [again]: step deploy is also contributed by component 'release' — let one component own the "
                    + "step, or give the steps different ids"));
  }

  @Test
  void aCycleThroughAStepIsReportedWithItsPath() {
    ClusterSpec spec = shop(FakeStep.of("deploy").requiring(BEFORE).requiredBy(AFTER))
        .dependsOn(BEFORE, AFTER).build();

    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("dependency cycle (each depends on the next): ")
        .hasMessageContaining("step deploy");
  }

  @Test
  void theSummaryAndTheJsonShowAStepAsOneStep() {
    Plan plan = shop(FakeStep.of("deploy").inNamespace("shop").requiring(BEFORE).requiredBy(AFTER)).build().plan();

    assertThat(plan.summary()).startsWith("Plan shop for Kubernetes 1.34: 3 resources and 1 step in 4 waves\n")
        .contains("\nwave 2 runs fake deploy: run\n");
    assertThat(plan.toJson().path("steps").asInt()).isEqualTo(1);
    assertThat(plan.toJson().path("waves").get(2).path("steps").toString()).isEqualTo("[{\"step\":\"deploy\","
        + "\"description\":\"fake deploy: run\",\"component\":\"release\",\"prerequisites\":[\"ConfigMap shop/before\","
        + "\"Namespace shop\"]}]");
    assertThat(plan.waves().get(2).resources()).isEmpty();
  }

  @Test
  void aPlanWithoutStepsRendersAsBefore() {
    Plan plan = ClusterSpec.builder().name("shop").resource(TestManifests.namespace("shop")).build().plan();

    assertThat(plan.summary()).startsWith("Plan shop for Kubernetes ").contains(": 1 resource in 1 wave\n");
    assertThat(plan.toJson().has("steps")).isFalse();
    assertThat(plan.toJson().path("waves").get(0).has("steps")).isFalse();
    assertThat(plan.toYaml()).startsWith("---\n");
  }

  @Test
  void exportsNameEveryStepTheyCannotHold(@TempDir Path dir) throws IOException {
    Plan plan = shop(FakeStep.of("deploy").inNamespace("shop")).build().plan();

    assertThat(plan.exportNotes()).containsExactly(
        "not exportable: fake deploy: run (runs only when the plan is applied to a cluster)");
    assertThat(plan.toYaml()).startsWith(
        "# not exportable: fake deploy: run (runs only when the plan is applied to a cluster)\n---\n");
    plan.writeTo(dir);
    assertThat(Files.readString(dir.resolve("kustomization.yaml"))).contains(
        "# not exportable: fake deploy: run (runs only when the plan is applied to a cluster)\nresources:\n");
  }

  @Test
  void theSameSpecGivesTheSameSteps() {
    FakeStep step = FakeStep.of("deploy").inNamespace("shop").requiring(BEFORE);
    Plan first = shop(step).build().plan();
    Plan second = shop(step).build().plan();

    assertThat(second.steps()).isEqualTo(first.steps());
    assertThat(second.toJson()).isEqualTo(first.toJson());
    assertThat(second.summary()).isEqualTo(first.summary());
  }
}
