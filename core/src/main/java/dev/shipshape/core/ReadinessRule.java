package dev.shipshape.core;

import dev.shipshape.core.readiness.ReadinessCondition;
import org.immutables.value.Value;

/**
 * When an object of a custom kind counts as ready, contributed by the {@link Component} that owns the kind (a
 * cert-manager {@code Certificate} with condition {@code Ready}, an Istio {@code Gateway} programmed, …). The
 * planner uses it for gates on explicit dependencies and ordering edges; executors use it when asked to wait
 * for workloads. A user's readiness condition for the same kind, given to the executor, takes precedence.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ReadinessRule {

  /** The kind, as {@code Kind.group} ({@code Certificate.cert-manager.io}), or plain {@code Kind} for core. */
  @Value.Parameter
  public abstract String groupKind();

  @Value.Parameter
  public abstract ReadinessCondition condition();

  public static ReadinessRule of(String groupKind, ReadinessCondition condition) {
    return ImmutableReadinessRule.of(groupKind, condition);
  }

  @Override
  public String toString() {
    return groupKind() + ": " + condition().description();
  }
}
