package dev.shipshape.backup.drill;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares what a restore brought back into a scratch namespace with what the backup holds for the original
 * namespace: one list call per kind and namespace, objects matched by name.
 */
final class RestoredObjects {
  private final KubernetesClient client;

  RestoredObjects(KubernetesClient client) {
    this.client = client;
  }

  /** Each kind of {@code namespace} in {@code contents}, with the names not found in {@code scratch}. */
  List<RestoredKind> compare(BackupContents contents, String namespace, String scratch) {
    List<RestoredKind> kinds = new ArrayList<>();
    for (Map.Entry<String, Set<String>> entry : contents.namespace(namespace).entrySet()) {
      String apiVersion = BackupContents.apiVersion(entry.getKey());
      String kind = BackupContents.kind(entry.getKey());
      Set<String> missing = new TreeSet<>(entry.getValue());
      missing.removeAll(names(apiVersion, kind, scratch));
      kinds.add(RestoredKind.builder().apiVersion(apiVersion).kind(kind).namespace(namespace)
          .scratchNamespace(scratch).expected(entry.getValue().size()).addAllMissing(missing).build());
    }
    return kinds;
  }

  /** The names of the objects of a kind in a namespace; none when the cluster does not serve the kind. */
  private Set<String> names(String apiVersion, String kind, String namespace) {
    try {
      return client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).list().getItems().stream()
          .map(GenericKubernetesResource::getMetadata).map(m -> m.getName()).collect(Collectors.toSet());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return Set.of();
      throw e;
    }
  }
}
