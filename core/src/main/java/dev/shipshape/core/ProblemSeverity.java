package dev.shipshape.core;

/** How serious a {@link Problem} is: errors stop planning, warnings are reported with the plan. */
public enum ProblemSeverity {
  /** The spec cannot be applied as it is. */
  ERROR,
  /** The spec can be applied, but something is likely wrong or depends on the target cluster. */
  WARNING
}
