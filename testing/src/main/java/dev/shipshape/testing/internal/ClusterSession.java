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
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * One test's cluster: the client it is given, which records the namespaces it creates, so that those (and only
 * those) are deleted afterwards.
 */
final class ClusterSession implements AutoCloseable {
  /** System property naming the kubeconfig context of {@link ClusterMode#KUBECONFIG}. */
  static final String CONTEXT_PROPERTY = "shipshape.kubeconfig.context";
  /** Environment variable naming the kubeconfig context of {@link ClusterMode#KUBECONFIG}. */
  static final String CONTEXT_ENVIRONMENT = "SHIPSHAPE_KUBECONFIG_CONTEXT";
  private static final String RECORDER = "shipshape-namespace-creations";

  private final KubernetesClient client;
  private final NamespaceCreations creations;
  private final AutoCloseable server;

  private ClusterSession(Config config, AutoCloseable server) {
    this.creations = new NamespaceCreations();
    this.client = KubernetesExecutor.clientBuilderFor(config)
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(RECORDER, creations)).build();
    this.server = server;
  }

  static ClusterSession open(ClusterMode mode) {
    switch (mode) {
      case EMBEDDED:
        EmbeddedCluster cluster = EmbeddedCluster.start();
        return new ClusterSession(cluster.client().getConfiguration(), cluster);
      case CONTROL_PLANE:
        try (KubernetesClient admin = LocalControlPlane.shared().adminClient()) {
          return new ClusterSession(admin.getConfiguration(), () -> { });
        }
      case KUBECONFIG:
        String context = kubeconfigContext().orElseThrow(() -> new IllegalStateException(noContext()));
        return new ClusterSession(Config.autoConfigure(context), () -> { });
      default:
        throw new IllegalArgumentException("unknown cluster mode " + mode);
    }
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
   * Deletes the namespaces this session's client created, each only while it is the namespace created (the uid
   * the server answered then is a precondition of the delete): a namespace of that name deleted and created again
   * by someone else stays, as do namespaces created by other clients. It does not wait for them to go: on a real
   * server the namespace controller takes seconds to empty one, so tests should not reuse a namespace name another
   * test created.
   *
   * @throws KubernetesClientException when the server refuses a delete for another reason than the namespace being
   *     gone, already terminating or another one
   */
  void deleteCreatedNamespaces() {
    creations.created().forEach(this::deleteIfSame);
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
