package dev.shipshape.networking.reach.internal;

import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.reach.ConnectionSet;
import dev.shipshape.networking.reach.Ipv4Range;
import java.util.List;

/**
 * A NetworkPolicy reduced to what reachability needs, with the defaults of the API applied.
 *
 * @param namespace where the policy lives; it selects pods of this namespace only
 * @param name the policy's name
 * @param podSelector the pods it selects
 * @param ingress whether it isolates the selected pods for ingress
 * @param egress whether it isolates the selected pods for egress
 * @param ingressRules what it allows in
 * @param egressRules what it allows out
 */
record PolicyModel(String namespace, String name, Selector podSelector, boolean ingress, boolean egress,
    List<RuleModel> ingressRules, List<RuleModel> egressRules) {

  String qualifiedName() {
    return namespace + "/" + name;
  }

  /**
   * One ingress or egress rule.
   *
   * @param index the rule's position in its list, for explanations
   * @param peers who it allows; empty means every peer, inside and outside the cluster
   * @param ports on which ports; empty means every port of every protocol
   */
  record RuleModel(int index, List<PeerModel> peers, List<PortModel> ports) {}

  /**
   * One {@code from} or {@code to} entry: an ipBlock, or selectors. A null namespace selector means the policy's
   * own namespace; a null pod selector means every pod.
   */
  record PeerModel(Selector namespaceSelector, Selector podSelector, String cidr, List<String> except,
      List<Ipv4Range> ranges) {
    boolean isIpBlock() {
      return cidr != null;
    }
  }

  /**
   * One port entry, as the API server accepts it: {@code number} and {@code name} are both null when it means every
   * port of its protocol, and {@code endPort}, if any, is at least {@code number}.
   */
  record PortModel(Protocol protocol, Integer number, Integer endPort, String name) {

    /** The connections this port allows towards a destination pod; named ports resolve against its ports. */
    ConnectionSet on(PodClass destination) {
      if (name != null) {
        ConnectionSet result = ConnectionSet.NONE;
        if (destination == null) return result;
        for (PodClass.NamedPort p : destination.namedPorts().getOrDefault(name, List.of())) {
          if (p.protocol() == protocol) result = result.union(ConnectionSet.of(protocol, p.number()));
        }
        return result;
      }
      if (number == null) return ConnectionSet.allPorts(protocol);
      return ConnectionSet.of(protocol, number, endPort != null ? endPort : number);
    }

    @Override
    public String toString() {
      String port = name != null ? name : number == null ? "all ports" : endPort != null ? number + "-" + endPort
          : number.toString();
      return port + "/" + protocol;
    }
  }
}
