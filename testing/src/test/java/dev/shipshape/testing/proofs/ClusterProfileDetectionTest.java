package dev.shipshape.testing.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.cluster.ClusterProfile;
import dev.shipshape.core.cluster.ClusterProfileDetector;
import dev.shipshape.core.cluster.ProfileDetection;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The managed-cluster profile detected on a real API server, from Node objects the test creates (the local control
 * plane runs no kubelet, so it has none of its own) and from kubeadm's ConfigMap, and checked against a spec's.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ClusterProfileDetectionTest {

  private static Node node(String name, String providerId, Map<String, String> labels) {
    return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withProviderID(providerId).endSpec().build();
  }

  private static ProfileDetection withNodes(KubernetesClient client, List<Node> nodes) {
    nodes.forEach(n -> client.nodes().resource(n).create());
    try {
      return ClusterProfileDetector.detect(client);
    } finally {
      nodes.forEach(n -> client.nodes().withName(n.getMetadata().getName()).delete());
    }
  }

  @Test
  void eachProvidersNodesNameItsProfile(KubernetesClient client) {
    assertThat(ClusterProfileDetector.detect(client).profile()).isEmpty();
    ProfileDetection eks = withNodes(client, List.of(
        node("cpd-a", "aws:///eu-west-1a/i-0a1b2c3d4e5f60718", Map.of()),
        node("cpd-b", "aws:///eu-west-1b/i-0a1b2c3d4e5f60719", Map.of())));
    assertThat(eks.profile()).contains(ClusterProfile.EKS);
    assertThat(eks.evidence()).containsExactly("2 of 2 nodes have providerID aws://… (such as "
        + "aws:///eu-west-1a/i-0a1b2c3d4e5f60718 on cpd-a)");
    assertThat(withNodes(client, List.of(node("cpd-g", "gce://project/europe-west1-b/gke-node-1", Map.of())))
        .profile()).contains(ClusterProfile.GKE);
    assertThat(withNodes(client, List.of(node("cpd-z", "azure:///subscriptions/0000/resourceGroups/mc/providers/"
        + "Microsoft.Compute/virtualMachineScaleSets/aks-pool/virtualMachines/0", Map.of()))).profile())
        .contains(ClusterProfile.AKS);
    assertThat(withNodes(client, List.of(node("cpd-o", "openstack:///6f1f0c8e-7d41-4d1c-9e0a-0c4b2d1e3f55",
        Map.of("node.k8s.ovh/type", "standard")))).profile()).contains(ClusterProfile.OVHCLOUD);
    ProfileDetection openstack = withNodes(client, List.of(node("cpd-p", "openstack:///6f1f0c8e", Map.of())));
    assertThat(openstack.profile()).isEmpty();
    assertThat(openstack.evidence()).contains("0 of 1 nodes have an OVHcloud Managed Kubernetes label "
        + "(node.k8s.ovh/… or k8s.ovh.net/…): self-managed OpenStack?");
    ProfileDetection mixed = withNodes(client, List.of(node("cpd-m1", "aws:///a/i-1", Map.of()),
        node("cpd-m2", "gce://p/z/n", Map.of())));
    assertThat(mixed.profile()).isEmpty();
  }

  @Test
  void kubeadmsConfigMapWinsOverTheCloudsProviderIds(KubernetesClient client) {
    client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("kubeadm-config").withNamespace("kube-system").endMetadata()
        .addToData("ClusterConfiguration", "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n")
        .build()).create();
    try {
      ProfileDetection detection = withNodes(client, List.of(node("cpd-k", "aws:///a/i-2", Map.of())));
      assertThat(detection.profile()).contains(ClusterProfile.KUBEADM);
      assertThat(detection.evidence()).containsExactly("ConfigMap kube-system/kubeadm-config exists");
    } finally {
      client.configMaps().inNamespace("kube-system").withName("kubeadm-config").delete();
    }
  }

  @Test
  void theDetectedProfileIsCheckedAgainstTheSpecs(KubernetesClient client) {
    ProfileDetection gke = withNodes(client, List.of(node("cpd-c", "gce://p/z/n", Map.of())));
    assertThat(gke.check(Optional.of(ClusterProfile.GKE))).isEmpty();
    List<Finding> mismatch = gke.check(Optional.of(ClusterProfile.EKS));
    assertThat(mismatch).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("cluster-profile-mismatch");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).isEqualTo("the spec is for Amazon EKS, but the cluster is Google GKE (1 of 1 nodes "
          + "have providerID gce://… (such as gce://p/z/n on cpd-c))");
      assertThat(f.remediation()).contains("target the right cluster, or declare "
          + "clusterProfile(ClusterProfile.GKE) and plan again");
    });
    assertThat(gke.check(Optional.empty())).extracting(Finding::ruleId).containsExactly("cluster-profile-undeclared");
  }
}
