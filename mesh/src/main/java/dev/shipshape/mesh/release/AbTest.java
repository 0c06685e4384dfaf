package dev.shipshape.mesh.release;

import dev.shipshape.mesh.RouteMatch;
import dev.shipshape.mesh.TrafficRoutes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An A/B test: requests that match (a header or a cookie) go to the variant subset, all others to the default
 * subset. One step; the rollback sends everyone to the default subset.
 *
 * <pre>{@code
 * AbTest.of(TrafficRoutes.forService("shop", "web"))
 *     .variant(RouteMatch.cookie("group", "b"), "v2")
 *     .otherwise("v1");
 * }</pre>
 *
 * Immutable.
 */
public final class AbTest implements Release {
  private final TrafficRoutes routes;
  private final RouteMatch match;
  private final String variant;
  private final String fallback;
  private final ReleaseGate gate;

  private AbTest(TrafficRoutes routes, RouteMatch match, String variant, String fallback, ReleaseGate gate) {
    this.routes = routes;
    this.match = match;
    this.variant = variant;
    this.fallback = fallback;
    this.gate = gate;
  }

  /** A test on these routes; call {@link #variant} and {@link #otherwise}. */
  public static AbTest of(TrafficRoutes routes) {
    return new AbTest(Objects.requireNonNull(routes, "routes == null"), null, null, null, null);
  }

  /** Requests that match go to {@code subset}. */
  public AbTest variant(RouteMatch newMatch, String subset) {
    return new AbTest(routes, Objects.requireNonNull(newMatch, "match == null"),
        Objects.requireNonNull(subset, "subset == null"), fallback, gate);
  }

  /** All other requests go to {@code subset}. */
  public AbTest otherwise(String subset) {
    return new AbTest(routes, match, variant, Objects.requireNonNull(subset, "subset == null"), gate);
  }

  public AbTest gate(ReleaseGate newGate) {
    return new AbTest(routes, match, variant, fallback, Objects.requireNonNull(newGate, "gate == null"));
  }

  @Override
  public String name() {
    return "A/B test " + routes.namespace() + "/" + routes.service() + " " + match + " -> " + variant;
  }

  @Override
  public List<ReleaseStep> steps() {
    if (match == null || fallback == null) {
      throw new IllegalStateException("AbTest " + routes.service() + " needs variant(match, subset) and otherwise("
          + "subset) before it runs");
    }
    return List.of(new ReleaseStep("A/B " + match + " -> " + variant, routes.route(match, variant).allTo(fallback)));
  }

  /** {@inheritDoc} The routes' own match rules that send to the variant are left out as well. */
  @Override
  public ReleaseStep rollback() {
    TrafficRoutes base = variant == null || variant.equals(fallback) ? routes : routes.withoutRulesTo(variant);
    return new ReleaseStep("rollback to " + fallback, base.allTo(fallback == null ? variant : fallback));
  }

  @Override
  public Optional<ReleaseGate> gate() {
    return Optional.ofNullable(gate);
  }
}
