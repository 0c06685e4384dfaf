package dev.shipshape.networking.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.cluster.ClusterProfile;
import dev.shipshape.core.plan.Plan;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kube-proxy's configuration per cluster profile: written for kubeadm, left to the provider on managed clusters. */
class ManagedKubeProxyTest {
  private static final ResourceRef CONFIG_MAP = ResourceRef.core("ConfigMap", "kube-system", "kube-proxy");

  private static ClusterSpec spec(Optional<ClusterProfile> profile, ProxyMode mode) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("net").kubernetesVersion("1.33")
        .component(KubeProxyConfig.builder().mode(mode).build());
    profile.ifPresent(spec::clusterProfile);
    return spec.build();
  }

  private static Problem onlyWarning(Plan plan) {
    assertThat(plan.warnings()).hasSize(1);
    return plan.warnings().get(0);
  }

  @Test
  void kubeadmAndAnUndeclaredProfileGetTheConfigMap() {
    assertThat(spec(Optional.of(ClusterProfile.KUBEADM), ProxyMode.IPVS).plan().find(CONFIG_MAP)).isPresent();
    Plan plain = spec(Optional.empty(), ProxyMode.IPVS).plan();
    assertThat(plain.find(CONFIG_MAP)).isPresent();
    assertThat(plain.warnings()).isEmpty();
  }

  @Test
  void eksGetsNoConfigMapAndTheAddOnCommand() {
    Plan plan = spec(Optional.of(ClusterProfile.EKS), ProxyMode.IPVS).plan();
    assertThat(plan.find(CONFIG_MAP)).isEmpty();
    assertThat(onlyWarning(plan).toString()).isEqualTo("WARNING [kube-proxy] ConfigMap kube-system/kube-proxy "
        + "data[config.conf].mode: Amazon EKS owns kube-proxy's configuration and overwrites the "
        + "kube-system/kube-proxy ConfigMap, so the plan leaves it out; mode ipvs must be set on the provider's side"
        + " — aws eks update-addon --cluster-name <cluster> --addon-name kube-proxy --configuration-values "
        + "'{\"mode\":\"ipvs\"}' --resolve-conflicts OVERWRITE, then replace the nodes so kube-proxy restarts");
  }

  @Test
  void aksGetsTheKubeProxyConfigOfItsApi() {
    Plan plan = spec(Optional.of(ClusterProfile.AKS), ProxyMode.NFTABLES).plan();
    assertThat(plan.find(CONFIG_MAP)).isEmpty();
    assertThat(onlyWarning(plan).fix()).contains("az aks update", "--kube-proxy-config kube-proxy.json",
        "\"mode\": \"NFTABLES\"");
  }

  @Test
  void gkeOffersNoModeButIptables() {
    assertThatThrownBy(() -> spec(Optional.of(ClusterProfile.GKE), ProxyMode.IPVS).plan())
        .isInstanceOf(SpecValidationException.class)
        .satisfies(e -> assertThat(((SpecValidationException) e).errors()).extracting(Problem::toString)
            .containsExactly("ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].mode: Google GKE"
                + " runs kube-proxy in iptables mode and offers no setting for its mode; mode ipvs cannot be had "
                + "there — use GKE Dataplane V2 (eBPF, replaces kube-proxy): gcloud container clusters create "
                + "<cluster> --enable-dataplane-v2, or remove the mode from the spec"));
    Plan iptables = spec(Optional.of(ClusterProfile.GKE), ProxyMode.IPTABLES).plan();
    assertThat(iptables.find(CONFIG_MAP)).isEmpty();
    assertThat(onlyWarning(iptables).fix()).isEqualTo("nothing to set: remove KubeProxyConfig from specs for GKE");
  }

  @Test
  void ovhcloudChoosesTheModeAtCreationAndHasNoNftables() {
    Plan plan = spec(Optional.of(ClusterProfile.OVHCLOUD), ProxyMode.IPVS).plan();
    assertThat(plan.find(CONFIG_MAP)).isEmpty();
    assertThat(onlyWarning(plan).fix()).contains("kubeProxyMode \"ipvs\"",
        "/cloud/project/{serviceName}/kube/{kubeId}/customization");
    assertThatThrownBy(() -> spec(Optional.of(ClusterProfile.OVHCLOUD), ProxyMode.NFTABLES).plan())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("OVHcloud Managed Kubernetes offers kube-proxy modes iptables and ipvs only — use mode "
            + "iptables or ipvs, chosen with kubeProxyMode when the cluster is created");
  }
}
