package dev.shipshape.cli.cluster;

import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.embedded.EmbeddedCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/**
 * The cluster a command talks to: a client, a description for messages, and the apply strategy that suits it.
 * Closing it releases what the command started (the client, or the embedded server).
 */
public final class ClusterTarget implements LiveCluster {
  private final KubernetesClient client;
  private final String description;
  private final ApplyStrategy defaultStrategy;
  private final Runnable onClose;

  private ClusterTarget(KubernetesClient client, String description, ApplyStrategy defaultStrategy,
      Runnable onClose) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.description = Objects.requireNonNull(description, "description == null");
    this.defaultStrategy = Objects.requireNonNull(defaultStrategy, "defaultStrategy == null");
    this.onClose = Objects.requireNonNull(onClose, "onClose == null");
  }

  /**
   * A new in-process API server, closed with this target. It does not implement server-side apply, so the
   * default strategy is {@link ApplyStrategy#AUTO}.
   */
  public static ClusterTarget embedded() {
    EmbeddedCluster cluster = EmbeddedCluster.start();
    return new ClusterTarget(cluster.client(), "embedded API server at " + cluster.url(), ApplyStrategy.AUTO,
        cluster::close);
  }

  /** An embedded server that outlives this target (the caller closes it): for running several commands on it. */
  public static ClusterTarget sharing(EmbeddedCluster cluster) {
    return new ClusterTarget(cluster.client(), "embedded API server at " + cluster.url(), ApplyStrategy.AUTO,
        () -> { });
  }

  /** A real cluster reached through this client, closed with the target; server-side apply by default. */
  public static ClusterTarget of(KubernetesClient client, String description) {
    return new ClusterTarget(client, description, ApplyStrategy.SERVER_SIDE, client::close);
  }

  public KubernetesClient client() {
    return client;
  }

  /** Such as {@code context prod (https://10.0.0.1:6443)}. */
  public String description() {
    return description;
  }

  /** The strategy used when the user does not choose one. */
  @Override
  public ApplyStrategy defaultStrategy() {
    return defaultStrategy;
  }

  @Override
  public void close() {
    onClose.run();
  }
}
