package dev.shipshape.core.step;

import dev.shipshape.core.ResourceRef;
import java.util.List;
import java.util.Optional;

/**
 * A step of a plan that is not a Kubernetes object: something a tool other than the executor's writes carries out,
 * such as a release that a package manager installs. A {@link dev.shipshape.core.Component} contributes steps with
 * {@link dev.shipshape.core.Component#externalSteps}; the planner puts each step in a wave like an object — after
 * the Namespace it works in and the objects it {@link #requires()}, before the objects that {@link #requiredBy()
 * need it} — and executors run it in its wave, after the wave's objects.
 *
 * <p>Implementations are immutable; {@link #run} and {@link #diff} may be called from any thread, one call at a
 * time per step, and must report their failures in their result rather than throw. Their messages must not reveal
 * secrets: the executor hides the values of the plan's own Secrets, not values only the step knows.
 */
public interface ExternalStep {

  /** Unique within the plan and stable across plans of the same spec, such as {@code helm-release shop/web}. */
  String id();

  /**
   * One line for people, what the plan shows: {@code helm release shop/web chart web 1.2.0: install or upgrade}.
   * Never a secret.
   */
  String description();

  /**
   * The namespace the step works in: when the plan creates that Namespace, the step comes after it is Active. By
   * default, none.
   */
  default Optional<String> namespace() {
    return Optional.empty();
  }

  /** Objects of the plan that must be applied, and ready when their kind has a readiness rule, first. By default, none. */
  default List<ResourceRef> requires() {
    return List.of();
  }

  /** Objects of the plan that must wait until this step has run: they go in a later wave. By default, none. */
  default List<ResourceRef> requiredBy() {
    return List.of();
  }

  /**
   * Carries the step out, or when {@link StepContext#dryRun()} says what it would do without changing anything,
   * waiting at most {@link StepContext#timeout()}. Running a step whose target is already as planned changes
   * nothing and answers {@link StepOutcome#UNCHANGED}.
   */
  StepResult run(StepContext context);

  /** What {@link #run} would change on the cluster, without changing anything. */
  StepDiff diff(StepContext context);
}
