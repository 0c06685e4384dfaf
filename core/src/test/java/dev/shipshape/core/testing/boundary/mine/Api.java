package dev.shipshape.core.testing.boundary.mine;

import dev.shipshape.core.testing.boundary.mine.internal.Engine;
import dev.shipshape.core.testing.boundary.other.internal.Thing;
import java.util.List;

/** A fixture public type that breaks every boundary {@link dev.shipshape.core.testing.ApiBoundaries} checks. */
public final class Api {
  private final Engine engine = new Engine();

  /** Exposes an internal type as its result. */
  public Engine engine() {
    return engine;
  }

  /** Exposes an internal type as a type argument of a parameter. */
  public static int count(List<? extends Engine> engines) {
    return engines.size();
  }

  /** Uses another module's internal type in its body only. */
  public static String other() {
    return new Thing().toString();
  }

  /** Hidden: not a violation. */
  Engine hidden() {
    return engine;
  }

  /** Leaks the generated setters. */
  public static final class Builder extends ImmutableApi.Builder {}
}
