package dev.shipshape.networking.reach.internal;

import dev.shipshape.core.LabelSelectorRules;
import dev.shipshape.core.PolicyPortRules;
import dev.shipshape.core.Problem;
import dev.shipshape.networking.policy.internal.Cidr;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the API server rejects in a NetworkPolicy's spec (kubernetes {@code pkg/apis/networking/validation}), so
 * that the analyzer never answers for a policy that no cluster can hold. Each problem reads
 * {@code field: what is wrong — how to fix it}. They are warnings of the analyzer, which reads manifests and clusters
 * outside any plan: a plan reports a policy's port and selector mistakes itself, as errors of its object checks.
 */
final class PolicyValidation {
  private static final Set<String> POLICY_TYPES = Set.of("Ingress", "Egress");

  private final List<String> problems = new ArrayList<>();

  private PolicyValidation() {}

  /** Every problem of {@code spec}, in field order; empty when the API server accepts it. */
  static List<String> problems(NetworkPolicySpec spec) {
    PolicyValidation v = new PolicyValidation();
    v.selector("spec.podSelector", spec.getPodSelector());
    if (spec.getIngress() != null) {
      for (int i = 0; i < spec.getIngress().size(); i++) {
        v.rule("spec.ingress[" + i + "]", "from", spec.getIngress().get(i).getFrom(),
            spec.getIngress().get(i).getPorts());
      }
    }
    if (spec.getEgress() != null) {
      for (int i = 0; i < spec.getEgress().size(); i++) {
        v.rule("spec.egress[" + i + "]", "to", spec.getEgress().get(i).getTo(), spec.getEgress().get(i).getPorts());
      }
    }
    List<String> types = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
    for (int i = 0; i < types.size(); i++) {
      if (!POLICY_TYPES.contains(types.get(i))) {
        v.add("spec.policyTypes[" + i + "]", "'" + types.get(i) + "' is not a policy type",
            "write Ingress or Egress, with that capitalization");
      }
    }
    if (types.size() > 2) {
      v.add("spec.policyTypes", types.size() + " policy types are listed", "list Ingress, Egress or both, once each");
    }
    return v.problems;
  }

  private void rule(String at, String peersField, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    if (peers != null) {
      for (int j = 0; j < peers.size(); j++) peer(at + "." + peersField + "[" + j + "]", peers.get(j));
    }
    if (ports != null) {
      for (int k = 0; k < ports.size(); k++) port(at + ".ports[" + k + "]", ports.get(k));
    }
  }

  private void peer(String at, NetworkPolicyPeer peer) {
    int kinds = (peer.getPodSelector() != null ? 1 : 0) + (peer.getNamespaceSelector() != null ? 1 : 0)
        + (peer.getIpBlock() != null ? 1 : 0);
    if (kinds == 0) {
      add(at, "the peer names nothing", "give it a podSelector, a namespaceSelector or an ipBlock ({} selects every"
          + " pod of the policy's namespace: podSelector: {})");
    } else if (peer.getIpBlock() != null && kinds > 1) {
      add(at, "an ipBlock cannot share a peer with selectors", "make the ipBlock a peer of its own");
    }
    selector(at + ".podSelector", peer.getPodSelector());
    selector(at + ".namespaceSelector", peer.getNamespaceSelector());
    if (peer.getIpBlock() != null) ipBlock(at + ".ipBlock", peer.getIpBlock());
  }

  private void ipBlock(String at, IPBlock block) {
    Optional<Cidr> cidr = cidr(block.getCidr());
    if (cidr.isEmpty()) {
      add(at + ".cidr", block.getCidr() == null ? "the cidr is missing" : "'" + block.getCidr() + "' is not a CIDR",
          "write an address and a prefix length, such as 10.0.0.0/8 or 2001:db8::/32");
    }
    List<String> except = block.getExcept() == null ? List.of() : block.getExcept();
    for (int k = 0; k < except.size(); k++) {
      Optional<Cidr> e = cidr(except.get(k));
      String field = at + ".except[" + k + "]";
      if (e.isEmpty()) {
        add(field, "'" + except.get(k) + "' is not a CIDR", "write it as address/prefix, such as 10.1.0.0/16");
      } else if (cidr.isPresent() && (!cidr.get().contains(e.get()) || e.get().contains(cidr.get()))) {
        add(field, "'" + except.get(k) + "' is not a strict subset of cidr '" + block.getCidr() + "'",
            "list only ranges inside " + block.getCidr() + " and smaller than it");
      }
    }
  }

  /** The block, read as the API server reads it: IPv4 octets may have leading zeros, which mean decimal. */
  private static Optional<Cidr> cidr(String text) {
    return text == null ? Optional.empty() : Cidr.parse(IpMath.withoutLeadingZeros(text));
  }

  private void port(String at, NetworkPolicyPort port) {
    for (Problem problem : PolicyPortRules.check(Optional.ofNullable(port.getProtocol()),
        Optional.ofNullable(port.getPort()), Optional.ofNullable(port.getEndPort()))) {
      add(at + "." + problem.field().orElse(""), problem.message(), problem.fix());
    }
  }

  private void selector(String at, LabelSelector selector) {
    for (Problem problem : LabelSelectorRules.check(at, selector)) {
      add(problem.field().orElse(at), problem.message(), problem.fix());
    }
  }

  private void add(String field, String problem, String fix) {
    problems.add(field + ": " + problem + " — " + fix);
  }
}
