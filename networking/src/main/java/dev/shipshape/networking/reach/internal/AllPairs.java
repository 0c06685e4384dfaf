package dev.shipshape.networking.reach.internal;

import dev.shipshape.networking.reach.Connection;
import dev.shipshape.networking.reach.ConnectionSet;
import dev.shipshape.networking.reach.Ipv4Range;
import dev.shipshape.networking.reach.Peer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every allowed connection between workloads, and between workloads and external address ranges.
 *
 * <p>Cost: each rule is applied once per pod class it protects, to the bitset of classes its peers match, so the
 * work grows with {@code policies × classes}; combining both sides is {@code classes²}, with replicas folded into
 * one class. External ranges are the pieces that the edges of every ipBlock (one set per direction) cut the IPv4
 * space into, so that each piece is wholly inside or outside every block.
 */
public final class AllPairs {
  private final ReachEngine engine;
  private final List<PodClass> classes;
  private final int n;

  public AllPairs(ReachEngine engine) {
    this.engine = engine;
    this.classes = engine.topology.classes;
    this.n = classes.size();
  }

  /**
   * The connection list, sorted by source then destination text, self-connections left out.
   *
   * @param ingressEdges ranges whose edges cut the external sources (at least the ingress ipBlocks)
   * @param egressEdges ranges whose edges cut the external destinations
   */
  public List<Connection> connections(List<Ipv4Range> ingressEdges, List<Ipv4Range> egressEdges) {
    List<Ipv4Range> sourcesOutside = IpMath.pieces(ingressEdges);
    List<Ipv4Range> destinationsOutside = IpMath.pieces(egressEdges);
    List<Peer> peers = new ArrayList<>(engine.topology.workloads.keySet());
    int w = peers.size();
    int[][] workloadsOfClass = workloadsOfClass(peers);

    ConnectionSet[] ingressBase = new ConnectionSet[n];
    ConnectionSet[][] ingressRows = new ConnectionSet[n][];
    ConnectionSet[][] fromOutside = new ConnectionSet[n][];
    for (int d = 0; d < n; d++) ingressRow(d, sourcesOutside, ingressBase, ingressRows, fromOutside);

    ConnectionSet[][] between = new ConnectionSet[w][w];
    ConnectionSet[][] toOutside = new ConnectionSet[n][];
    ConnectionSet[] egressRow = new ConnectionSet[n];
    for (int s = 0; s < n; s++) {
      ConnectionSet egressBase = egressRow(s, egressRow, destinationsOutside, toOutside);
      for (int d = 0; d < n; d++) {
        ConnectionSet out = egressBase == null ? ConnectionSet.ALL : orNone(egressRow[d]).union(egressBase);
        if (out.isEmpty()) continue;
        ConnectionSet in = ingressRows[d] == null ? ConnectionSet.ALL
            : orNone(ingressRows[d][s]).union(ingressBase[d]);
        ConnectionSet allowed = out.intersect(in);
        if (allowed.isEmpty()) continue;
        for (int ws : workloadsOfClass[s]) {
          for (int wd : workloadsOfClass[d]) {
            if (ws != wd) between[ws][wd] = between[ws][wd] == null ? allowed : between[ws][wd].union(allowed);
          }
        }
      }
    }

    List<Connection> result = new ArrayList<>();
    for (int ws = 0; ws < w; ws++) {
      for (int wd = 0; wd < w; wd++) {
        if (between[ws][wd] != null) result.add(new Connection(peers.get(ws), peers.get(wd), between[ws][wd]));
      }
    }
    List<List<Integer>> members = new ArrayList<>(engine.topology.workloads.values());
    for (int i = 0; i < w; i++) {
      for (int k = 0; k < sourcesOutside.size(); k++) {
        ConnectionSet in = ConnectionSet.NONE;
        for (int c : members.get(i)) in = in.union(fromOutside[c][k]);
        if (!in.isEmpty()) result.add(new Connection(Peer.external(sourcesOutside.get(k)), peers.get(i), in));
      }
      for (int k = 0; k < destinationsOutside.size(); k++) {
        ConnectionSet out = ConnectionSet.NONE;
        for (int c : members.get(i)) out = out.union(toOutside[c][k]);
        if (!out.isEmpty()) result.add(new Connection(peers.get(i), Peer.external(destinationsOutside.get(k)), out));
      }
    }
    result.sort(Comparator.comparing((Connection c) -> c.source().toString())
        .thenComparing(c -> c.destination().toString()));
    return result;
  }

  private int[][] workloadsOfClass(List<Peer> peers) {
    List<List<Integer>> perClass = new ArrayList<>(n);
    for (int c = 0; c < n; c++) perClass.add(new ArrayList<>(1));
    int i = 0;
    for (Map.Entry<Peer, List<Integer>> e : engine.topology.workloads.entrySet()) {
      for (int c : e.getValue()) perClass.get(c).add(i);
      i++;
    }
    int[][] out = new int[n][];
    for (int c = 0; c < n; c++) out[c] = perClass.get(c).stream().mapToInt(Integer::intValue).toArray();
    return out;
  }

  /** What {@code d}'s ingress policies allow from each class (a base for all, plus per-class additions). */
  private void ingressRow(int d, List<Ipv4Range> outside, ConnectionSet[] base, ConnectionSet[][] rows,
      ConnectionSet[][] fromOutside) {
    List<CompiledPolicy> selecting = engine.ingressPolicies.get(d);
    fromOutside[d] = new ConnectionSet[outside.size()];
    if (selecting == null) {
      java.util.Arrays.fill(fromOutside[d], ConnectionSet.ALL);
      return;
    }
    java.util.Arrays.fill(fromOutside[d], ConnectionSet.NONE);
    ConnectionSet[] row = new ConnectionSet[n];
    ConnectionSet all = ConnectionSet.NONE;
    for (CompiledPolicy p : selecting) {
      for (CompiledRule r : p.ingress()) {
        ConnectionSet ports = r.portsOn(classes.get(d));
        if (ports.isEmpty()) continue;
        if (r.anyPeer) all = all.union(ports);
        else addTo(row, r.pods, ports);
        for (int k = 0; k < outside.size(); k++) {
          if (r.matchesExternal(outside.get(k))) fromOutside[d][k] = fromOutside[d][k].union(ports);
        }
      }
    }
    base[d] = all;
    rows[d] = row;
  }

  /**
   * Fills {@code row} with what {@code s}'s egress policies allow towards each class; returns what they allow
   * towards every class, or null when no policy isolates {@code s} for egress.
   */
  private ConnectionSet egressRow(int s, ConnectionSet[] row, List<Ipv4Range> outside, ConnectionSet[][] toOutside) {
    List<CompiledPolicy> selecting = engine.egressPolicies.get(s);
    toOutside[s] = new ConnectionSet[outside.size()];
    if (selecting == null) {
      java.util.Arrays.fill(toOutside[s], ConnectionSet.ALL);
      return null;
    }
    java.util.Arrays.fill(toOutside[s], ConnectionSet.NONE);
    java.util.Arrays.fill(row, null);
    ConnectionSet all = ConnectionSet.NONE;
    for (CompiledPolicy p : selecting) {
      for (CompiledRule r : p.egress()) {
        if (r.dependsOnDestination()) {
          // Named ports resolve against each destination pod's own container ports.
          BitSet targets = r.anyPeer ? everyClass() : r.pods;
          for (int d = targets.nextSetBit(0); d >= 0; d = targets.nextSetBit(d + 1)) {
            row[d] = orNone(row[d]).union(r.portsOn(classes.get(d)));
          }
        } else {
          ConnectionSet ports = r.portsOn(null);
          if (ports.isEmpty()) continue;
          if (r.anyPeer) all = all.union(ports);
          else addTo(row, r.pods, ports);
        }
        ConnectionSet external = r.portsOn(null);
        for (int k = 0; k < outside.size(); k++) {
          if (r.matchesExternal(outside.get(k))) toOutside[s][k] = toOutside[s][k].union(external);
        }
      }
    }
    return all;
  }

  private BitSet everyClass() {
    BitSet all = new BitSet(n);
    all.set(0, n);
    return all;
  }

  private static void addTo(ConnectionSet[] row, BitSet targets, ConnectionSet ports) {
    for (int c = targets.nextSetBit(0); c >= 0; c = targets.nextSetBit(c + 1)) {
      row[c] = row[c] == null ? ports : row[c].union(ports);
    }
  }

  private static ConnectionSet orNone(ConnectionSet c) {
    return c == null ? ConnectionSet.NONE : c;
  }
}
