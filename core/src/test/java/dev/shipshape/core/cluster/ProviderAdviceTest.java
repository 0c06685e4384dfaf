package dev.shipshape.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The provider-side advice: every profile has advice on every topic, with the provider's action and docs. */
class ProviderAdviceTest {

  @ParameterizedTest
  @EnumSource(ClusterProfile.class)
  void everyProfileHasAdviceForEachTopicInTopicOrder(ClusterProfile profile) {
    List<ProviderAdvice> advice = profile.advice();
    assertThat(advice).extracting(ProviderAdvice::topic).containsExactly(ProviderTopic.values());
    assertThat(advice).allSatisfy(a -> {
      assertThat(a.profile()).isEqualTo(profile);
      assertThat(a.setting()).isNotBlank();
      assertThat(a.action()).isNotBlank();
      assertThat(a.documentation()).startsWith("https://");
      assertThat(profile.advice(a.topic())).isEqualTo(a);
    });
  }

  @Test
  void eachProvidersOwnCommandIsTheAction() {
    assertThat(ClusterProfile.EKS.advice(ProviderTopic.ETCD_ENCRYPTION).action())
        .startsWith("aws eks associate-encryption-config --cluster-name <cluster>");
    assertThat(ClusterProfile.GKE.advice(ProviderTopic.ETCD_ENCRYPTION).action())
        .startsWith("gcloud container clusters update <cluster> --location <location> --database-encryption-key");
    assertThat(ClusterProfile.AKS.advice(ProviderTopic.ETCD_ENCRYPTION).action())
        .contains("--enable-azure-keyvault-kms");
    assertThat(ClusterProfile.OVHCLOUD.advice(ProviderTopic.AUDIT_LOGS).action())
        .contains("/cloud/project/{serviceName}/kube/{kubeId}/log/subscription");
    assertThat(ClusterProfile.KUBEADM.advice(ProviderTopic.ETCD_ENCRYPTION).action())
        .startsWith("the security module's EncryptionConfiguration component");
    assertThat(ClusterProfile.GKE.advice(ProviderTopic.KUBE_PROXY_MODE).remediation()).isEqualTo("GKE runs "
        + "kube-proxy in iptables mode and offers no setting for its mode; Dataplane V2 (eBPF) replaces kube-proxy —"
        + " gcloud container clusters create <cluster> --enable-dataplane-v2 (chosen when the cluster is created)"
        + " (https://cloud.google.com/kubernetes-engine/docs/how-to/dataplane-v2)");
  }

  @Test
  void everyAdviceIsDistinctPerProvider() {
    for (ProviderTopic topic : ProviderTopic.values()) {
      assertThat(Arrays.stream(ClusterProfile.values()).map(p -> p.advice(topic).action()))
          .as(topic.title()).doesNotHaveDuplicates();
    }
  }

  @Test
  void documentationMustBeAnHttpsUrl() {
    assertThatThrownBy(() -> ProviderAdvice.builder().profile(ClusterProfile.EKS).topic(ProviderTopic.AUDIT_LOGS)
        .setting("s").action("a").documentation("docs.aws.amazon.com").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ProviderAdvice EKS AUDIT_LOGS.documentation: 'docs.aws.amazon.com' is not an https URL — link"
            + " the provider's documentation");
  }
}
