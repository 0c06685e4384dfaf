package dev.shipshape.mesh.release;

import dev.shipshape.mesh.TrafficRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A canary release: the share of requests sent to the canary subset grows step by step (for example 10, 25, 50,
 * 100 percent) while the stable subset gets the rest; between steps a {@link ReleaseGate} must hold, or all
 * traffic goes back to the stable subset.
 *
 * <pre>{@code
 * CanaryRelease.of(TrafficRoutes.forService("shop", "web").timeout("2s"))
 *     .stable("v1").canary("v2")
 *     .steps(10, 25, 50, 100)
 *     .gate(ReleaseGate.deploymentReady("shop", "web-v2"));
 * }</pre>
 *
 * The routes given keep their match rules, timeout and retries in every step; the rollback leaves out the rules
 * that send to the canary. Immutable.
 */
public final class CanaryRelease implements Release {
  private final TrafficRoutes routes;
  private final String stable;
  private final String canary;
  private final List<Integer> steps;
  private final ReleaseGate gate;

  private CanaryRelease(TrafficRoutes routes, String stable, String canary, List<Integer> steps, ReleaseGate gate) {
    this.routes = routes;
    this.stable = stable;
    this.canary = canary;
    this.steps = steps;
    this.gate = gate;
  }

  /** A canary of these routes; by default subsets {@code stable} and {@code canary}, steps 10, 25, 50, 100. */
  public static CanaryRelease of(TrafficRoutes routes) {
    return new CanaryRelease(Objects.requireNonNull(routes, "routes == null"), "stable", "canary",
        List.of(10, 25, 50, 100), null);
  }

  public CanaryRelease stable(String subset) {
    return new CanaryRelease(routes, Objects.requireNonNull(subset, "subset == null"), canary, steps, gate);
  }

  public CanaryRelease canary(String subset) {
    return new CanaryRelease(routes, stable, Objects.requireNonNull(subset, "subset == null"), steps, gate);
  }

  /**
   * The canary's percentages, rising, each between 1 and 100.
   *
   * @throws IllegalArgumentException when they do not rise or leave 1..100
   */
  public CanaryRelease steps(int... percentages) {
    List<Integer> list = new ArrayList<>();
    int last = 0;
    List<String> problems = new ArrayList<>();
    for (int p : percentages) {
      if (p < 1 || p > 100) problems.add(p + " is not between 1 and 100");
      if (p <= last) problems.add(p + " does not rise above " + last);
      last = p;
      list.add(p);
    }
    if (list.isEmpty()) problems.add("no step given");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("CanaryRelease steps " + list + " are invalid: "
          + String.join("; ", problems) + " — give rising percentages such as 10, 25, 50, 100");
    }
    return new CanaryRelease(routes, stable, canary, List.copyOf(list), gate);
  }

  public CanaryRelease gate(ReleaseGate newGate) {
    return new CanaryRelease(routes, stable, canary, steps, Objects.requireNonNull(newGate, "gate == null"));
  }

  @Override
  public String name() {
    return "canary " + routes.namespace() + "/" + routes.service() + " " + stable + " -> " + canary;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the stable and the canary subset are the same
   */
  @Override
  public List<ReleaseStep> steps() {
    requireTwoSubsets();
    List<ReleaseStep> out = new ArrayList<>();
    for (int p : steps) out.add(new ReleaseStep("canary " + p + "%", routes.split(weights(100 - p, p))));
    return out;
  }

  /**
   * {@inheritDoc} The routes' match rules that send to the canary subset are left out, so that none of its
   * requests reaches the canary either.
   *
   * @throws IllegalStateException when the stable and the canary subset are the same
   */
  @Override
  public ReleaseStep rollback() {
    requireTwoSubsets();
    return new ReleaseStep("rollback to " + stable, routes.withoutRulesTo(canary).split(weights(100, 0)));
  }

  private void requireTwoSubsets() {
    if (stable.equals(canary)) {
      throw new IllegalStateException("CanaryRelease " + routes.namespace() + "/" + routes.service() + ": the "
          + "stable and the canary subset are both " + stable + " — name two subsets, such as "
          + "stable(\"v1\").canary(\"v2\")");
    }
  }

  @Override
  public Optional<ReleaseGate> gate() {
    return Optional.ofNullable(gate);
  }

  private Map<String, Integer> weights(int stableWeight, int canaryWeight) {
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put(stable, stableWeight);
    map.put(canary, canaryWeight);
    return map;
  }
}
