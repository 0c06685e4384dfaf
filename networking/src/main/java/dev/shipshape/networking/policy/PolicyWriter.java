package dev.shipshape.networking.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns a {@link NetworkPolicySet} into fresh NetworkPolicy objects for one namespace. */
final class PolicyWriter {
  static final String DNS_NAMESPACE = "kube-system";
  static final Map<String, String> DNS_POD_LABELS = Map.of("k8s-app", "kube-dns");

  private PolicyWriter() {}

  static List<NetworkPolicy> policies(NetworkPolicySet set, String namespace) {
    List<NetworkPolicy> out = new ArrayList<>();
    if (set.denyIngress() || set.denyEgress()) {
      out.add(policy(defaultDenyName(set), namespace, selector(set, PodSelector.all()), set.denyIngress(),
          set.denyEgress(), List.of(), List.of()));
    }
    if (set.dns()) {
      NetworkPolicyEgressRule rule = new NetworkPolicyEgressRule(
          List.of(port(PolicyPort.udp(53)), port(PolicyPort.tcp(53))),
          List.of(peer(PolicyPeer.kubeDns())));
      out.add(policy(set.policyNameFor("allow-dns"), namespace, selector(set, PodSelector.all()), false, true, List.of(),
          List.of(rule)));
    }
    if (set.sameNamespace() != NetworkPolicySet.SameNamespace.NONE) {
      List<NetworkPolicyPeer> samePods = List.of(peer(PolicyPeer.pods(Map.of())));
      boolean ingress = set.sameNamespace() != NetworkPolicySet.SameNamespace.EGRESS;
      boolean egress = set.sameNamespace() == NetworkPolicySet.SameNamespace.EGRESS
          || set.sameNamespace() == NetworkPolicySet.SameNamespace.INGRESS_AND_EGRESS
          || (set.sameNamespace() == NetworkPolicySet.SameNamespace.BOTH && set.isolatesEgressOfEveryPod());
      out.add(policy(set.policyNameFor("allow-same-namespace"), namespace, selector(set, PodSelector.all()),
          ingress, egress, ingress ? List.of(new NetworkPolicyIngressRule(samePods, List.of())) : List.of(),
          egress ? List.of(new NetworkPolicyEgressRule(List.of(), samePods)) : List.of()));
    }
    for (TrafficRule r : set.rules()) {
      List<NetworkPolicyPeer> peers = r.peers().stream().map(PolicyWriter::peer).toList();
      List<NetworkPolicyPort> ports = r.ports().stream().map(PolicyWriter::port).toList();
      boolean ingress = r.direction() == TrafficRule.Direction.INGRESS;
      out.add(policy(ruleName(set, r), namespace, selector(set, r.pods()), ingress, !ingress,
          ingress ? List.of(new NetworkPolicyIngressRule(peers, ports)) : List.of(),
          ingress ? List.of() : List.of(new NetworkPolicyEgressRule(ports, peers))));
    }
    for (Isolation i : set.isolations()) {
      List<NetworkPolicyPeer> peers = i.peers().stream().map(PolicyWriter::peer).toList();
      List<NetworkPolicyPort> ports = i.ports().stream().map(PolicyWriter::port).toList();
      // A rule without peers matches every peer ("Network Policies", Kubernetes documentation: an empty or
      // missing from/to matches all sources/destinations), so no peers means no rules: the policyTypes alone
      // then deny both directions.
      boolean none = peers.isEmpty();
      out.add(policy(isolationName(set, i), namespace, labels(i.workload().labels()), true, true,
          none ? List.of() : List.of(new NetworkPolicyIngressRule(peers, ports)),
          none ? List.of() : List.of(new NetworkPolicyEgressRule(ports, peers))));
    }
    return out;
  }

  /** The default-deny policy's name: {@code <set>-default-deny}, {@code -default-deny-ingress} or {@code -egress}. */
  static String defaultDenyName(NetworkPolicySet set) {
    String suffix = set.denyIngress() && set.denyEgress() ? "default-deny"
        : set.denyIngress() ? "default-deny-ingress" : "default-deny-egress";
    return set.policyNameFor(suffix);
  }

  /**
   * The name given with {@link TrafficRule#named}, else {@code <set>-ingress-<n>} or {@code <set>-egress-<n>},
   * counting rules of the same direction from 1.
   */
  static String ruleName(NetworkPolicySet set, TrafficRule rule) {
    if (rule.policyName().isPresent()) return rule.policyName().get();
    int n = 0;
    for (TrafficRule r : set.rules()) {
      if (r.direction() == rule.direction()) n++;
      if (r == rule) break;
    }
    return set.policyNameFor(rule.direction().name().toLowerCase(Locale.ROOT) + "-" + n);
  }

  /** {@code <set>-isolate-<label value>}, numbered when two isolations share a value. */
  static String isolationName(NetworkPolicySet set, Isolation isolation) {
    String value = isolation.workload().labels().values().stream().findFirst().orElse("all");
    String suffix = "isolate-" + value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    int same = 0;
    for (Isolation i : set.isolations()) {
      if (i == isolation) break;
      if (i.workload().labels().values().stream().findFirst().orElse("all").equals(value)) same++;
    }
    return set.policyNameFor(same == 0 ? suffix : suffix + "-" + (same + 1));
  }

  private static NetworkPolicy policy(String name, String namespace, LabelSelector podSelector, boolean ingress,
      boolean egress, List<NetworkPolicyIngressRule> in, List<NetworkPolicyEgressRule> out) {
    List<String> types = new ArrayList<>();
    if (ingress) types.add("Ingress");
    if (egress) types.add("Egress");
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec().withPodSelector(podSelector).withPolicyTypes(types).withIngress(in).withEgress(out).endSpec()
        .build();
  }

  /**
   * The selector of a policy other than an isolation: {@code pods}, minus every isolated workload it could
   * otherwise select ({@code key NotIn [value]}), since NetworkPolicies only add up and would reopen it.
   */
  static LabelSelector selector(NetworkPolicySet set, PodSelector pods) {
    Map<String, List<String>> excluded = new TreeMap<>();
    for (Isolation i : set.isolations()) {
      if (i.workload().labels().size() != 1) continue;
      Map.Entry<String, String> label = i.workload().labels().entrySet().iterator().next();
      String mine = pods.labels().get(label.getKey());
      if (mine != null && !mine.equals(label.getValue())) continue;
      List<String> values = excluded.computeIfAbsent(label.getKey(), k -> new ArrayList<>());
      if (!values.contains(label.getValue())) values.add(label.getValue());
    }
    LabelSelector selector = labels(pods.labels());
    excluded.forEach((key, values) -> selector.getMatchExpressions()
        .add(new LabelSelectorRequirement(key, "NotIn", values)));
    return selector;
  }

  private static LabelSelector labels(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels.isEmpty() ? null : new TreeMap<>(labels)).build();
  }

  static NetworkPolicyPeer peer(PolicyPeer p) {
    NetworkPolicyPeer out = new NetworkPolicyPeer();
    if (p.cidr().isPresent()) {
      out.setIpBlock(new IPBlock(p.cidr().get(), p.except().isEmpty() ? null : p.except()));
      return out;
    }
    p.namespaceLabels().ifPresent(l -> out.setNamespaceSelector(labels(l)));
    p.podLabels().ifPresent(l -> out.setPodSelector(labels(l)));
    return out;
  }

  static NetworkPolicyPort port(PolicyPort p) {
    IntOrString port = p.name().map(IntOrString::new).orElseGet(() -> new IntOrString(p.number().orElse(null)));
    return new NetworkPolicyPort(p.endPort().orElse(null), port, p.protocol().name());
  }
}
