package dev.shipshape.testing.internal;

import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.embedded.EmbeddedCluster;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * One test's cluster: the client it is given, and which namespaces to delete after the test. On a server private
 * to the JVM ({@link ClusterMode#EMBEDDED}, {@link ClusterMode#CONTROL_PLANE}) those are every namespace that did
 * not exist when the session opened, whichever client created it; on a {@link ClusterMode#KUBECONFIG} cluster,
 * which others share, only those the session's client created, as that client records them.
 */
final class ClusterSession implements AutoCloseable {
  /** System property naming the kubeconfig context of {@link ClusterMode#KUBECONFIG}. */
  static final String CONTEXT_PROPERTY = "shipshape.kubeconfig.context";
  /** Environment variable naming the kubeconfig context of {@link ClusterMode#KUBECONFIG}. */
  static final String CONTEXT_ENVIRONMENT = "SHIPSHAPE_KUBECONFIG_CONTEXT";
  private static final String RECORDER = "shipshape-namespace-creations";

  private final KubernetesClient client;
  private final Supplier<Map<String, String>> namespacesToDelete;
  private final AutoCloseable server;

  private ClusterSession(KubernetesClient client, Supplier<Map<String, String>> namespacesToDelete,
      AutoCloseable server) {
    this.client = client;
    this.namespacesToDelete = namespacesToDelete;
    this.server = server;
  }

  static ClusterSession open(ClusterMode mode) {
    switch (mode) {
      case EMBEDDED:
        EmbeddedCluster cluster = EmbeddedCluster.start();
        return onPrivateServer(cluster.client().getConfiguration(), cluster);
      case CONTROL_PLANE:
        try (KubernetesClient admin = LocalControlPlane.shared().adminClient()) {
          return onPrivateServer(admin.getConfiguration(), () -> { });
        }
      case KUBECONFIG:
        String context = kubeconfigContext().orElseThrow(() -> new IllegalStateException(noContext()));
        return onSharedCluster(Config.autoConfigure(context));
      default:
        throw new IllegalArgumentException("unknown cluster mode " + mode);
    }
  }

  private static ClusterSession onPrivateServer(Config config, AutoCloseable server) {
    KubernetesClient client = KubernetesExecutor.clientFor(config);
    return new ClusterSession(client, NamespacesAtStart.of(client)::createdSince, server);
  }

  private static ClusterSession onSharedCluster(Config config) {
    NamespaceCreations creations = new NamespaceCreations();
    KubernetesClient client = KubernetesExecutor.clientBuilderFor(config)
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(RECORDER, creations)).build();
    return new ClusterSession(client, creations::created, () -> { });
  }

  static Optional<String> kubeconfigContext() {
    String property = System.getProperty(CONTEXT_PROPERTY);
    if (property != null && !property.isBlank()) return Optional.of(property);
    String environment = System.getenv(CONTEXT_ENVIRONMENT);
    return environment == null || environment.isBlank() ? Optional.empty() : Optional.of(environment);
  }

  static String noContext() {
    return "no kubeconfig context for ClusterMode.KUBECONFIG: set system property " + CONTEXT_PROPERTY
        + " or environment variable " + CONTEXT_ENVIRONMENT + " to a context of your kubeconfig";
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * Deletes the namespaces the test created (see the class comment), each only while it is the namespace found
   * (its uid is a precondition of the delete): on a {@code KUBECONFIG} cluster, a namespace of that name deleted
   * and created again by someone else stays. It does not wait for them to go: on a real server the namespace
   * controller takes seconds to empty one, so tests should not reuse a namespace name another test created.
   *
   * @throws KubernetesClientException when the server refuses a delete for another reason than the namespace being
   *     gone, already terminating or another one
   */
  void deleteCreatedNamespaces() {
    namespacesToDelete.get().forEach(this::deleteIfSame);
  }

  private void deleteIfSame(String name, String uid) {
    DeleteOptions onlyThatOne = new DeleteOptionsBuilder().withNewPreconditions().withUid(uid).endPreconditions()
        .build();
    String master = client.getMasterUrl().toString();
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
        .uri((master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/" + name)
        .delete("application/json", client.getKubernetesSerialization().asJson(onlyThatOne)).build();
    HttpResponse<String> response;
    try {
      response = client.getHttpClient().sendAsync(request, String.class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KubernetesClientException.launderThrowable(e);
    } catch (ExecutionException e) {
      throw KubernetesClientException.launderThrowable(e.getCause());
    }
    // Not found: gone. Conflict: already terminating, or the uid differs (not the namespace this client created).
    int code = response.code();
    if (!response.isSuccessful() && code != HttpURLConnection.HTTP_NOT_FOUND
        && code != HttpURLConnection.HTTP_CONFLICT) {
      throw new KubernetesClientException("cannot delete namespace " + name + " that the test created: HTTP "
          + code + " " + response.body(), code, null);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      client.close();
    } finally {
      server.close();
    }
  }
}
