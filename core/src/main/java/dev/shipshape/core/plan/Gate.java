package dev.shipshape.core.plan;

import dev.shipshape.core.ControllerObject;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.readiness.ReadinessCondition;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A readiness gate before a wave: {@link #condition()} must hold on the live {@link #target()} first. The target is
 * an object of the plan, or, when {@link #madeFrom()} is present, one that a controller makes on the cluster from
 * that object ({@link dev.shipshape.core.Component#awaits}), which may not exist yet when the gate is first read.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Gate {

  @Value.Parameter
  public abstract ResourceRef target();

  @Value.Parameter
  public abstract ReadinessCondition condition();

  /**
   * The object a controller makes the {@link #target()} from, when the target is not an object of the plan (the
   * StatefulSet whose controller makes a claim); empty for a target of the plan.
   */
  public abstract Optional<ResourceRef> madeFrom();

  public static Gate of(ResourceRef target, ReadinessCondition condition) {
    return ImmutableGate.of(target, condition);
  }

  /** The gate on an object that a controller makes, as a component {@linkplain ControllerObject awaits} it. */
  public static Gate of(ControllerObject awaited) {
    return ImmutableGate.builder().target(awaited.target()).condition(awaited.condition())
        .madeFrom(awaited.madeFrom()).build();
  }

  /**
   * {@code Namespace shop to be Active}: the condition's description without the kind the target already names;
   * {@code PersistentVolumeClaim shop/data-db-0 (made from StatefulSet.apps shop/db) to be Bound} for a target that a
   * controller makes.
   */
  @Override
  public String toString() {
    String description = condition().description();
    String kindPrefix = target().kind() + " ";
    if (description.startsWith(kindPrefix)) description = description.substring(kindPrefix.length());
    return target() + madeFrom().map(from -> " (made from " + from + ")").orElse("") + " to be " + description;
  }
}
