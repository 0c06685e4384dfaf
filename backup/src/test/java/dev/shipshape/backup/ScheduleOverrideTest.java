package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.env.Environment;
import dev.shipshape.core.plan.Plan;
import org.junit.jupiter.api.Test;

/** Backup schedules paused in an environment. */
class ScheduleOverrideTest {
  @Test
  void schedulesArePausedOnlyInTheEnvironment() {
    ClusterSpec spec = ClusterSpec.builder().name("shop")
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")
        .preExistingNamespace("velero").preExistingCrd(Velero.CRDS)
        .component(VeleroSchedule.daily("shop-daily").namespaces("shop").build())
        .environment(Environment.of("laptop", ScheduleOverride.paused()))
        .build();
    ResourceRef schedule = ResourceRef.namespaced(Velero.GROUP, "Schedule", "velero", "shop-daily");
    Plan laptop = spec.plan("laptop");
    assertThat(Manifests.toTree(laptop.find(schedule).orElseThrow().object()).at("/spec/paused").asBoolean())
        .isTrue();
    assertThat(Manifests.toTree(spec.plan().find(schedule).orElseThrow().object()).at("/spec/paused").isMissingNode())
        .isTrue();
    Plan running = spec.plan(Environment.of("prod", ScheduleOverride.running()));
    assertThat(Manifests.toTree(running.find(schedule).orElseThrow().object()).at("/spec/paused").asBoolean())
        .isFalse();
  }
}
