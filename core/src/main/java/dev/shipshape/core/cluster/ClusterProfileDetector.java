package dev.shipshape.core.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@link ClusterProfile} of a live cluster with two reads: the {@code kube-system/kubeadm-config}
 * ConfigMap, which kubeadm writes on every cluster it creates (its nodes may still carry a cloud's provider IDs),
 * and the nodes' {@code spec.providerID}, which each cloud's controller sets: {@code aws://} (EKS), {@code gce://}
 * (GKE), {@code azure://} (AKS), and {@code openstack://} with labels of an OVHcloud domain on the node (OVHcloud
 * Managed Kubernetes; plain OpenStack matches no profile). Every node must agree; mixed providers match none.
 */
public final class ClusterProfileDetector {
  private static final Map<String, ClusterProfile> PREFIXES = Map.of(
      "aws://", ClusterProfile.EKS, "gce://", ClusterProfile.GKE, "azure://", ClusterProfile.AKS);

  private ClusterProfileDetector() {}

  /** Detects the profile of the cluster {@code client} talks to; needs get on that ConfigMap and list on nodes. */
  public static ProfileDetection detect(KubernetesClient client) {
    if (client.configMaps().inNamespace("kube-system").withName("kubeadm-config").get() != null) {
      return new ProfileDetection(Optional.of(ClusterProfile.KUBEADM),
          List.of("ConfigMap kube-system/kubeadm-config exists"));
    }
    return fromNodes(client.nodes().list().getItems());
  }

  /** The profile the nodes' provider IDs and labels name. */
  public static ProfileDetection fromNodes(List<Node> nodes) {
    if (nodes.isEmpty()) return new ProfileDetection(Optional.empty(), List.of("the cluster has no nodes"));
    Map<String, Integer> byProvider = new LinkedHashMap<>();
    for (Node node : nodes) byProvider.merge(provider(node), 1, Integer::sum);
    List<String> evidence = new ArrayList<>();
    byProvider.forEach((provider, count) -> evidence.add(count + " of " + nodes.size() + " nodes "
        + (provider.isEmpty() ? "have no providerID" : "have providerID " + provider + "…")));
    if (byProvider.size() != 1) return new ProfileDetection(Optional.empty(), evidence);
    String provider = byProvider.keySet().iterator().next();
    if (provider.equals("openstack://")) {
      boolean ovh = nodes.stream().allMatch(ClusterProfileDetector::hasOvhLabel);
      evidence.add(ovh ? "every node has labels of an OVHcloud domain" : "not every node has labels of an "
          + "OVHcloud domain (self-managed OpenStack?)");
      return new ProfileDetection(ovh ? Optional.of(ClusterProfile.OVHCLOUD) : Optional.empty(), evidence);
    }
    return new ProfileDetection(Optional.ofNullable(PREFIXES.get(provider)), evidence);
  }

  /** The provider ID's scheme, such as {@code aws://}; empty when the node has none. */
  private static String provider(Node node) {
    String id = node.getSpec() == null || node.getSpec().getProviderID() == null ? "" : node.getSpec().getProviderID();
    int scheme = id.indexOf("://");
    return scheme < 0 ? "" : id.substring(0, scheme + 3);
  }

  /** A label key whose prefix is an OVHcloud domain, such as {@code node.k8s.ovh/type}. */
  private static boolean hasOvhLabel(Node node) {
    Map<String, String> labels = node.getMetadata() == null ? null : node.getMetadata().getLabels();
    if (labels == null) return false;
    return labels.keySet().stream().filter(k -> k.contains("/")).map(k -> k.substring(0, k.indexOf('/')))
        .anyMatch(domain -> domain.equals("ovh") || domain.endsWith(".ovh") || domain.contains(".ovh.")
            || domain.endsWith("ovhcloud.com"));
  }
}
