package dev.shipshape.networking.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One allowed flow: into the selected pods from peers ({@link #ingressTo}), or out of them to peers
 * ({@link #egressFrom}), on ports. No peers means every peer; no ports means every port. Immutable: each option
 * returns a new rule.
 *
 * <pre>{@code
 * TrafficRule.ingressTo(PodSelector.labelled("app", "api"))
 *     .from(PolicyPeer.pods("app", "web"), PolicyPeer.namespace("monitoring"))
 *     .on(PolicyPort.tcp(8080));
 * }</pre>
 */
public final class TrafficRule {
  /** Which way traffic flows, seen from the selected pods. */
  public enum Direction {
    INGRESS,
    EGRESS
  }

  private final Direction direction;
  private final PodSelector pods;
  private final List<PolicyPeer> peers;
  private final List<PolicyPort> ports;
  private final Optional<String> policyName;

  private TrafficRule(Direction direction, PodSelector pods, List<PolicyPeer> peers, List<PolicyPort> ports,
      Optional<String> policyName) {
    this.direction = direction;
    this.pods = Objects.requireNonNull(pods, "pods == null");
    this.peers = List.copyOf(peers);
    this.ports = List.copyOf(ports);
    this.policyName = policyName;
  }

  /** Traffic into {@code pods}; by default from every peer on every port. */
  public static TrafficRule ingressTo(PodSelector pods) {
    return new TrafficRule(Direction.INGRESS, pods, List.of(), List.of(), Optional.empty());
  }

  /** Traffic out of {@code pods}; by default to every peer on every port. */
  public static TrafficRule egressFrom(PodSelector pods) {
    return new TrafficRule(Direction.EGRESS, pods, List.of(), List.of(), Optional.empty());
  }

  /** Adds sources of an ingress rule. */
  public TrafficRule from(PolicyPeer... sources) {
    return withPeers(sources);
  }

  /** Adds destinations of an egress rule. */
  public TrafficRule to(PolicyPeer... destinations) {
    return withPeers(destinations);
  }

  /** Adds ports. */
  public TrafficRule on(PolicyPort... more) {
    List<PolicyPort> all = new ArrayList<>(ports);
    all.addAll(List.of(more));
    return new TrafficRule(direction, pods, peers, all, policyName);
  }

  private TrafficRule withPeers(PolicyPeer... more) {
    List<PolicyPeer> all = new ArrayList<>(peers);
    all.addAll(List.of(more));
    return new TrafficRule(direction, pods, all, ports, policyName);
  }

  /**
   * Names the NetworkPolicy of this rule exactly so, instead of {@code <set>-ingress-<n>} or
   * {@code <set>-egress-<n>}.
   */
  public TrafficRule named(String name) {
    return new TrafficRule(direction, pods, peers, ports, Optional.of(Objects.requireNonNull(name, "name == null")));
  }

  /** The policy name given with {@link #named}. */
  public Optional<String> policyName() {
    return policyName;
  }

  public Direction direction() {
    return direction;
  }

  /** The pods whose traffic this rule allows. */
  public PodSelector pods() {
    return pods;
  }

  /** The peers; empty for every peer. */
  public List<PolicyPeer> peers() {
    return peers;
  }

  /** The ports; empty for every port. */
  public List<PolicyPort> ports() {
    return ports;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrafficRule)) return false;
    TrafficRule r = (TrafficRule) o;
    return direction == r.direction && pods.equals(r.pods) && peers.equals(r.peers) && ports.equals(r.ports)
        && policyName.equals(r.policyName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(direction, pods, peers, ports, policyName);
  }

  @Override
  public String toString() {
    return direction.name().toLowerCase(java.util.Locale.ROOT) + (direction == Direction.INGRESS ? " to " : " from ")
        + pods + (direction == Direction.INGRESS ? " from " : " to ") + (peers.isEmpty() ? "anywhere" : peers)
        + " on " + (ports.isEmpty() ? "any port" : ports);
  }
}
