package dev.shipshape.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Detection from node fixtures as each provider's nodes look, and from mixed or unknown nodes. */
class ClusterProfileDetectorTest {

  static Node node(String name, String providerId, Map<String, String> labels) {
    return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withProviderID(providerId).endSpec().build();
  }

  private static Optional<ClusterProfile> profile(Node... nodes) {
    return ClusterProfileDetector.fromNodes(List.of(nodes)).profile();
  }

  @Test
  void eachProvidersNodesNameItsProfile() {
    ProfileDetection eks = ClusterProfileDetector.fromNodes(List.of(
        node("ip-10-0-1-5.eu-west-1.compute.internal", "aws:///eu-west-1a/i-0a1b2c3d4e5f60718",
            Map.of("eks.amazonaws.com/nodegroup", "default")),
        node("ip-10-0-2-7.eu-west-1.compute.internal", "aws:///eu-west-1b/i-0a1b2c3d4e5f60719", Map.of())));
    assertThat(eks.profile()).contains(ClusterProfile.EKS);
    assertThat(eks.evidence()).containsExactly("2 of 2 nodes have providerID aws://… (such as "
        + "aws:///eu-west-1a/i-0a1b2c3d4e5f60718 on ip-10-0-1-5.eu-west-1.compute.internal)");
    assertThat(profile(node("gke-shop-default-pool-1a2b3c4d-x1y2", "gce://shop-prod/europe-west1-b/"
        + "gke-shop-default-pool-1a2b3c4d-x1y2", Map.of("cloud.google.com/gke-nodepool", "default-pool"))))
        .contains(ClusterProfile.GKE);
    assertThat(profile(node("aks-nodepool1-12345678-vmss000000", "azure:///subscriptions/0000-11/resourceGroups/"
        + "mc_shop_shop_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss/"
        + "virtualMachines/0", Map.of("kubernetes.azure.com/agentpool", "nodepool1"))))
        .contains(ClusterProfile.AKS);
  }

  @Test
  void ovhcloudIsOpenStackWithItsNodeLabels() {
    ProfileDetection ovh = ClusterProfileDetector.fromNodes(List.of(
        node("pool-a-node-1f2e3d", "openstack:///6f1f0c8e-7d41-4d1c-9e0a-0c4b2d1e3f55",
            Map.of("node.k8s.ovh/type", "standard", "nodepool", "pool-a")),
        node("pool-b-node-4c5b6a", "openstack:///0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
            Map.of("k8s.ovh.net/nodepool", "019841a6-24bd-7e0e-b35f-86bfe7d13189"))));
    assertThat(ovh.profile()).contains(ClusterProfile.OVHCLOUD);
    assertThat(ovh.evidence()).containsExactly("2 of 2 nodes have providerID openstack://… (such as "
        + "openstack:///6f1f0c8e-7d41-4d1c-9e0a-0c4b2d1e3f55 on pool-a-node-1f2e3d)",
        "every node has an OVHcloud Managed Kubernetes label (such as node.k8s.ovh/type=standard)");

    ProfileDetection plain = ClusterProfileDetector.fromNodes(List.of(
        node("a", "openstack:///1", Map.of("node.k8s.ovh/type", "standard")),
        node("b", "openstack:///2", Map.of("topology.cinder.csi.openstack.org/zone", "nova"))));
    assertThat(plain.profile()).isEmpty();
    assertThat(plain.evidence()).last().isEqualTo("1 of 2 nodes have an OVHcloud Managed Kubernetes label "
        + "(node.k8s.ovh/… or k8s.ovh.net/…): self-managed OpenStack?");
    // A domain that merely contains "ovh" is not OVHcloud's.
    assertThat(profile(node("c", "openstack:///3", Map.of("example.ovh.example.com/pool", "x",
        "notovhcloud.com/pool", "y")))).isEmpty();
  }

  @Test
  void aControlPlaneNodeMeansSelfManagedAsKindAndKubeadmClustersShow() {
    ProfileDetection kind = ClusterProfileDetector.fromNodes(List.of(
        node("kind-control-plane", "kind://docker/kind/kind-control-plane",
            Map.of("node-role.kubernetes.io/control-plane", "")),
        node("kind-worker", "kind://docker/kind/kind-worker", Map.of())));
    assertThat(kind.profile()).contains(ClusterProfile.KUBEADM);
    assertThat(kind.evidence()).containsExactly("1 of 2 nodes have label node-role.kubernetes.io/control-plane "
        + "(such as kind-control-plane): the control plane runs on the cluster's own nodes");
    // kubeadm on EC2 instances: the control-plane node wins over the providerIDs.
    assertThat(profile(node("cp", "aws:///eu-west-1a/i-1", Map.of("node-role.kubernetes.io/control-plane", "")),
        node("w", "aws:///eu-west-1a/i-2", Map.of()))).contains(ClusterProfile.KUBEADM);
  }

  @Test
  void mixedUnknownOrMissingProviderIdsMatchNoProfile() {
    ProfileDetection mixed = ClusterProfileDetector.fromNodes(List.of(node("a", "aws:///a/i-1", Map.of()),
        node("b", "gce://p/z/b", Map.of()), node("c", "aws:///a/i-3", Map.of())));
    assertThat(mixed.profile()).isEmpty();
    assertThat(mixed.evidence()).containsExactly("2 of 3 nodes have providerID aws://… (such as aws:///a/i-1 on a)",
        "1 of 3 nodes have providerID gce://… (such as gce://p/z/b on b)");
    assertThat(profile(node("h", "hcloud://12345", Map.of()))).isEmpty();
    ProfileDetection none = ClusterProfileDetector.fromNodes(List.of(node("bare", null, Map.of())));
    assertThat(none.profile()).isEmpty();
    assertThat(none.evidence()).containsExactly("1 of 1 nodes have no providerID (such as bare)");
    assertThat(ClusterProfileDetector.fromNodes(List.of()).evidence()).containsExactly("the cluster has no nodes");
  }

  @Property(tries = 200)
  void theProfileDoesNotDependOnNodeOrderAndOneForeignNodeUnsetsIt(@ForAll("providers") List<String> ids,
      @ForAll("foreign") String foreign) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      nodes.add(node("n" + i, ids.get(i), ids.get(i).startsWith("openstack") ? Map.of("node.k8s.ovh/type", "x")
          : Map.of()));
    }
    Optional<ClusterProfile> forward = ClusterProfileDetector.fromNodes(nodes).profile();
    List<Node> reversed = new ArrayList<>(nodes);
    java.util.Collections.reverse(reversed);
    assertThat(ClusterProfileDetector.fromNodes(reversed).profile()).isEqualTo(forward);
    boolean uniform = ids.stream().map(id -> id.substring(0, id.indexOf("://"))).distinct().count() == 1;
    assertThat(forward.isPresent()).isEqualTo(uniform);
    if (uniform && !ids.get(0).startsWith(foreign.substring(0, foreign.indexOf("://")))) {
      nodes.add(node("foreign", foreign, Map.of()));
      assertThat(ClusterProfileDetector.fromNodes(nodes).profile()).isEmpty();
    }
  }

  @Provide
  Arbitrary<List<String>> providers() {
    return foreign().list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> foreign() {
    return Arbitraries.of("aws:///eu-west-1a/i-1", "gce://p/z/n", "azure:///subscriptions/s/vm/0",
        "openstack:///6f1f0c8e");
  }
}
