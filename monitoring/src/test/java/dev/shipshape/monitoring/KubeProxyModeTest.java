package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kube-proxy's mode is read from a hand-written ConfigMap as YAML reads it: quoted, commented or absent. */
class KubeProxyModeTest {

  private static List<String> kubeProxyRules(String configConf) {
    String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kube-proxy\n  namespace: kube-system\n"
        + "data:\n  config.conf: |\n" + configConf.indent(4);
    ClusterSpec spec = ClusterSpec.builder().name("proxy").kubernetesVersion("1.33")
        .resource(TestManifests.namespace("monitoring")).preExistingNamespace("kube-system")
        .yaml(configMap).build();
    ClusterSpec monitored = Monitoring.builder().controlPlaneAlerts(false).build().addTo(spec);
    PrometheusRule rule = Manifests.convert(Fixtures.objectsOf(monitored.plan(), "monitoring").stream()
        .filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow(), PrometheusRule.class);
    return rule.getSpec().getGroups().get(0).getRules().stream()
        .map(r -> r.getRecord() != null ? r.getRecord() : r.getAlert() + ": " + r.getAnnotations().get("summary"))
        .toList();
  }

  @Test
  void aSingleQuotedIpvsModeGetsNoIptablesRuleCountAlert() {
    assertThat(kubeProxyRules("apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n"
        + "mode: 'ipvs'\n")).containsExactly(
            PlatformAlerts.KUBE_PROXY_SYNC_P99,
            "ShipshapeKubeProxySyncSlow: kube-proxy on {{ $labels.instance }} syncs its ipvs rules slowly");
  }

  @Test
  void aModeWithACommentIsThatMode() {
    assertThat(kubeProxyRules("kind: KubeProxyConfiguration\nmode: nftables  # chosen for the Service count\n"))
        .containsExactly(
            PlatformAlerts.KUBE_PROXY_SYNC_P99,
            "ShipshapeKubeProxySyncSlow: kube-proxy on {{ $labels.instance }} syncs its nftables rules slowly");
  }

  @Test
  void anEmptyModeIsIptables() {
    assertThat(kubeProxyRules("kind: KubeProxyConfiguration\nmode: \"\"\n")).containsExactly(
        PlatformAlerts.KUBE_PROXY_SYNC_P99,
        "ShipshapeKubeProxySyncSlow: kube-proxy on {{ $labels.instance }} syncs its iptables rules slowly",
        "ShipshapeKubeProxyIptablesRulesHigh: kube-proxy on {{ $labels.instance }} writes {{ $value }} iptables"
            + " rules");
  }
}
