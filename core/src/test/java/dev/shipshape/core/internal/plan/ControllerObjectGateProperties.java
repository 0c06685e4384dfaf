package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.ControllerObjectOrderingTest.DATA_DB_0_BOUND;
import static dev.shipshape.core.internal.plan.ControllerObjectOrderingTest.DB;
import static dev.shipshape.core.internal.plan.ControllerObjectOrderingTest.GATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever components await the claim a StatefulSet makes, and however they depend on one another: each of them
 * comes after the StatefulSet, the claim's gate is waited for exactly once, before the first of them, and the
 * StatefulSet's own readiness never.
 */
class ControllerObjectGateProperties {

  @Property(tries = 100)
  void everyAwaitingObjectFollowsTheOriginAndTheGateOpensOnceBeforeTheFirst(
      @ForAll @Size(min = 1, max = 6) List<Boolean> awaiting,
      @ForAll @Size(max = 6) List<@IntRange(max = 5) Integer> earlier) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("test").preExistingNamespace("other")
        .resource(TestManifests.namespace("shop"), ControllerObjectOrderingTest.statefulSet());
    for (int i = 0; i < awaiting.size(); i++) {
      StaticComponent component = StaticComponent.of("c" + i, TestManifests.configMap("other", "c" + i));
      // Component i depends on an earlier one when the list names one: chains of any shape, never a cycle.
      if (i < earlier.size() && earlier.get(i) < i) component = component.dependingOn(ref(earlier.get(i)));
      spec.component(awaiting.get(i) ? component.awaiting(DATA_DB_0_BOUND) : component);
    }
    Plan plan = spec.build().plan();
    int origin = plan.find(DB).orElseThrow().wave();
    List<Integer> awaitingWaves = new ArrayList<>();
    for (int i = 0; i < awaiting.size(); i++) {
      if (awaiting.get(i)) awaitingWaves.add(plan.find(ref(i)).orElseThrow().wave());
    }
    assertThat(awaitingWaves).allSatisfy(wave -> assertThat(wave).isGreaterThan(origin));
    List<String> gates = plan.waves().stream().flatMap(w -> w.gates().stream().map(g -> w.index() + ": " + g))
        .filter(g -> g.contains("shop/db")).collect(Collectors.toList());
    if (awaitingWaves.isEmpty()) {
      assertThat(gates).isEmpty();
    } else {
      assertThat(gates).containsExactly(awaitingWaves.stream().min(Integer::compare).orElseThrow() + ": " + GATE);
    }
    assertThat(plan.waves()).flatMap(w -> w.gates()).extracting(Gate::target).doesNotContain(DB);
  }

  private static ResourceRef ref(int component) {
    return ResourceRef.core("ConfigMap", "other", "c" + component);
  }
}
