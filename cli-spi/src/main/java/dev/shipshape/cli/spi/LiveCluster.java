package dev.shipshape.cli.spi;

import dev.shipshape.core.apply.ApplyStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;

/** A cluster a command talks to, chosen with {@link LiveOptions}; closing it closes its client. */
public interface LiveCluster extends AutoCloseable {
  KubernetesClient client();

  /** For messages: {@code context prod (https://…)} or {@code embedded API server at …}. */
  String description();

  /**
   * The apply strategy that suits this cluster when the user chooses none: server-side apply, or
   * {@link ApplyStrategy#AUTO} for the embedded API server.
   */
  ApplyStrategy defaultStrategy();

  @Override
  void close();
}
