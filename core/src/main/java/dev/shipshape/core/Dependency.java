package dev.shipshape.core;

import org.immutables.value.Value;

/** An explicit ordering edge: {@code dependent} is applied only after {@code prerequisite} is applied and ready. */
@Value.Immutable
@ShipshapeStyle
public abstract class Dependency {

  @Value.Parameter
  public abstract ResourceRef dependent();

  @Value.Parameter
  public abstract ResourceRef prerequisite();

  public static Dependency of(ResourceRef dependent, ResourceRef prerequisite) {
    return ImmutableDependency.of(dependent, prerequisite);
  }

  @Override
  public String toString() {
    return dependent() + " after " + prerequisite();
  }
}
