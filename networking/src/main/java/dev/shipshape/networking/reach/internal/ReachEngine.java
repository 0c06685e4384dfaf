package dev.shipshape.networking.reach.internal;

import dev.shipshape.networking.reach.ConnectionSet;
import dev.shipshape.networking.reach.Ipv4Range;
import dev.shipshape.networking.reach.Peer;
import dev.shipshape.networking.reach.RuleMatch;
import dev.shipshape.networking.reach.SideVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates NetworkPolicies over a {@link Topology}. Traffic from A to B is allowed only where A's egress and B's
 * ingress both allow it; a pod that no policy selects for a direction is open in that direction, and the rules of
 * every policy that selects it add up ("Network Policies", Kubernetes documentation, "The two sorts of pod
 * isolation"). Thread-safe once built.
 */
public final class ReachEngine {
  final Topology topology;
  /** Per pod class, the policies that select it for ingress; null when none does. */
  final List<List<CompiledPolicy>> ingressPolicies = new ArrayList<>();
  /** Per pod class, the policies that select it for egress; null when none does. */
  final List<List<CompiledPolicy>> egressPolicies = new ArrayList<>();
  final List<CompiledPolicy> policies;

  public ReachEngine(Topology topology) {
    this.topology = topology;
    ClassIndex index = new ClassIndex(topology);
    this.policies = topology.policies.stream().map(p -> CompiledPolicy.of(p, index)).toList();
    for (int i = 0; i < topology.classes.size(); i++) {
      ingressPolicies.add(null);
      egressPolicies.add(null);
    }
    for (CompiledPolicy p : policies) {
      for (int c = p.selected().nextSetBit(0); c >= 0; c = p.selected().nextSetBit(c + 1)) {
        if (p.model().ingress()) add(ingressPolicies, c, p);
        if (p.model().egress()) add(egressPolicies, c, p);
      }
    }
  }

  private static void add(List<List<CompiledPolicy>> perClass, int c, CompiledPolicy policy) {
    if (perClass.get(c) == null) perClass.set(c, new ArrayList<>());
    perClass.get(c).add(policy);
  }

  public Topology topology() {
    return topology;
  }

  /** Every IPv4 range that ingress ipBlocks name (after their excepts): the edges of the external sources. */
  public List<Ipv4Range> ingressBlocks() {
    List<Ipv4Range> out = new ArrayList<>();
    policies.forEach(p -> p.ingress().forEach(r -> out.addAll(r.blocks)));
    return out;
  }

  /** Every IPv4 range that egress ipBlocks name: the edges of the external destinations. */
  public List<Ipv4Range> egressBlocks() {
    List<Ipv4Range> out = new ArrayList<>();
    policies.forEach(p -> p.egress().forEach(r -> out.addAll(r.blocks)));
    return out;
  }

  /**
   * {@code range} cut at the edges of the ipBlocks of one direction ({@code ingress}: the sources' blocks), so that
   * each piece lies wholly inside or outside every block, as the external peers of the connection list do.
   */
  public List<Ipv4Range> pieces(Ipv4Range range, boolean ingress) {
    List<Ipv4Range> out = new ArrayList<>();
    for (Ipv4Range piece : IpMath.pieces(ingress ? ingressBlocks() : egressBlocks())) {
      if (piece.overlaps(range)) {
        out.add(new Ipv4Range(Math.max(piece.first(), range.first()), Math.min(piece.last(), range.last())));
      }
    }
    return out;
  }

  /** The pod classes of a workload peer. */
  public Optional<List<Integer>> classesOf(Peer peer) {
    return Optional.ofNullable(topology.workloads.get(peer));
  }

  /** The source side: what {@code source}'s egress policies allow towards a pod class or an address range. */
  public SideVerdict egress(int source, Integer destination, Ipv4Range external) {
    return side(egressPolicies.get(source), false, destination, external, destination == null ? null
        : topology.classes.get(destination));
  }

  /** The destination side: what {@code destination}'s ingress policies allow from a pod class or an address. */
  public SideVerdict ingress(int destination, Integer source, Ipv4Range external) {
    return side(ingressPolicies.get(destination), true, source, external, topology.classes.get(destination));
  }

  /**
   * What {@code podClass} allows in from (or out to) any pod of any namespace, present or future. Named ports count
   * only for ingress, where the class's own container ports resolve them.
   */
  public ConnectionSet anyPodAnywhere(int podClass, boolean ingress) {
    List<CompiledPolicy> selecting = (ingress ? ingressPolicies : egressPolicies).get(podClass);
    if (selecting == null) return ConnectionSet.ALL;
    ConnectionSet allowed = ConnectionSet.NONE;
    for (CompiledPolicy p : selecting) {
      for (CompiledRule r : ingress ? p.ingress() : p.egress()) {
        if (r.matchesAnyPodAnywhere()) allowed = allowed.union(r.portsOn(ingress ? topology.classes.get(podClass)
            : null));
      }
    }
    return allowed;
  }

  /**
   * Evaluates one side. {@code other} is the pod class at the other end, or null with {@code external} the
   * address range; {@code portOwner} is the destination pod whose container ports resolve named ports.
   */
  private static SideVerdict side(List<CompiledPolicy> selecting, boolean ingress, Integer other,
      Ipv4Range external, PodClass portOwner) {
    if (selecting == null) return SideVerdict.open();
    List<RuleMatch> matches = new ArrayList<>();
    ConnectionSet allowed = ConnectionSet.NONE;
    for (CompiledPolicy p : selecting) {
      for (CompiledRule r : ingress ? p.ingress() : p.egress()) {
        boolean matched = other != null ? r.matchesPod(other) : r.matchesExternal(external);
        if (!matched) continue;
        ConnectionSet ports = r.portsOn(portOwner);
        matches.add(new RuleMatch(r.policy.qualifiedName(), r.field, ports));
        allowed = allowed.union(ports);
      }
    }
    return new SideVerdict(true, selecting.stream().map(p -> p.model().qualifiedName()).toList(), matches,
        allowed);
  }
}
