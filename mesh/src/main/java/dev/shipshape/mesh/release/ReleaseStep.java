package dev.shipshape.mesh.release;

import dev.shipshape.mesh.TrafficRoutes;
import java.util.Objects;

/** One step of a {@link Release}: a name, such as {@code canary 25%}, and the routes it applies. Immutable. */
public final class ReleaseStep {
  private final String name;
  private final TrafficRoutes routes;

  public ReleaseStep(String name, TrafficRoutes routes) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.routes = Objects.requireNonNull(routes, "routes == null");
  }

  public String name() {
    return name;
  }

  public TrafficRoutes routes() {
    return routes;
  }

  @Override
  public String toString() {
    return name + " " + routes.split();
  }
}
