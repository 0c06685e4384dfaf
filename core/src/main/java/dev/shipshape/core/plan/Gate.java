package dev.shipshape.core.plan;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.readiness.ReadinessCondition;
import org.immutables.value.Value;

/** A readiness gate before a wave: {@link #condition()} must hold on the live {@link #target()} first. */
@Value.Immutable
@ShipshapeStyle
public abstract class Gate {

  @Value.Parameter
  public abstract ResourceRef target();

  @Value.Parameter
  public abstract ReadinessCondition condition();

  public static Gate of(ResourceRef target, ReadinessCondition condition) {
    return ImmutableGate.of(target, condition);
  }

  /**
   * {@code Namespace shop to be Active}: the condition's description without the kind the target already names.
   */
  @Override
  public String toString() {
    String description = condition().description();
    String kindPrefix = target().kind() + " ";
    if (description.startsWith(kindPrefix)) description = description.substring(kindPrefix.length());
    return target() + " to be " + description;
  }
}
