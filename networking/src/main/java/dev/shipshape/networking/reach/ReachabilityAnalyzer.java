package dev.shipshape.networking.reach;

import dev.shipshape.core.ManifestRead;
import dev.shipshape.core.ManifestReader;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.reach.internal.AllPairs;
import dev.shipshape.networking.reach.internal.ClusterSnapshot;
import dev.shipshape.networking.reach.internal.ReachEngine;
import dev.shipshape.networking.reach.internal.Topology;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who can reach whom, computed offline from Namespaces, pods, workloads and NetworkPolicies with the exact
 * semantics of the Kubernetes documentation ("Network Policies"): policyTypes defaulting, empty selectors,
 * namespace and pod selectors in one peer (both must match) versus separate peers (either may), ipBlocks with
 * except, port ranges with endPort, named ports resolved against each destination pod's container ports, and a
 * connection allowed only where the source's egress and the destination's ingress both allow it.
 *
 * <p>Workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob) stand for the
 * pods of their template; pods count under their controlling owner. Other kinds are ignored. Objects without a
 * namespace belong to {@code default}; every namespace carries the {@code kubernetes.io/metadata.name} label.
 *
 * <pre>{@code
 * ReachabilityAnalyzer analyzer = ReachabilityAnalyzer.load(Path.of("manifests"));
 * System.out.print(analyzer.connectivity().toText());
 * ReachVerdict v = analyzer.canReach("shop/frontend", "shop/cart", 7070, Protocol.TCP);
 * }</pre>
 *
 * <p>Immutable and thread-safe; every answer is computed on demand.
 */
public final class ReachabilityAnalyzer {
  private final ReachEngine engine;
  private final List<String> warnings;
  /** The workload peers by both names {@link #peer} accepts, so that naming a peer is not a scan of them all. */
  private final Map<String, List<Peer>> peersByName = new HashMap<>();

  private ReachabilityAnalyzer(List<? extends HasMetadata> objects, List<String> loadWarnings) {
    Topology topology = Topology.of(objects);
    this.engine = new ReachEngine(topology);
    List<String> all = new ArrayList<>(loadWarnings);
    all.addAll(topology.warnings());
    this.warnings = List.copyOf(all);
    for (Peer p : topology.peers()) {
      peersByName.computeIfAbsent(p.toString(), k -> new ArrayList<>()).add(p);
      peersByName.computeIfAbsent(p.namespace() + "/" + p.name(), k -> new ArrayList<>()).add(p);
    }
  }

  /** An analyzer of these objects (compiled by a spec, read from files, or listed from a cluster). */
  public static ReachabilityAnalyzer of(List<? extends HasMetadata> objects) {
    return new ReachabilityAnalyzer(objects, List.of());
  }

  /** An analyzer of what a plan would create. */
  public static ReachabilityAnalyzer of(Plan plan) {
    return of(plan.resources().stream().map(PlannedResource::object).collect(Collectors.toList()));
  }

  /**
   * Reads a manifest file, or every {@code .yaml}, {@code .yml} and {@code .json} file under a directory;
   * {@code List} kinds are expanded (their items may omit {@code kind}). Files and documents that are not
   * Kubernetes objects are skipped and reported in {@link #warnings()}.
   */
  public static ReachabilityAnalyzer load(Path path) {
    ManifestRead read = ManifestReader.tolerant().read(path);
    return new ReachabilityAnalyzer(read.objects(), read.warnings());
  }

  /**
   * Reads a live cluster, read-only, with one list call per kind: Namespaces, Pods, the workload kinds and
   * NetworkPolicies. Workloads whose pods (or ReplicaSets, or Jobs) are listed are represented by those.
   */
  public static ReachabilityAnalyzer fromCluster(KubernetesClient client) {
    return of(ClusterSnapshot.read(client));
  }

  /**
   * What was skipped or cannot be analyzed: unreadable files, IPv6 ipBlocks, pods on the host's network, and each
   * problem of a NetworkPolicy that the API server would reject (such a policy is left out of every answer).
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Every workload peer, in input order. */
  public List<Peer> workloads() {
    return engine.topology().peers();
  }

  /** The full connection list, in the np-guard netpol-analyzer's order. */
  public ConnectivityReport connectivity() {
    return new ConnectivityReport(new AllPairs(engine).connections(engine.ingressBlocks(), engine.egressBlocks()));
  }

  /** The connection list with the external ranges cut also at the edges of {@code ingress} and {@code egress}. */
  ConnectivityReport connectivity(List<Ipv4Range> ingress, List<Ipv4Range> egress) {
    List<Ipv4Range> in = new ArrayList<>(engine.ingressBlocks());
    in.addAll(ingress);
    List<Ipv4Range> out = new ArrayList<>(engine.egressBlocks());
    out.addAll(egress);
    return new ConnectivityReport(new AllPairs(engine).connections(in, out));
  }

  List<Ipv4Range> ingressBlocks() {
    return engine.ingressBlocks();
  }

  List<Ipv4Range> egressBlocks() {
    return engine.egressBlocks();
  }

  /**
   * Can {@code source} reach {@code destination} on {@code port}? Peers are {@code namespace/name},
   * {@code namespace/name[Kind]} or an IPv4 address outside the cluster.
   *
   * @throws IllegalArgumentException when a peer is unknown or ambiguous, naming the candidates
   */
  public ReachVerdict canReach(String source, String destination, int port, Protocol protocol) {
    return canReach(peer(source), peer(destination), Optional.of(port), protocol);
  }

  /** Can {@code source} reach {@code destination} on any port of {@code protocol}? */
  public ReachVerdict canReach(String source, String destination, Protocol protocol) {
    return canReach(peer(source), peer(destination), Optional.empty(), protocol);
  }

  /**
   * Can {@code source} reach {@code destination} on {@code port} (or any port when empty)? As in the connection
   * list, a workload whose pods differ in labels or ports, and an address range that the policies' ipBlocks cut
   * into pieces, are answered part by part: the verdict is the first allowed part's, whose peers name that part
   * (such as {@code 10.0.0.0-10.0.255.255[External]} of {@code 10.0.0.0/8}), or else the first part's.
   */
  public ReachVerdict canReach(Peer source, Peer destination, Optional<Integer> port, Protocol protocol) {
    if (source.isExternal() && destination.isExternal()) {
      throw new IllegalArgumentException("both " + source + " and " + destination + " are outside the cluster;"
          + " NetworkPolicies govern only traffic to or from pods");
    }
    ReachVerdict first = null;
    for (Peer from : parts(source, true)) {
      for (Peer to : parts(destination, false)) {
        for (Integer s : classes(from)) {
          for (Integer d : classes(to)) {
            SideVerdict egress = s == null ? SideVerdict.open() : engine.egress(s, d, to.range().orElse(null));
            SideVerdict ingress = d == null ? SideVerdict.open() : engine.ingress(d, s, from.range().orElse(null));
            ReachVerdict verdict = new ReachVerdict(from, to, protocol, port, egress, ingress);
            if (verdict.allowed()) return verdict;
            if (first == null) first = verdict;
          }
        }
      }
    }
    return first;
  }

  /**
   * A workload, or the pieces of an address range that lie wholly inside or outside every ipBlock of the
   * direction in which it takes part ({@code source}: the ingress blocks), since a rule matches an outside peer only
   * when its blocks cover all of it.
   */
  private List<Peer> parts(Peer peer, boolean source) {
    if (!peer.isExternal()) return List.of(peer);
    return engine.pieces(peer.range().orElseThrow(), source).stream().map(Peer::external).toList();
  }

  /** The pod classes of a workload, or a single null for an external peer. */
  private List<Integer> classes(Peer peer) {
    if (peer.isExternal()) return java.util.Collections.singletonList(null);
    return engine.classesOf(peer).orElseThrow(() -> new IllegalArgumentException("no workload " + peer));
  }

  /**
   * The peer that {@code text} names: {@code namespace/name[Kind]}, {@code namespace/name} when only one kind has
   * that name, or an IPv4 address or CIDR outside the cluster.
   *
   * @throws IllegalArgumentException when nothing, or more than one workload, matches
   */
  public Peer peer(String text) {
    String t = text.trim();
    if (!t.contains("/") || t.matches("[0-9.]+/\\d+")) {
      try {
        return Peer.external(t.contains("/") ? Ipv4Range.ofCidr(t) : Ipv4Range.ofAddress(t));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + text + "' is neither namespace/name nor an IPv4 address", e);
      }
    }
    List<Peer> matches = peersByName.getOrDefault(t, List.of());
    if (matches.size() == 1) return matches.get(0);
    if (matches.isEmpty()) {
      String ns = t.substring(0, t.indexOf('/'));
      List<String> inNamespace = workloads().stream().filter(p -> p.namespace().equals(ns)).map(Peer::toString)
          .limit(10).collect(Collectors.toList());
      throw new IllegalArgumentException("no workload '" + text + "'"
          + (inNamespace.isEmpty() ? "; namespace " + ns + " has none" : "; " + ns + " has " + inNamespace));
    }
    throw new IllegalArgumentException("'" + text + "' is ambiguous: " + matches + "; add the kind in brackets");
  }

  /** The connections that {@code after} adds, removes or changes compared with this analyzer's input. */
  public ConnectivityDiff diff(ReachabilityAnalyzer after) {
    return ConnectivityDiff.between(this, after);
  }

  /** The workloads that accept traffic from any namespace or from outside the cluster, and may send there. */
  public ExposureReport exposure() {
    return ExposureReport.of(engine, connectivity());
  }
}
