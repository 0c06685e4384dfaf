package dev.shipshape.mesh.release;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.readiness.Conditions;
import dev.shipshape.core.readiness.ReadinessCondition;
import java.time.Duration;
import java.util.Objects;

/**
 * The check between two steps of a release: a {@link ReadinessCondition} evaluated on a live object (for
 * {@link PrometheusQuery}, which reads no object, any object of the release, such as the canary Deployment), and
 * how long it may take to hold. Immutable.
 */
public final class ReleaseGate {
  private final ResourceRef target;
  private final ReadinessCondition condition;
  private final Duration timeout;

  private ReleaseGate(ResourceRef target, ReadinessCondition condition, Duration timeout) {
    this.target = target;
    this.condition = condition;
    this.timeout = timeout;
  }

  /** The condition on the live {@code target}; by default it may take 5 minutes. */
  public static ReleaseGate of(ResourceRef target, ReadinessCondition condition) {
    return new ReleaseGate(Objects.requireNonNull(target, "target == null"),
        Objects.requireNonNull(condition, "condition == null"), Duration.ofMinutes(5));
  }

  /** The Deployment is rolled out and all its replicas are available. */
  public static ReleaseGate deploymentReady(String namespace, String deployment) {
    return of(ResourceRef.namespaced("apps", "Deployment", namespace, deployment),
        Conditions.replicasReady("Deployment"));
  }

  /** How long the condition may take to hold before the release is rolled back. */
  public ReleaseGate timeout(Duration newTimeout) {
    return new ReleaseGate(target, condition, Objects.requireNonNull(newTimeout, "timeout == null"));
  }

  public ResourceRef target() {
    return target;
  }

  public ReadinessCondition condition() {
    return condition;
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return condition.description() + " on " + target;
  }
}
