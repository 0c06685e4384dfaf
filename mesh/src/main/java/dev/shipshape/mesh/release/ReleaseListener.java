package dev.shipshape.mesh.release;

import dev.shipshape.core.readiness.ConditionResult;

/**
 * Progress of a {@link ReleaseRunner}. Methods are called on the runner's thread, in order: for each step
 * {@code stepStart}, then {@code stepEnd} or {@code stepFailed}, then gate checks; {@code rollbackStart} when a
 * step or gate fails. Listeners must be fast and must not throw. All methods do nothing by default.
 */
public interface ReleaseListener {
  ReleaseListener NONE = new ReleaseListener() {};

  default void stepStart(ReleaseStep step) {}

  default void stepEnd(ReleaseStep step) {}

  default void stepFailed(ReleaseStep step, String reason) {}

  default void gateChecked(ReleaseStep step, ConditionResult result) {}

  default void rollbackStart(ReleaseStep rollback, String reason) {}
}
