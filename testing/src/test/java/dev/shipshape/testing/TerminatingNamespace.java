package dev.shipshape.testing;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * A namespace kept terminating, as a stuck controller would keep it: a ConfigMap in it carries a finalizer that
 * nobody removes, and the namespace is deleted. Closing removes the finalizer, so that the namespace controller can
 * finish the deletion.
 */
public final class TerminatingNamespace implements AutoCloseable {
  private static final String HELD = "held";

  private final KubernetesClient client;
  private final String name;

  private TerminatingNamespace(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /** Creates the namespace {@code name} and deletes it, leaving it terminating until closed. */
  public static TerminatingNamespace hold(KubernetesClient client, String name) {
    TestNamespaces.create(client, name);
    client.configMaps().inNamespace(name).resource(new ConfigMapBuilder().withNewMetadata().withName(HELD)
        .addToFinalizers("example.com/hold").endMetadata().build()).create();
    client.namespaces().withName(name).delete();
    return new TerminatingNamespace(client, name);
  }

  @Override
  public void close() {
    client.configMaps().inNamespace(name).withName(HELD).edit(cm -> {
      cm.getMetadata().setFinalizers(List.of());
      return cm;
    });
  }
}
