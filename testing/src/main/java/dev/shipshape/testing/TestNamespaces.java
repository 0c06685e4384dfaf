package dev.shipshape.testing;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The namespaces of tests that share one cluster ({@link LocalControlPlane#shared()} runs once per JVM, so every
 * test class of a module meets the others' objects): each test works in namespaces of its own, named after it.
 *
 * <pre>{@code
 * TestNamespaces.create(client, "orders-preflight", "orders-preflight-next");
 * }</pre>
 */
public final class TestNamespaces {
  private static final long POLL_MILLIS = 100;

  private TestNamespaces() {}

  /**
   * Creates each namespace that does not exist yet, on every {@link ClusterMode}: unlike a plain create, calling it
   * again for an existing namespace (from a re-run, or another test of the same class) keeps it and does not fail.
   * Through the client {@link ShipshapeCluster} injects, the namespaces it creates are deleted after the test.
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the server refuses one, such as a name that
   *     is not a DNS label (the namespaces before it are created)
   */
  public static void create(KubernetesClient client, String... names) {
    Objects.requireNonNull(client, "client == null");
    for (String name : names) {
      Objects.requireNonNull(name, "name == null");
      Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
      try {
        client.namespaces().resource(namespace).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e; // AlreadyExists: keep it
      }
    }
  }

  /**
   * Waits until no namespace of the cluster is terminating. Test classes that create the same namespaces (as when
   * several apply one example) call it first: a namespace being deleted refuses new objects until the namespace
   * controller has removed its content.
   *
   * @throws AssertionError naming the namespaces still terminating when {@code timeout} has passed
   */
  public static void awaitNoneTerminating(KubernetesClient client, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> terminating = client.namespaces().list().getItems().stream()
          .filter(ns -> ns.getMetadata().getDeletionTimestamp() != null)
          .map(ns -> ns.getMetadata().getName()).sorted().toList();
      if (terminating.isEmpty()) return;
      if (System.nanoTime() > deadline) {
        throw new AssertionError("namespaces still terminating after " + timeout.toMillis() + " ms: "
            + String.join(", ", terminating) + " (a finalizer that nobody removes keeps a namespace terminating)");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for terminating namespaces: "
            + String.join(", ", terminating));
      }
    }
  }
}
