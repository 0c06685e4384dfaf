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
 * and the nodes. A node labelled {@code node-role.kubernetes.io/control-plane} (kubeadm's label for control-plane
 * nodes, https://kubernetes.io/docs/reference/labels-annotations-taints/#node-role-kubernetes-io-control-plane)
 * shows a control plane on the cluster's own nodes: self-managed, as managed providers register no such node.
 * Otherwise the nodes' {@code spec.providerID}, which each cloud's controller sets, decides: {@code aws://}
 * (EKS), {@code gce://} (GKE), {@code azure://} (AKS), and {@code openstack://} on nodes with the labels of
 * OVHcloud Managed Kubernetes (OVHcloud; plain OpenStack matches no profile). Every node must agree; mixed
 * providers match none.
 *
 * <p>OVHcloud Managed Kubernetes nodes are OpenStack instances ({@code openstack:///<instance-id>}) labelled
 * {@code node.k8s.ovh/type} (OVHcloud's guide selects GPU nodes with {@code node.k8s.ovh/type=gpu}:
 * https://github.com/ovh/docs/blob/develop/pages/public_cloud/containers_orchestration/managed_kubernetes/deploying-gpu-application/guide.en-gb.md);
 * clusters of the older generation label them {@code k8s.ovh.net/nodepool}. Only these two label prefixes count.
 */
public final class ClusterProfileDetector {
  private static final Map<String, ClusterProfile> PREFIXES = Map.of(
      "aws://", ClusterProfile.EKS, "gce://", ClusterProfile.GKE, "azure://", ClusterProfile.AKS);
  private static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";
  private static final List<String> OVH_LABEL_PREFIXES = List.of("node.k8s.ovh/", "k8s.ovh.net/");

  private ClusterProfileDetector() {}

  /** Detects the profile of the cluster {@code client} talks to; needs get on that ConfigMap and list on nodes. */
  public static ProfileDetection detect(KubernetesClient client) {
    if (client.configMaps().inNamespace("kube-system").withName("kubeadm-config").get() != null) {
      return new ProfileDetection(Optional.of(ClusterProfile.KUBEADM),
          List.of("ConfigMap kube-system/kubeadm-config exists"));
    }
    return fromNodes(client.nodes().list().getItems());
  }

  /** The profile the nodes' control-plane label, provider IDs and labels name. */
  public static ProfileDetection fromNodes(List<Node> nodes) {
    if (nodes.isEmpty()) return new ProfileDetection(Optional.empty(), List.of("the cluster has no nodes"));
    List<String> controlPlane = nodes.stream().filter(n -> labels(n).containsKey(CONTROL_PLANE_LABEL))
        .map(ClusterProfileDetector::name).toList();
    if (!controlPlane.isEmpty()) {
      return new ProfileDetection(Optional.of(ClusterProfile.KUBEADM), List.of(controlPlane.size() + " of "
          + nodes.size() + " nodes have label " + CONTROL_PLANE_LABEL + " (such as " + controlPlane.get(0)
          + "): the control plane runs on the cluster's own nodes"));
    }
    Map<String, List<Node>> byProvider = new LinkedHashMap<>();
    for (Node node : nodes) byProvider.computeIfAbsent(scheme(node), k -> new ArrayList<>()).add(node);
    List<String> evidence = new ArrayList<>();
    byProvider.forEach((scheme, some) -> evidence.add(some.size() + " of " + nodes.size() + " nodes "
        + (scheme.isEmpty() ? "have no providerID (such as " + name(some.get(0)) + ")"
            : "have providerID " + scheme + "… (such as " + providerId(some.get(0)) + " on " + name(some.get(0))
                + ")")));
    if (byProvider.size() != 1) return new ProfileDetection(Optional.empty(), evidence);
    String scheme = byProvider.keySet().iterator().next();
    if (scheme.equals("openstack://")) {
      List<String> ovh = nodes.stream().map(ClusterProfileDetector::ovhLabel).flatMap(Optional::stream).toList();
      boolean all = ovh.size() == nodes.size();
      evidence.add(all ? "every node has an OVHcloud Managed Kubernetes label (such as " + ovh.get(0) + ")"
          : ovh.size() + " of " + nodes.size() + " nodes have an OVHcloud Managed Kubernetes label (node.k8s.ovh/…"
              + " or k8s.ovh.net/…): self-managed OpenStack?");
      return new ProfileDetection(all ? Optional.of(ClusterProfile.OVHCLOUD) : Optional.empty(), evidence);
    }
    return new ProfileDetection(Optional.ofNullable(PREFIXES.get(scheme)), evidence);
  }

  private static String providerId(Node node) {
    return node.getSpec() == null || node.getSpec().getProviderID() == null ? "" : node.getSpec().getProviderID();
  }

  /** The provider ID's scheme, such as {@code aws://}; empty when the node has none. */
  private static String scheme(Node node) {
    String id = providerId(node);
    int scheme = id.indexOf("://");
    return scheme < 0 ? "" : id.substring(0, scheme + 3);
  }

  private static String name(Node node) {
    return node.getMetadata() == null ? "" : node.getMetadata().getName();
  }

  private static Map<String, String> labels(Node node) {
    Map<String, String> labels = node.getMetadata() == null ? null : node.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  /** The node's first label of OVHcloud Managed Kubernetes, as {@code key=value}. */
  private static Optional<String> ovhLabel(Node node) {
    return labels(node).entrySet().stream()
        .filter(e -> OVH_LABEL_PREFIXES.stream().anyMatch(p -> e.getKey().startsWith(p)))
        .map(e -> e.getKey() + "=" + e.getValue()).sorted().findFirst();
  }
}
