package dev.shipshape.readiness;

import static dev.shipshape.readiness.Fixtures.lines;
import static dev.shipshape.readiness.Fixtures.manyServices;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.cluster.ClusterProfile;
import dev.shipshape.core.cluster.ProviderTopic;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.networking.proxy.KubeProxyConfig;
import dev.shipshape.networking.proxy.ProxyMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On a managed profile, the etcd-encryption and kube-proxy pitfalls say what to set on the provider's side. */
class ManagedProfilePitfallsTest {
  private static final List<ClusterProfile> MANAGED = List.of(ClusterProfile.EKS, ClusterProfile.GKE,
      ClusterProfile.AKS, ClusterProfile.OVHCLOUD);

  private static ClusterSpec.Builder withoutEncryption(ClusterProfile profile) {
    return Fixtures.bare(Fixtures.WEB).component(Fixtures.isolation(), Fixtures.offClusterLocation(),
        Fixtures.schedule()).clusterProfile(profile);
  }

  @Test
  void encryptionAtRestIsTheProvidersSettingOnAManagedProfile() {
    assertThat(lines(Fixtures.check(withoutEncryption(ClusterProfile.EKS).build()), "etcd-encryption"))
        .containsExactly("LOW etcd-encryption: Amazon EKS runs etcd and the API server: encryption of Secrets at"
            + " rest is the provider's setting, which the spec does not show — EKS envelope-encrypts all Kubernetes"
            + " API data by default from Kubernetes 1.28 with an AWS-owned KMS key; associate a KMS key of your own"
            + " to control and audit its use — aws eks associate-encryption-config --cluster-name <cluster>"
            + " --encryption-config '[{\"resources\":[\"secrets\"],\"provider\":{\"keyArn\":\"<kms-key-arn>\"}}]'"
            + " (https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html)");
    for (ClusterProfile profile : MANAGED) {
      List<Finding> findings = Fixtures.check(withoutEncryption(profile).build()).findings()
          .findings("etcd-encryption");
      assertThat(findings).as(profile.name()).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.remediation()).contains(profile.advice(ProviderTopic.ETCD_ENCRYPTION).remediation());
      });
    }
  }

  @Test
  void anEncryptionConfigurationReachesNoManagedApiServer() {
    ReadinessReport report = Fixtures.check(Fixtures.ready().clusterProfile(ClusterProfile.GKE).build());
    assertThat(lines(report, "etcd-encryption")).containsExactly("HIGH etcd-encryption"
        + " EncryptionConfiguration.apiserver.config.k8s.io encryption-configuration: the spec is for Google GKE,"
        + " whose API server the provider runs: no API server reads this EncryptionConfiguration, so it encrypts"
        + " nothing — remove it from the spec; " + ClusterProfile.GKE.advice(ProviderTopic.ETCD_ENCRYPTION)
        .remediation());
    assertThat(report.score(Pitfall.ETCD).status()).isEqualTo("fail");
    // kubeadm keeps the spec's own component and its remediation.
    assertThat(lines(Fixtures.check(Fixtures.ready().clusterProfile(ClusterProfile.KUBEADM).build()),
        "etcd-encryption")).isEmpty();
    assertThat(lines(Fixtures.check(withoutEncryption(ClusterProfile.KUBEADM).build()), "etcd-encryption"))
        .singleElement().asString().startsWith("HIGH etcd-encryption: the spec has no EncryptionConfiguration");
  }

  @Test
  void kubeProxyGapsOnAManagedProfileGiveTheProvidersSetting() {
    KubeProxyConfig iptables = KubeProxyConfig.builder().mode(ProxyMode.IPTABLES).build();
    ReadinessReport eks = Fixtures.check(manyServices(Fixtures.ready()).component(iptables)
        .clusterProfile(ClusterProfile.EKS).build());
    assertThat(eks.findings().findings("kube-proxy-mode")).singleElement().satisfies(f -> {
      assertThat(f.resource()).isEmpty();
      assertThat(f.message()).startsWith("the spec's KubeProxyConfig asks for iptables mode with 1000 service ports"
          + " and about 3000 endpoints; recommended: nftables");
      assertThat(f.remediation().orElseThrow()).contains("aws eks update-addon --cluster-name <cluster>"
          + " --addon-name kube-proxy --configuration-values '{\"mode\":\"<mode>\"}'");
    });
    for (ClusterProfile profile : MANAGED) {
      List<Finding> unset = Fixtures.check(manyServices(Fixtures.ready()).clusterProfile(profile).build())
          .findings().findings("kube-proxy-mode");
      assertThat(unset).as(profile.name()).singleElement().satisfies(f -> {
        assertThat(f.message()).startsWith("the spec leaves kube-proxy's mode to the cluster, iptables by default");
        assertThat(f.remediation()).contains(profile.advice(ProviderTopic.KUBE_PROXY_MODE).remediation());
      });
    }
    assertThat(Fixtures.check(manyServices(Fixtures.ready()).clusterProfile(ClusterProfile.OVHCLOUD).build())
        .findings().findings("kube-proxy-mode").get(0).remediation().orElseThrow())
        .contains("iptables and ipvs (no nftables)");
    KubeProxyConfig ipvs = KubeProxyConfig.builder().mode(ProxyMode.IPVS).build();
    assertThat(lines(Fixtures.check(manyServices(Fixtures.ready()).component(ipvs)
        .clusterProfile(ClusterProfile.AKS).build()), "kube-proxy-mode")).isEmpty();
  }
}
