package dev.shipshape.core.step;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;

/**
 * What an executor hands an {@link ExternalStep} that it runs: the cluster's client (owned by the executor: never
 * close it), the longest the step may wait, and whether this is a dry run.
 */
public final class StepContext {
  private final KubernetesClient client;
  private final Duration timeout;
  private final boolean dryRun;

  private StepContext(KubernetesClient client, Duration timeout, boolean dryRun) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    this.dryRun = dryRun;
  }

  /** A context for a step run against the cluster of {@code client}. */
  public static StepContext of(KubernetesClient client, Duration timeout, boolean dryRun) {
    return new StepContext(client, timeout, dryRun);
  }

  public KubernetesClient client() {
    return client;
  }

  /** The executor's timeout: how long the step may wait for what it changed to be ready. */
  public Duration timeout() {
    return timeout;
  }

  /** True when nothing may be changed: the step says what it would do. */
  public boolean dryRun() {
    return dryRun;
  }
}
