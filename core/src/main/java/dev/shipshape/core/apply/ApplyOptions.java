package dev.shipshape.core.apply;

import dev.shipshape.core.ShipshapeStyle;
import org.immutables.value.Value;

/**
 * What every {@link PlanExecutor} understands about one run: a dry run, pruning, and a listener for progress. By
 * default: a real run, nothing pruned, no listener. How an executor writes (for a live cluster: strategy, field
 * manager, concurrency, retries, gates, preflight, interceptors) is set on the executor itself, e.g.
 * {@link KubernetesExecutor#builder}.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ApplyOptions {

  /**
   * Nothing is persisted: a live cluster answers a server-side dry run ({@code dryRun=All}), an in-memory one keeps
   * its state; the report says what would happen. On a live cluster, objects in namespaces the plan creates are
   * checked in a namespace that exists, and custom resources whose CRD the plan installs are checked against the
   * plan's CRD only and reported as not attempted, not checked by the server.
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

  @Value.Default
  @Value.Auxiliary
  public ApplyListener listener() {
    return ApplyListener.NONE;
  }

  public static ApplyOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return ImmutableApplyOptions.builder();
  }

  /** Builds {@link ApplyOptions}. */
  public interface Builder {
    /** Starts from every attribute of {@code options}. */
    Builder from(ApplyOptions options);

    Builder dryRun(boolean dryRun);

    Builder prune(boolean prune);

    Builder listener(ApplyListener listener);

    ApplyOptions build();
  }
}
