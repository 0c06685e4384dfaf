package dev.shipshape.core.apply;

import dev.shipshape.core.plan.Plan;

/**
 * Carries out a {@link Plan}: against a live cluster, into files, or into memory. Implementations report rather
 * than throw: failures are outcomes in the returned {@link ApplyReport}.
 */
public interface PlanExecutor {

  /** Applies the plan with these options. */
  ApplyReport apply(Plan plan, ApplyOptions options);

  /** Applies the plan with the default options. */
  default ApplyReport apply(Plan plan) {
    return apply(plan, ApplyOptions.defaults());
  }
}
