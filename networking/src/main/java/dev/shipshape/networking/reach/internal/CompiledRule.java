package dev.shipshape.networking.reach.internal;

import dev.shipshape.networking.reach.ConnectionSet;
import dev.shipshape.networking.reach.Ipv4Range;
import dev.shipshape.networking.reach.internal.PolicyModel.PeerModel;
import dev.shipshape.networking.reach.internal.PolicyModel.PortModel;
import dev.shipshape.networking.reach.internal.PolicyModel.RuleModel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** A rule with its peers resolved to pod classes and address ranges, ready to evaluate. */
final class CompiledRule {
  final PolicyModel policy;
  final RuleModel rule;
  final String field;
  /** True when the rule lists no peers: it matches every pod and every address. */
  final boolean anyPeer;
  /** The pod classes its selector peers match. */
  final BitSet pods;
  /** The IPv4 addresses its ipBlock peers match. */
  final List<Ipv4Range> blocks;
  /** What it allows when that does not depend on the destination (no named ports); null otherwise. */
  private final ConnectionSet fixedPorts;

  CompiledRule(PolicyModel policy, RuleModel rule, String direction, ClassIndex index) {
    this.policy = policy;
    this.rule = rule;
    this.field = "spec." + direction + "[" + rule.index() + "]";
    this.anyPeer = rule.peers().isEmpty();
    this.pods = new BitSet();
    List<Ipv4Range> ranges = new ArrayList<>();
    for (PeerModel peer : rule.peers()) {
      if (peer.isIpBlock()) {
        ranges.addAll(peer.ranges());
      } else if (peer.namespaceSelector() != null || peer.podSelector() != null) {
        // A podSelector alone means the policy's own namespace; a namespaceSelector alone, every pod there.
        BitSet candidates = peer.namespaceSelector() == null
            ? index.inNamespace(policy.namespace()) : index.inNamespaces(peer.namespaceSelector());
        if (peer.podSelector() != null) index.narrow(candidates, peer.podSelector());
        pods.or(candidates);
      }
    }
    this.blocks = List.copyOf(ranges);
    boolean named = rule.ports().stream().anyMatch(p -> p.name() != null);
    this.fixedPorts = named ? null : portsOn(null);
  }

  /** What the rule allows towards a destination (or from a source, for ingress: the pod it protects). */
  ConnectionSet portsOn(PodClass destination) {
    if (fixedPorts != null) return fixedPorts;
    if (rule.ports().isEmpty()) return ConnectionSet.ALL;
    ConnectionSet out = ConnectionSet.NONE;
    for (PortModel port : rule.ports()) out = out.union(port.on(destination));
    return out;
  }

  boolean dependsOnDestination() {
    return fixedPorts == null;
  }

  boolean matchesPod(int podClass) {
    return anyPeer || pods.get(podClass);
  }

  /**
   * True when the rule matches any pod in any namespace, including namespaces and pods that do not exist yet: it
   * lists no peers, or a peer with an empty namespaceSelector and no (or an empty) podSelector.
   */
  boolean matchesAnyPodAnywhere() {
    return anyPeer || rule.peers().stream().anyMatch(p -> !p.isIpBlock() && p.namespaceSelector() != null
        && p.namespaceSelector().isEmpty() && (p.podSelector() == null || p.podSelector().isEmpty()));
  }

  /** True when the rule matches every address of {@code range}, which never straddles an edge of its blocks. */
  boolean matchesExternal(Ipv4Range range) {
    return anyPeer || IpMath.covered(range, blocks);
  }
}
