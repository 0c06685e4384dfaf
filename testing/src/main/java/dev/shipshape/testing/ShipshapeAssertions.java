package dev.shipshape.testing;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;

/**
 * Entry points of Shipshape's AssertJ assertions: {@code assertThat(spec)} for a {@link ClusterSpec} (problems,
 * and applying it to a cluster) and {@code assertThat(plan)} for a {@link Plan} (objects, fields, wave order).
 * Import statically beside AssertJ's {@code Assertions.assertThat}.
 */
public final class ShipshapeAssertions {
  private ShipshapeAssertions() {}

  /** Assertions on a spec. */
  public static SpecAssert assertThat(ClusterSpec spec) {
    return new SpecAssert(spec);
  }

  /** Assertions on a plan. */
  public static PlanAssert assertThat(Plan plan) {
    return new PlanAssert(plan);
  }
}
