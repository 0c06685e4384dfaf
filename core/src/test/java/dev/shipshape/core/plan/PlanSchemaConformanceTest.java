package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.KubernetesSchemas;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the planner emits (stamped labels, merged duplicates, copies) still conforms to the official schemas. */
class PlanSchemaConformanceTest {

  @Test
  void plannedObjectsConformToTheirSchemas() {
    Plan plan = PlanOutputTest.spec().plan();
    assertThat(KubernetesSchemas.load().validateAll(plan.resources().stream().map(PlannedResource::object)
        .collect(Collectors.toList()))).isEmpty();
  }
}
