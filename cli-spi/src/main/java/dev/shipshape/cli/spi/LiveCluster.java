package dev.shipshape.cli.spi;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A cluster a command talks to, chosen with {@link LiveOptions}; closing it closes its client. */
public interface LiveCluster extends AutoCloseable {
  KubernetesClient client();

  /** For messages: {@code context prod (https://…)} or {@code embedded API server at …}. */
  String description();

  @Override
  void close();
}
