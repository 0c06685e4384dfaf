package dev.shipshape.backup.drill;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The namespaced objects of a backup, by namespace, then {@code apiVersion/kind}, then name: read from the
 * backup's resource list, the gzipped JSON file Velero stores beside each backup ({@code
 * <backup>-resource-list.json.gz}), whose keys are {@code apiVersion/Kind} ({@code apps/v1/Deployment}, {@code
 * v1/Service}) and whose values are {@code namespace/name} (or {@code name} for cluster-scoped objects).
 */
final class BackupContents {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Kinds a drill does not compare: those Velero never restores by default (nodes, events, its own kinds, CSI
   * node and attachment objects; see Velero's restore reference), and those controllers create under generated
   * names (pods and ReplicaSets of Deployments, Endpoints and EndpointSlices of Services), whose restored copies
   * are replaced by the controllers of the cluster restored into.
   */
  static final Set<String> NOT_COMPARED = Set.of("v1/Node", "v1/Event", "events.k8s.io/v1/Event", "v1/Pod",
      "apps/v1/ReplicaSet", "v1/Endpoints", "discovery.k8s.io/v1/EndpointSlice", "storage.k8s.io/v1/CSINode",
      "storage.k8s.io/v1/VolumeAttachment", "velero.io/v1/Backup", "velero.io/v1/Restore",
      "velero.io/v1/ResticRepository", "velero.io/v1/BackupRepository");

  private final Map<String, Map<String, Set<String>>> byNamespace;

  private BackupContents(Map<String, Map<String, Set<String>>> byNamespace) {
    this.byNamespace = byNamespace;
  }

  /**
   * Reads a resource list.
   *
   * @param gzipped the file as Velero stores it
   * @throws IOException when it is not gzipped JSON of that shape
   */
  static BackupContents read(InputStream gzipped) throws IOException {
    Map<String, List<String>> list;
    try (InputStream in = new GZIPInputStream(gzipped)) {
      list = JSON.readValue(in, new TypeReference<Map<String, List<String>>>() {});
    }
    Map<String, Map<String, Set<String>>> byNamespace = new TreeMap<>();
    list.forEach((apiVersionKind, objects) -> {
      if (NOT_COMPARED.contains(apiVersionKind) || objects == null) return;
      for (String object : objects) {
        int slash = object.indexOf('/');
        if (slash < 0) continue;
        byNamespace.computeIfAbsent(object.substring(0, slash), ns -> new TreeMap<>())
            .computeIfAbsent(apiVersionKind, k -> new TreeSet<>()).add(object.substring(slash + 1));
      }
    });
    return new BackupContents(byNamespace);
  }

  /** The objects of {@code namespace}: {@code apiVersion/Kind} to names, both sorted. */
  Map<String, Set<String>> namespace(String namespace) {
    return byNamespace.getOrDefault(namespace, Map.of());
  }

  /** {@code apps/v1} of {@code apps/v1/Deployment}. */
  static String apiVersion(String apiVersionKind) {
    return apiVersionKind.substring(0, apiVersionKind.lastIndexOf('/'));
  }

  /** {@code Deployment} of {@code apps/v1/Deployment}. */
  static String kind(String apiVersionKind) {
    return apiVersionKind.substring(apiVersionKind.lastIndexOf('/') + 1);
  }
}
