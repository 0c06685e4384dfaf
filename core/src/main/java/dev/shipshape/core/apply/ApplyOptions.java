package dev.shipshape.core.apply;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.readiness.ReadinessCondition;
import java.time.Duration;
import java.util.Map;
import org.immutables.value.Value;

/**
 * How to apply a plan. By default: server-side apply as field manager {@code shipshape}, no forced conflicts,
 * 8 requests in flight, gates wait up to 5 minutes, workloads are not waited for, nothing is pruned.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ApplyOptions {

  @Value.Default
  public ApplyStrategy strategy() {
    return ApplyStrategy.SERVER_SIDE;
  }

  @Value.Default
  public String fieldManager() {
    return "shipshape";
  }

  /**
   * Take over fields owned by other managers instead of reporting the conflict (a failed result, or a preflight
   * problem, naming each manager and field).
   */
  @Value.Default
  public boolean forceConflicts() {
    return false;
  }

  /**
   * Server-side dry run ({@code dryRun=All}): the server validates and answers, nothing is persisted. Objects in
   * namespaces the plan creates are checked in a namespace that exists; custom resources whose CRD the plan
   * installs are reported as not attempted, not checked.
   */
  @Value.Default
  public boolean dryRun() {
    return false;
  }

  /** Delete members of the spec's ApplySet that are no longer in the plan. */
  @Value.Default
  public boolean prune() {
    return false;
  }

  /**
   * Check the plan against the server before the first write, and write nothing when a check fails (a
   * {@link PreflightException} lists every problem): namespaces exist, kinds are served, the caller may write, and
   * a strict server-side dry run ({@code fieldValidation=Strict}) of every object to create or change finds no
   * unknown field, invalid value or field-manager conflict.
   */
  @Value.Default
  public boolean preflight() {
    return true;
  }

  /** Requests in flight at once within a wave. */
  @Value.Default
  public int concurrency() {
    return 8;
  }

  /** Also wait, between waves, for Deployments, StatefulSets, DaemonSets, Jobs and PVCs to be ready. */
  @Value.Default
  public boolean waitForWorkloads() {
    return false;
  }

  /** The longest wait for one gate. */
  @Value.Default
  public Duration timeout() {
    return Duration.ofMinutes(5);
  }

  /** How often gates are checked. */
  @Value.Default
  public Duration pollInterval() {
    return Duration.ofMillis(500);
  }

  @Value.Default
  public RetryPolicy retryPolicy() {
    return RetryPolicy.defaults();
  }

  @Value.Default
  @Value.Auxiliary
  public ApplyListener listener() {
    return ApplyListener.NONE;
  }

  /**
   * Readiness gates for other kinds, keyed {@code Kind.group} (plain {@code Kind} for the core group), used when
   * waiting for workloads; they replace the built-in gate of the same kind.
   */
  @Value.Auxiliary
  public abstract Map<String, ReadinessCondition> readiness();

  /**
   * The namespace of the ApplySet parent Secret, which is read and written only when pruning. Empty (the default):
   * the first namespace, by name, that the plan itself creates; a plan that creates none must name one here before
   * it can prune (the parent is never put in {@code kube-system} silently).
   */
  @Value.Default
  public String applySetNamespace() {
    return "";
  }

  public static ApplyOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    if (concurrency() < 1) throw new IllegalArgumentException("ApplyOptions.concurrency must be at least 1");
    if (fieldManager().isBlank()) throw new IllegalArgumentException("ApplyOptions.fieldManager must not be blank");
  }

  /** Builds {@link ApplyOptions}. */
  public static final class Builder extends ImmutableApplyOptions.Builder {}
}
