package dev.shipshape.networking.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.core.GoDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code config.conf} text, laid out as kubeadm writes it: every field of KubeProxyConfiguration v1alpha1
 * (those without {@code omitempty}), keys in alphabetical order at each level, zero values for unset fields.
 */
final class KubeProxyLayout {
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private KubeProxyLayout() {}

  static String configConf(KubeProxyConfig c) {
    ObjectNode root = NODES.objectNode();
    root.put("apiVersion", "kubeproxy.config.k8s.io/v1alpha1");
    root.put("bindAddress", "0.0.0.0");
    root.put("bindAddressHardFail", false);
    ObjectNode client = root.putObject("clientConnection");
    client.put("acceptContentTypes", "").put("burst", 0).put("contentType", "")
        .put("kubeconfig", "/var/lib/kube-proxy/kubeconfig.conf").put("qps", 0);
    root.put("clusterCIDR", c.clusterCidr().orElse(""));
    root.put("configSyncPeriod", "0s");
    ObjectNode conntrack = root.putObject("conntrack");
    integer(conntrack, "maxPerCore", c.conntrackMaxPerCore());
    integer(conntrack, "min", c.conntrackMin());
    conntrack.put("tcpBeLiberal", false);
    duration(conntrack, "tcpCloseWaitTimeout", c.conntrackTcpCloseWaitTimeout(), true);
    duration(conntrack, "tcpEstablishedTimeout", c.conntrackTcpEstablishedTimeout(), true);
    conntrack.put("udpStreamTimeout", "0s").put("udpTimeout", "0s");
    root.putObject("detectLocal").put("bridgeInterface", "").put("interfaceNamePrefix", "");
    root.put("detectLocalMode", "");
    root.put("enableProfiling", false);
    root.put("healthzBindAddress", "");
    root.put("hostnameOverride", "");
    ObjectNode iptables = root.putObject("iptables");
    iptables.putNull("localhostNodePorts");
    iptables.put("masqueradeAll", false).putNull("masqueradeBit");
    periods(iptables, c, ProxyMode.IPTABLES);
    ObjectNode ipvs = root.putObject("ipvs");
    ipvs.putNull("excludeCIDRs");
    duration(ipvs, "minSyncPeriod", mine(c, ProxyMode.IPVS, c.minSyncPeriod()), false);
    ipvs.put("scheduler", c.ipvsScheduler().orElse("")).put("strictARP", c.strictArp().orElse(false));
    duration(ipvs, "syncPeriod", mine(c, ProxyMode.IPVS, c.syncPeriod()), false);
    ipvs.put("tcpFinTimeout", "0s").put("tcpTimeout", "0s").put("udpTimeout", "0s");
    root.put("kind", "KubeProxyConfiguration");
    root.put("metricsBindAddress", "");
    root.put("mode", c.mode().configValue());
    ObjectNode nftables = root.putObject("nftables");
    nftables.put("masqueradeAll", false).putNull("masqueradeBit");
    periods(nftables, c, ProxyMode.NFTABLES);
    root.putNull("nodePortAddresses");
    root.putNull("oomScoreAdj");
    root.put("portRange", "");
    root.put("showHiddenMetricsForVersion", "");
    root.putObject("winkernel").put("enableDSR", false).put("forwardHealthCheckVip", false).put("networkName", "")
        .put("rootHnsEndpointName", "").put("sourceVip", "");
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render config.conf", e);
    }
  }

  /** The sync periods go to the section of the chosen mode only; the others keep their zero values. */
  private static void periods(ObjectNode section, KubeProxyConfig c, ProxyMode mode) {
    duration(section, "minSyncPeriod", mine(c, mode, c.minSyncPeriod()), false);
    duration(section, "syncPeriod", mine(c, mode, c.syncPeriod()), false);
  }

  private static Optional<Duration> mine(KubeProxyConfig c, ProxyMode section, Optional<Duration> value) {
    return c.mode() == section ? value : Optional.empty();
  }

  private static void integer(ObjectNode node, String field, Optional<Integer> value) {
    if (value.isPresent()) node.put(field, value.get());
    else node.putNull(field);
  }

  /** A duration field; pointer fields ({@code *metav1.Duration}) are null when unset, the others {@code 0s}. */
  private static void duration(ObjectNode node, String field, Optional<Duration> value, boolean pointer) {
    if (value.isPresent()) node.put(field, GoDuration.format(value.get()));
    else if (pointer) node.putNull(field);
    else node.put(field, "0s");
  }
}
