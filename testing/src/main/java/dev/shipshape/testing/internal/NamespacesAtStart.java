package dev.shipshape.testing.internal;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The namespaces a server had when a test began, each name with its uid, to find after the test every namespace
 * that did not exist then, whichever client created it: a new name, or a name deleted and created again since (a
 * new uid).
 */
final class NamespacesAtStart {
  private final KubernetesClient client;
  private final Map<String, String> uidsByName;

  private NamespacesAtStart(KubernetesClient client) {
    this.client = client;
    this.uidsByName = namespaces(client);
  }

  /** Lists the namespaces {@code client}'s server has now. */
  static NamespacesAtStart of(KubernetesClient client) {
    return new NamespacesAtStart(client);
  }

  /** The namespaces the server has now that it did not have at the start, name to uid. */
  Map<String, String> createdSince() {
    Map<String, String> created = namespaces(client);
    // The server's own namespaces may appear after a first test began (a control plane still starting).
    created.entrySet().removeIf(namespace -> namespace.getKey().equals("default")
        || namespace.getKey().startsWith("kube-") || (uidsByName.containsKey(namespace.getKey())
        && Objects.equals(uidsByName.get(namespace.getKey()), namespace.getValue())));
    return Collections.unmodifiableMap(created);
  }

  private static Map<String, String> namespaces(KubernetesClient client) {
    Map<String, String> uids = new LinkedHashMap<>();
    for (Namespace namespace : client.namespaces().list().getItems()) {
      uids.put(namespace.getMetadata().getName(), namespace.getMetadata().getUid());
    }
    return uids;
  }
}
