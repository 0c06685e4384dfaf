package dev.shipshape.testing.internal;

import dev.shipshape.core.embedded.EmbeddedCluster;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One test's cluster: the client it is given, and the namespaces that existed before it ran, so that the ones it
 * created are deleted afterwards.
 */
final class ClusterSession implements AutoCloseable {
  /** System property naming the kubeconfig context of {@link ClusterMode#KUBECONFIG}. */
  static final String CONTEXT_PROPERTY = "shipshape.kubeconfig.context";
  /** Environment variable naming the kubeconfig context of {@link ClusterMode#KUBECONFIG}. */
  static final String CONTEXT_ENVIRONMENT = "SHIPSHAPE_KUBECONFIG_CONTEXT";

  private final KubernetesClient client;
  private final AutoCloseable owner;
  private final Set<String> namespacesBefore;

  private ClusterSession(KubernetesClient client, AutoCloseable owner) {
    this.client = client;
    this.owner = owner;
    this.namespacesBefore = namespaces(client);
  }

  static ClusterSession open(ClusterMode mode) {
    switch (mode) {
      case EMBEDDED:
        EmbeddedCluster cluster = EmbeddedCluster.start();
        return new ClusterSession(cluster.client(), cluster);
      case CONTROL_PLANE:
        KubernetesClient admin = LocalControlPlane.shared().adminClient();
        return new ClusterSession(admin, admin);
      case KUBECONFIG:
        String context = kubeconfigContext().orElseThrow(() -> new IllegalStateException(noContext()));
        KubernetesClient client = dev.shipshape.core.apply.KubernetesExecutor.clientFor(
            Config.autoConfigure(context));
        return new ClusterSession(client, client);
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
   * Deletes the namespaces created since the session opened. It does not wait for them to go: on a real server the
   * namespace controller takes seconds to empty one, so tests should not reuse a namespace name another test
   * created.
   */
  void deleteNewNamespaces() {
    Set<String> created = namespaces(client);
    created.removeAll(namespacesBefore);
    for (String name : created) client.namespaces().withName(name).delete();
  }

  private static Set<String> namespaces(KubernetesClient client) {
    List<Namespace> items = client.namespaces().list().getItems();
    Set<String> names = new HashSet<>();
    for (Namespace item : items) names.add(item.getMetadata().getName());
    return names;
  }

  @Override
  public void close() throws Exception {
    owner.close();
  }
}
