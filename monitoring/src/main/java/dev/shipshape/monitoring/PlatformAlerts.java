package dev.shipshape.monitoring;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Alerts on the platform: cert-manager Certificates of the spec, kube-proxy when the spec configures it (the
 * {@code kube-system/kube-proxy} ConfigMap), and the control plane (API server, etcd).
 */
final class PlatformAlerts {
  static final String KUBE_PROXY_SYNC_P99 = "instance:shipshape_kubeproxy_sync_proxy_rules_duration_seconds:p99";
  static final String APISERVER_ERROR_RATIO = "shipshape:apiserver_request_errors:ratio_rate5m";

  private PlatformAlerts() {}

  static List<Rule> certificates(Monitoring m, List<HasMetadata> objects) {
    Map<String, Set<String>> certificates = new TreeMap<>();
    objects.stream().filter(o -> "Certificate".equals(o.getKind()) && o.getApiVersion().startsWith("cert-manager.io/"))
        .forEach(o -> certificates.computeIfAbsent(Rules.namespaceOf(o), k -> new TreeSet<>())
            .add(o.getMetadata().getName()));
    if (certificates.isEmpty()) return List.of();
    double days = m.threshold(Alert.CERTIFICATE_EXPIRING);
    return List.of(
        Rules.alert(m, Alert.CERTIFICATE_EXPIRING, Rules.perNamespace(certificates, "name", matchers ->
                "certmanager_certificate_expiration_timestamp_seconds{" + matchers + "} - time() < "
                    + Rules.number(days * 86_400)),
            "Certificate {{ $labels.namespace }}/{{ $labels.name }} expires soon",
            "It expires in {{ $value | humanizeDuration }}, and cert-manager has not renewed it.",
            "Describe the Certificate and its CertificateRequests (kubectl describe certificate); check the"
                + " issuer's status and the ACME challenges, and cert-manager's logs."),
        Rules.alert(m, Alert.CERTIFICATE_NOT_READY, Rules.perNamespace(certificates, "name", matchers ->
                "certmanager_certificate_ready_status{condition=\"False\"," + matchers + "} == 1"),
            "Certificate {{ $labels.namespace }}/{{ $labels.name }} is not ready",
            "Its Ready condition is False: its Secret is missing or out of date.",
            "Describe the Certificate for the reason; check the issuer and the latest CertificateRequest."));
  }

  /** kube-proxy's mode from the spec's configuration; empty when the spec does not configure kube-proxy. */
  static Optional<String> kubeProxyMode(List<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      if (!"ConfigMap".equals(o.getKind()) || !"kube-proxy".equals(o.getMetadata().getName())
          || !"kube-system".equals(o.getMetadata().getNamespace())) {
        continue;
      }
      String config = Manifests.toTree(o).path("data").path("config.conf").asText("");
      // An empty or absent mode is iptables on Linux (KubeProxyConfiguration's documented default).
      return Optional.of(configuredMode(config).filter(m -> !m.isEmpty()).orElse("iptables"));
    }
    return Optional.empty();
  }

  /**
   * The {@code mode} of a KubeProxyConfiguration, read as YAML (quoted or not, with comments); empty when the text
   * is no YAML mapping or sets no mode.
   */
  private static Optional<String> configuredMode(String config) {
    try {
      return Manifests.parseYamlTrees(config, "config.conf").stream().findFirst()
          .map(tree -> tree.path("mode").asText(""));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static List<Rule> kubeProxy(Monitoring m, String mode) {
    List<Rule> rules = new ArrayList<>();
    rules.add(Rules.record(KUBE_PROXY_SYNC_P99, "histogram_quantile(0.99, sum by (instance, le)"
        + " (rate(kubeproxy_sync_proxy_rules_duration_seconds_bucket[5m])))"));
    rules.add(Rules.alert(m, Alert.KUBE_PROXY_SYNC_SLOW,
        KUBE_PROXY_SYNC_P99 + " > " + Rules.number(m.threshold(Alert.KUBE_PROXY_SYNC_SLOW)),
        "kube-proxy on {{ $labels.instance }} syncs its " + mode + " rules slowly",
        "The 99th percentile of a rule sync takes {{ $value | humanizeDuration }}: new endpoints reach the"
            + " node's rules late, and traffic goes to pods that are gone.",
        "Count the Services and endpoints (KubeProxyAdvisor.measure) and follow its advice; in iptables mode,"
            + " consider nftables (GA from 1.33) or IPVS; check the node's CPU and the conntrack table."));
    if (mode.equals("iptables")) {
      rules.add(Rules.alert(m, Alert.KUBE_PROXY_RULES_HIGH,
          "sum by (instance) (kubeproxy_sync_proxy_rules_iptables_total) >= "
              + Rules.number(m.threshold(Alert.KUBE_PROXY_RULES_HIGH)),
          "kube-proxy on {{ $labels.instance }} writes {{ $value }} iptables rules",
          "From this many rules a full resync rewrites them all and the first packet of a connection walks a long"
              + " KUBE-SERVICES chain; the networking module's KubeProxyAdvisor advises another mode here.",
          "Move kube-proxy to nftables mode (GA from Kubernetes 1.33) or IPVS, or reduce Services and"
              + " endpoints (headless Services for StatefulSets that need no virtual IP)."));
    }
    return rules;
  }

  static List<Rule> controlPlane(Monitoring m) {
    return List.of(
        Rules.record(APISERVER_ERROR_RATIO, "sum(rate(apiserver_request_total{code=~\"5..\"}[5m]))"
            + " / sum(rate(apiserver_request_total[5m]))"),
        Rules.alert(m, Alert.APISERVER_ERRORS,
            APISERVER_ERROR_RATIO + " > " + Rules.number(m.threshold(Alert.APISERVER_ERRORS)),
            "The API server answers many requests with errors",
            "{{ $value | humanizePercentage }} of its requests got a 5xx answer over 5 minutes.",
            "Read the API server's logs; check etcd's health and latency, admission webhooks that time out"
                + " (apiserver_admission_webhook_rejection_count) and the API priority and fairness queues."),
        Rules.alert(m, Alert.ETCD_DATABASE_SIZE,
            "etcd_mvcc_db_total_size_in_bytes / etcd_server_quota_backend_bytes > "
                + Rules.number(m.threshold(Alert.ETCD_DATABASE_SIZE)),
            "etcd member {{ $labels.instance }} nears its database quota",
            "The database uses {{ $value | humanizePercentage }} of the backend quota; at the quota etcd raises a"
                + " NOSPACE alarm and accepts only reads and deletes.",
            "Compact and defragment (etcdctl compact, etcdctl defrag) one member at a time; find what grows"
                + " (Events, large ConfigMaps or custom resources) and raise --quota-backend-bytes if needed."),
        Rules.alert(m, Alert.ETCD_LEADER_CHANGES,
            "increase(etcd_server_leader_changes_seen_total[1h]) > "
                + Rules.number(m.threshold(Alert.ETCD_LEADER_CHANGES)),
            "etcd member {{ $labels.instance }} sees frequent leader changes",
            "{{ $value }} leader changes in the last hour: requests stall during each election.",
            "Check disk latency (etcd_disk_wal_fsync_duration_seconds), network latency between members and"
                + " CPU starvation; etcd needs fast dedicated disks."));
  }
}
