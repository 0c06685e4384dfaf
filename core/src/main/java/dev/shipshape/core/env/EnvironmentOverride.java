package dev.shipshape.core.env;

import dev.shipshape.core.ResourceRef;
import java.util.Optional;

/**
 * One way an {@link Environment} differs from the spec: the extension point for typed overrides. Core has the
 * overrides any workload can take ({@link Overrides}); a domain module implements this interface for its own
 * settings (the security module for the Pod Security level, the mesh module for the mTLS mode, and so on), so that
 * core knows nothing of them.
 *
 * <p>The planner calls {@link #apply} once for every compiled object of the spec (only for the one that {@link
 * #onlyObject} names, when it names one), in spec order, after every
 * component compiled and every amendment was applied and before validation: an environment's plan is checked as
 * thoroughly as the default plan. Overrides run in the order the environment lists them. Everything an override
 * does not change stays byte for byte as in the default plan.
 *
 * <p>Implementations are immutable values (with {@code equals}), must be fast, and must not keep the objects they
 * are given. An override that concerns no object of the spec is reported as an error, so that a misspelt name
 * does not silently leave an environment as the default.
 */
public interface EnvironmentOverride {

  /** What the override does, in words, such as {@code replicas of Deployment.apps shop/web: 1}; shown in problems. */
  String description();

  /**
   * Changes one object of the plan, if it concerns it: through {@link OverriddenObject#tree()}, or by leaving it
   * out with {@link OverriddenObject#omit()}; problems (such as a container that does not exist) go to {@link
   * OverriddenObject#report}.
   *
   * @return true when the override concerns this object, whether or not its value changed
   */
  boolean apply(OverriddenObject object);

  /**
   * The one object this override can concern, when it names one: the planner then shows it that object only,
   * instead of every object of the spec (an environment with an override per tenant stays linear). Empty, the
   * default, to see every object. {@link #apply} must return false for every other object.
   */
  default Optional<ResourceRef> onlyObject() {
    return Optional.empty();
  }
}
