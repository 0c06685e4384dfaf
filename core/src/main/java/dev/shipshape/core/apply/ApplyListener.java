package dev.shipshape.core.apply;

import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.plan.PlannedStep;
import dev.shipshape.core.readiness.ConditionResult;
import dev.shipshape.core.step.StepResult;
import java.time.Duration;
import java.util.List;

/**
 * Progress of an apply. Every method has a no-op default, so implement only what you need.
 *
 * <p>Order: {@code applyStart}; for each wave {@code waitStart}/{@code waitEnd|waitFailed} per gate, then
 * {@code waveStart}, per object {@code resourceStart} then {@code resourceRetry}* then {@code resourceEnd} or
 * {@code resourceFailed}, then for each step of the wave that is not a Kubernetes object {@code stepStart} then
 * {@code stepEnd} or {@code stepFailed}, then {@code waveEnd} or {@code waveFailed}; then {@code pruneEnd} when pruning; finally
 * {@code applyEnd}. Object events of one wave arrive concurrently from the executor's worker threads: listeners
 * must be thread-safe, fast, and must not throw.
 */
public interface ApplyListener {

  /** A listener that does nothing. */
  ApplyListener NONE = new ApplyListener() {};

  default void applyStart(Plan plan) {}

  default void applyEnd(ApplyReport report) {}

  default void waitStart(Gate gate) {}

  default void waitEnd(Gate gate, ConditionResult result) {}

  default void waitFailed(Gate gate, Throwable cause) {}

  default void waveStart(Wave wave) {}

  default void waveEnd(Wave wave) {}

  default void waveFailed(Wave wave, Throwable cause) {}

  default void resourceStart(PlannedResource resource) {}

  /** A transient failure; the executor tries again after {@code delay}. */
  default void resourceRetry(PlannedResource resource, int attempt, Duration delay, Throwable cause) {}

  default void resourceEnd(ResourceResult result) {}

  default void resourceFailed(ResourceResult result, Throwable cause) {}

  default void stepStart(PlannedStep step) {}

  /** A step ran (or, in a dry run, said what it would do) with any outcome but {@code FAILED}. */
  default void stepEnd(StepResult result) {}

  default void stepFailed(StepResult result, Throwable cause) {}

  /** Objects of the ApplySet that were (or, in a dry run, would be) deleted. */
  default void pruneEnd(List<ResourceResult> pruned) {}

  /** Both listeners, {@code first} before {@code second}. */
  static ApplyListener composite(ApplyListener first, ApplyListener second) {
    return new CompositeApplyListener(List.of(first, second));
  }
}
