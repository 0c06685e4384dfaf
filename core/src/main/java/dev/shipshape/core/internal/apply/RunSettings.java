package dev.shipshape.core.internal.apply;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.RetryPolicy;
import dev.shipshape.core.readiness.ReadinessCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Everything one run of the Kubernetes executor goes by: the executor's own settings (see
 * {@code KubernetesExecutor.Builder} for their meaning and defaults) and the run's {@link ApplyOptions}, whose
 * attributes it passes through.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RunSettings {

  @Value.Default
  public ApplyStrategy strategy() {
    return ApplyStrategy.SERVER_SIDE;
  }

  @Value.Default
  public String fieldManager() {
    return "shipshape";
  }

  @Value.Default
  public boolean forceConflicts() {
    return false;
  }

  @Value.Default
  public boolean preflight() {
    return true;
  }

  /** Whether the preflight also dry-runs every new object that the server's published schema already checked. */
  @Value.Default
  public boolean dryRunNewObjects() {
    return false;
  }

  @Value.Default
  public int concurrency() {
    return 16;
  }

  @Value.Default
  public boolean waitForWorkloads() {
    return false;
  }

  @Value.Default
  public Duration timeout() {
    return Duration.ofMinutes(5);
  }

  @Value.Default
  public Duration pollInterval() {
    return Duration.ofMillis(500);
  }

  @Value.Default
  public RetryPolicy retryPolicy() {
    return RetryPolicy.defaults();
  }

  @Value.Default
  public String applySetNamespace() {
    return "";
  }

  public abstract Map<String, ReadinessCondition> readiness();

  /** The user's steps, in the order they were added. */
  public abstract List<ApplyInterceptor> interceptors();

  /** The options of this run: dry run, prune, listener. */
  @Value.Default
  public ApplyOptions run() {
    return ApplyOptions.defaults();
  }

  public boolean dryRun() {
    return run().dryRun();
  }

  public boolean prune() {
    return run().prune();
  }

  public ApplyListener listener() {
    return run().listener();
  }

  /** These settings for a run with these options. */
  public RunSettings with(ApplyOptions options) {
    return builder().from(this).run(options).build();
  }

  /** These settings with another listener. */
  public RunSettings withListener(ApplyListener listener) {
    return builder().from(this).run(ApplyOptions.builder().from(run()).listener(listener).build()).build();
  }

  public static Builder builder() {
    return ImmutableRunSettings.builder();
  }

  /** Builds {@link RunSettings}. */
  public interface Builder {
    Builder from(RunSettings settings);

    Builder strategy(ApplyStrategy strategy);

    Builder fieldManager(String fieldManager);

    Builder forceConflicts(boolean forceConflicts);

    Builder preflight(boolean preflight);

    Builder dryRunNewObjects(boolean dryRunNewObjects);

    Builder concurrency(int concurrency);

    Builder waitForWorkloads(boolean waitForWorkloads);

    Builder timeout(Duration timeout);

    Builder pollInterval(Duration pollInterval);

    Builder retryPolicy(RetryPolicy retryPolicy);

    Builder applySetNamespace(String applySetNamespace);

    Builder putReadiness(String groupKind, ReadinessCondition condition);

    Builder addInterceptors(ApplyInterceptor interceptor);

    Builder run(ApplyOptions run);

    RunSettings build();
  }
}
