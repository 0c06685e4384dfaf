package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.cluster.ClusterProfile;
import dev.shipshape.core.cluster.ProviderTopic;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/**
 * Readiness of a real API server whose Node objects (created by the test; the local control plane runs no kubelet)
 * are Azure's: the detected profile decides the etcd-encryption, audit-logging and kube-proxy remediations.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class LiveManagedProfileControlPlaneTest {

  @Test
  void aDetectedManagedClusterGetsTheProvidersSettings(KubernetesClient client) {
    String name = "readiness-aks-node";
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withProviderID("azure:///subscriptions/0000/resourceGroups/mc_shop/providers/Microsoft.Compute/"
            + "virtualMachineScaleSets/aks-pool-1/virtualMachines/0").endSpec().build()).create();
    try {
      ReadinessReport report = ProductionReadiness.builder().build().checkLive(client);

      assertThat(report.findings().findings("etcd-encryption")).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).isEqualTo("Azure AKS runs etcd and the API server: encryption of Secrets at rest is"
            + " the provider's setting, which the cluster does not show");
        assertThat(f.remediation()).contains(ClusterProfile.AKS.advice(ProviderTopic.ETCD_ENCRYPTION)
            .remediation());
      });
      assertThat(report.findings().notes()).contains("the cluster runs on Azure AKS (1 of 1 nodes have providerID"
          + " azure://… (such as azure:///subscriptions/0000/resourceGroups/mc_shop/providers/Microsoft.Compute/"
          + "virtualMachineScaleSets/aks-pool-1/virtualMachines/0 on " + name + "))");
      assertThat(report.findings().notes()).anyMatch(n -> n.startsWith("kube-proxy-mode skipped:")
          && n.endsWith("; on Azure AKS: " + ClusterProfile.AKS.advice(ProviderTopic.KUBE_PROXY_MODE)
          .remediation()));
      assertThat(report.findings().findings("audit-logging")).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).isEqualTo("Azure AKS runs the API server: its audit log is the provider's setting,"
            + " which the cluster does not show");
        assertThat(f.remediation()).contains(ClusterProfile.AKS.advice(ProviderTopic.AUDIT_LOGS).remediation());
      });
      assertThat(report.findings().notes()).noneMatch(n -> n.startsWith("etcd-encryption skipped")
          || n.startsWith("audit-logging skipped"));
    } finally {
      client.nodes().withName(name).delete();
    }
  }
}
