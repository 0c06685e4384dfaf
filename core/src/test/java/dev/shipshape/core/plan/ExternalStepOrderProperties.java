package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.step.FakeStep;
import dev.shipshape.core.step.StepComponent;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Wherever a step's prerequisites and dependents are, the step runs after its namespace and everything it requires,
 * and before everything that requires it; objects chained among themselves keep their order around it.
 */
class ExternalStepOrderProperties {

  /**
   * {@code roles[i]} says what ConfigMap {@code i} is to the step: 0 unrelated, 1 required, 2 requiring it;
   * ConfigMap {@code i} also depends on ConfigMap {@code i - 1} when {@code chained[i]} (and that keeps a cycle out).
   */
  @Property(tries = 200)
  void aStepRunsAfterWhatItRequiresAndBeforeWhatRequiresIt(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 2) Integer> roles,
      @ForAll @Size(8) List<Boolean> chained) {
    List<HasMetadata> maps = new ArrayList<>();
    List<ResourceRef> required = new ArrayList<>();
    List<ResourceRef> dependents = new ArrayList<>();
    for (int i = 0; i < roles.size(); i++) {
      maps.add(TestManifests.configMap("shop", "cm-" + i, "k", "v"));
      ResourceRef ref = ResourceRef.core("ConfigMap", "shop", "cm-" + i);
      if (roles.get(i) == 1) required.add(ref);
      if (roles.get(i) == 2) dependents.add(ref);
    }
    ClusterSpec.Builder spec = ClusterSpec.builder().name("shop").resource(TestManifests.namespace("shop"))
        .component(StaticComponent.of("maps", maps))
        .component(new StepComponent("release", FakeStep.of("deploy").inNamespace("shop")
            .requiring(required.toArray(ResourceRef[]::new)).requiredBy(dependents.toArray(ResourceRef[]::new))));
    for (int i = 1; i < roles.size(); i++) {
      // Only chains that cannot close a cycle through the step: a required object after a dependent could.
      boolean cycle = roles.get(i) == 1 && roles.subList(0, i).contains(2);
      if (chained.get(i) && !cycle) {
        spec.dependsOn(ResourceRef.core("ConfigMap", "shop", "cm-" + i),
            ResourceRef.core("ConfigMap", "shop", "cm-" + (i - 1)));
      }
    }

    Plan plan = spec.build().plan();

    int stepWave = plan.steps().get(0).wave();
    assertThat(stepWave).isGreaterThan(plan.find(ResourceRef.core("Namespace", null, "shop")).orElseThrow().wave());
    required.forEach(r -> assertThat(plan.find(r).orElseThrow().wave()).isLessThan(stepWave));
    dependents.forEach(r -> assertThat(plan.find(r).orElseThrow().wave()).isGreaterThan(stepWave));
    assertThat(plan.steps().get(0).prerequisites()).containsAll(required);
  }
}
