package dev.shipshape.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/**
 * Test classes on the shared control plane apply the same example, so the same namespaces: one class's deleted
 * namespaces must be gone before the next creates them again (a terminating namespace refuses new objects).
 */
final class ControlPlaneNamespaces {
  private ControlPlaneNamespaces() {}

  /** Waits up to 90 s until no namespace is terminating. */
  static void awaitNoneTerminating(KubernetesClient client) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (client.namespaces().list().getItems().stream()
        .anyMatch(ns -> ns.getMetadata().getDeletionTimestamp() != null)) {
      if (System.nanoTime() > deadline) throw new AssertionError("namespaces still terminating after 90 s");
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
