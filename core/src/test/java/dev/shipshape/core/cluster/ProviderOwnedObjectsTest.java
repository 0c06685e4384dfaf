package dev.shipshape.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Objects a managed cluster's provider owns, found in a plan's objects, and the report that lists them. */
class ProviderOwnedObjectsTest {
  private static final HasMetadata KUBE_PROXY = configMap("kube-system", "kube-proxy");
  private static final HasMetadata COREDNS = configMap("kube-system", "coredns");
  private static final HasMetadata API_SERVER = new PodBuilder().withNewMetadata().withName("kube-apiserver-cp-1")
      .withNamespace("kube-system").endMetadata().build();
  private static final HasMetadata AWS_NODE = new DaemonSetBuilder().withNewMetadata().withName("aws-node")
      .withNamespace("kube-system").endMetadata().build();
  private static final List<HasMetadata> OBJECTS = List.of(KUBE_PROXY, COREDNS, API_SERVER, AWS_NODE,
      configMap("shop", "kube-proxy"), configMap("kube-system", "kube-proxy-extra"));

  private static HasMetadata configMap(String ns, String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().build();
  }

  private static List<String> owned(ClusterProfile profile) {
    return ProviderOwnedObjects.check(profile, OBJECTS).stream().map(f -> f.resource().orElseThrow().toString())
        .toList();
  }

  @Test
  void eachProviderOwnsItsObjects() {
    assertThat(owned(ClusterProfile.KUBEADM)).isEmpty();
    assertThat(owned(ClusterProfile.EKS)).containsExactly("ConfigMap kube-system/kube-proxy",
        "Pod kube-system/kube-apiserver-cp-1", "DaemonSet.apps kube-system/aws-node");
    assertThat(owned(ClusterProfile.AKS)).containsExactly("ConfigMap kube-system/kube-proxy",
        "ConfigMap kube-system/coredns", "Pod kube-system/kube-apiserver-cp-1");
    assertThat(owned(ClusterProfile.GKE)).containsExactly("ConfigMap kube-system/kube-proxy",
        "Pod kube-system/kube-apiserver-cp-1");
    assertThat(owned(ClusterProfile.OVHCLOUD)).containsExactly("ConfigMap kube-system/kube-proxy",
        "Pod kube-system/kube-apiserver-cp-1");
  }

  @Test
  void theFindingSaysWhatToSetOnTheProvidersSide() {
    Finding f = ProviderOwnedObjects.check(ClusterProfile.AKS, List.of(COREDNS)).get(0);
    assertThat(f.toString()).isEqualTo("HIGH provider-owned-object ConfigMap kube-system/coredns: Azure AKS owns"
        + " CoreDNS's main configuration and overwrites or ignores this object; the spec must not write it — remove"
        + " it from the spec (for a managed profile the SDK's own components leave it out) and set it on the"
        + " provider's side: put custom CoreDNS configuration into the kube-system/coredns-custom ConfigMap instead"
        + " (https://learn.microsoft.com/azure/aks/coredns-custom)");
  }

  @Test
  void theReportChecksTheSpecAgainstTheDetection() {
    ProfileDetection gke = new ProfileDetection(Optional.of(ClusterProfile.GKE), List.of("1 of 1 nodes gce"));
    ProfileReport mismatch = ProfileReport.check(Optional.of(ClusterProfile.OVHCLOUD), List.of(KUBE_PROXY),
        Optional.of(gke));
    assertThat(mismatch.findings().findings()).extracting(Finding::ruleId)
        .containsExactlyInAnyOrder("cluster-profile-mismatch", "provider-owned-object");
    assertThat(mismatch.profile()).contains(ClusterProfile.OVHCLOUD);
    assertThat(mismatch.failed()).as("a spec for another provider fails the report as it comes").isTrue();
    assertThat(mismatch.advice()).isEqualTo(ClusterProfile.OVHCLOUD.advice());

    ProfileReport undeclared = ProfileReport.check(Optional.empty(), List.of(KUBE_PROXY), Optional.of(gke));
    assertThat(undeclared.findings().findings()).extracting(Finding::ruleId)
        .containsExactlyInAnyOrder("cluster-profile-undeclared", "provider-owned-object");
    assertThat(undeclared.profile()).contains(ClusterProfile.GKE);

    ProfileReport unknown = ProfileReport.check(Optional.empty(), List.of(KUBE_PROXY), Optional.empty());
    assertThat(unknown.findings().findings()).isEmpty();
    assertThat(unknown.findings().notes()).containsExactly("provider-owned-object skipped: neither the spec nor a"
        + " cluster names the profile");
    assertThat(unknown.advice()).isEmpty();
    assertThat(unknown.toText()).startsWith("spec: declares no profile\nprofile: 0 findings (1 rules); passed at --fail-on high\n");
  }
}
