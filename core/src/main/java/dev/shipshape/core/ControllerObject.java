package dev.shipshape.core;

import dev.shipshape.core.readiness.ReadinessCondition;
import org.immutables.value.Value;

/**
 * An object that is not in the plan but that a controller makes on the cluster from another object (of the plan,
 * or running already), and the condition a {@link Component} waits for it to meet ({@link Component#awaits}): the
 * claim {@code data-db-0} that the StatefulSet controller makes from StatefulSet {@code db}'s claim template, Bound.
 *
 * <pre>{@code
 * ControllerObject.of(ResourceRef.core("PersistentVolumeClaim", "shop", "data-db-0"), Conditions.pvcBound(),
 *     ResourceRef.namespaced("apps", "StatefulSet", "shop", "db"));
 * }</pre>
 *
 * <p>The planner orders the component's objects after {@link #madeFrom()} once it is applied (not once it is
 * ready: the controller makes {@link #target()} long before, say, every pod of a StatefulSet runs) and gates them on
 * {@link #condition()} holding on the live {@link #target()}. The target cannot be an object of the plan (order
 * after those with {@link Component#dependsOn}); {@link #madeFrom()} is one, or is declared pre-existing (a resource,
 * or a namespace) when the controller works on an object that runs already: then there is nothing to order after,
 * only the gate. When {@link #madeFrom()} is an object of the awaiting component itself, that object waits for
 * nothing it makes and the component's other objects come after it; a dependency that orders it after one of them
 * is an error that says to split the component.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ControllerObject {

  /** The object the controller makes, named as it names it (a StatefulSet's claim: {@link StatefulSetClaims}). */
  @Value.Parameter
  public abstract ResourceRef target();

  /** What must hold on the live target before the component's objects are applied. */
  @Value.Parameter
  public abstract ReadinessCondition condition();

  /** The object of the plan, or a pre-existing one, that the controller makes the target from. */
  @Value.Parameter
  public abstract ResourceRef madeFrom();

  public static ControllerObject of(ResourceRef target, ReadinessCondition condition, ResourceRef madeFrom) {
    return ImmutableControllerObject.of(target, condition, madeFrom);
  }

  /**
   * {@code PersistentVolumeClaim shop/data-db-0 (made from StatefulSet.apps shop/db): PersistentVolumeClaim Bound}.
   */
  @Override
  public String toString() {
    return target() + " (made from " + madeFrom() + "): " + condition().description();
  }
}
