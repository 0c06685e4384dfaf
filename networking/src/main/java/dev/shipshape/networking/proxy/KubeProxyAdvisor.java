package dev.shipshape.networking.proxy;

import dev.shipshape.core.KubernetesVersion;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Estimates what each kube-proxy mode costs for a number of Services and endpoints, and recommends one.
 *
 * <p>The counts follow the rule layout of kube-proxy's proxiers (kubernetes {@code pkg/proxy/iptables/proxier.go}
 * and {@code pkg/proxy/nftables/proxier.go}, {@code pkg/proxy/ipvs/proxier.go}):
 * <ul>
 *   <li>iptables: per service port, one rule in {@code KUBE-SERVICES} and a {@code KUBE-SVC-*} chain with a
 *       masquerade rule plus one probability jump per endpoint; per endpoint, a {@code KUBE-SEP-*} chain with a
 *       hairpin masquerade rule and a DNAT rule; per node port, a {@code KUBE-NODEPORTS} rule and a
 *       {@code KUBE-EXT-*} chain of two rules. So {@code rules ≈ 2·ports + 3·endpoints + 3·nodePorts}.
 *       {@code KUBE-SERVICES} is a list the first packet of each connection walks in order: about
 *       {@code ports/2} matches on average. A full resync rewrites every rule through {@code iptables-restore};
 *       since 1.28 (KEP-3453, MinimizeIPTablesRestore) most syncs write only changed chains, but the periodic
 *       full resync still writes them all.</li>
 *   <li>nftables: the same chains per service and endpoint, but Services are found through a verdict map
 *       ({@code service-ips}), one lookup whatever their number; updates are incremental transactions
 *       (KEP-3866; "Virtual IPs and Service Proxies", Kubernetes documentation).</li>
 *   <li>IPVS: one virtual server per service port (and per node port on each node address, counted once here) and
 *       one real server per endpoint, found by hash; a constant set of iptables rules matches ipsets.</li>
 * </ul>
 *
 * <p>The Kubernetes documentation ("Virtual IPs and Service Proxies") notes that iptables mode may take too long
 * to update its rules in clusters with tens of thousands of Pods and Services, and that nftables' packet
 * processing advantage shows with tens of thousands of Services. The thresholds below turn that into a
 * recommendation; they are this SDK's judgment, not upstream numbers.
 */
public final class KubeProxyAdvisor {
  /** From this many iptables rules, update latency is worth a mode change. */
  public static final long LARGE_RULE_COUNT = 20_000;
  /** From this many service ports, the linear first-packet walk of iptables is worth a mode change. */
  public static final int LARGE_SERVICE_PORTS = 1_000;

  private KubeProxyAdvisor() {}

  /** The estimates for each mode and a recommendation for the target version. */
  public static ProxyAdvice advise(ServiceLoad load, KubernetesVersion target) {
    long p = load.servicePorts();
    long e = load.endpoints();
    long np = load.nodePorts();
    long iptablesRules = 2 * p + 3 * e + 3 * np;
    List<ModeEstimate> estimates = List.of(
        new ModeEstimate(ProxyMode.IPTABLES, iptablesRules, Math.max(1, (p + 1) / 2), iptablesRules),
        new ModeEstimate(ProxyMode.IPVS, p + np + e, 1, p + np + e),
        new ModeEstimate(ProxyMode.NFTABLES, iptablesRules, 1, iptablesRules));
    List<String> reasons = new ArrayList<>();
    boolean large = iptablesRules >= LARGE_RULE_COUNT || p >= LARGE_SERVICE_PORTS;
    ProxyMode mode;
    if (!large) {
      mode = ProxyMode.IPTABLES;
      reasons.add("about " + iptablesRules + " iptables rules and " + p + " service ports stay below "
          + LARGE_RULE_COUNT + " rules and " + LARGE_SERVICE_PORTS + " ports, where iptables, the default and most"
          + " widely run mode, performs well");
    } else {
      reasons.add("about " + iptablesRules + " iptables rules: each full resync rewrites them all, and the first"
          + " packet of a connection walks about " + (p + 1) / 2 + " KUBE-SERVICES rules");
      if (!target.isBefore(1, 33)) {
        mode = ProxyMode.NFTABLES;
        reasons.add("nftables is GA from 1.33 (target " + target + "): one verdict-map lookup per packet and"
            + " incremental updates");
      } else {
        mode = ProxyMode.IPVS;
        reasons.add("nftables is not GA before 1.33 (target " + target + "); IPVS gives hash lookups and"
            + " per-object updates, but is deprecated from 1.35, so plan the move to nftables");
      }
    }
    return new ProxyAdvice(load, target, mode, estimates, reasons);
  }

  /**
   * Counts a live cluster's Services and endpoints, read-only, with one list call for Services and one for
   * EndpointSlices. Headless Services and ExternalName Services are left out; an endpoint counts when ready
   * (or when its readiness is unknown), once per port of its slice.
   */
  public static ServiceLoad measure(KubernetesClient client) {
    return measure(client.services().inAnyNamespace().list().getItems(),
        client.discovery().v1().endpointSlices().inAnyNamespace().list().getItems());
  }

  /**
   * Counts Services and endpoints already read, such as a live cluster's lists, as {@link #measure(KubernetesClient)}
   * counts them.
   */
  public static ServiceLoad measure(Collection<Service> services, Collection<EndpointSlice> slices) {
    int ports = 0;
    int nodePorts = 0;
    Set<String> proxied = new HashSet<>();
    for (Service s : services) {
      if (s.getSpec() == null || "ExternalName".equals(s.getSpec().getType())
          || "None".equals(s.getSpec().getClusterIP())) {
        continue;
      }
      proxied.add(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName());
      int n = s.getSpec().getPorts().size();
      ports += n;
      if ("NodePort".equals(s.getSpec().getType()) || "LoadBalancer".equals(s.getSpec().getType())) nodePorts += n;
    }
    int endpoints = 0;
    for (EndpointSlice slice : slices) {
      String service = slice.getMetadata().getLabels() == null ? null
          : slice.getMetadata().getLabels().get("kubernetes.io/service-name");
      if (service == null || !proxied.contains(slice.getMetadata().getNamespace() + "/" + service)) continue;
      int ready = 0;
      for (Endpoint ep : slice.getEndpoints()) {
        if (ep.getConditions() == null || !Boolean.FALSE.equals(ep.getConditions().getReady())) ready++;
      }
      endpoints += ready * Math.max(1, slice.getPorts().size());
    }
    return new ServiceLoad(ports, endpoints, nodePorts);
  }
}
