package dev.shipshape.networking.reach;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.shipshape.networking.reach.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a change of manifests or policies would open or close: the connections added, removed or changed between
 * a "before" and an "after" input. External ranges of both inputs are cut at the same edges, so that a range that
 * is one peer in one input and two in the other compares piece by piece.
 *
 * @param entries the differences, sorted by source then destination
 */
public record ConnectivityDiff(List<Entry> entries) {

  public ConnectivityDiff {
    entries = List.copyOf(entries);
  }

  /** The kind of difference. */
  public enum Change {
    /** Allowed after, nothing allowed before. */
    ADDED,
    /** Allowed before, nothing allowed after. */
    REMOVED,
    /** Allowed in both, but not the same connections. */
    CHANGED
  }

  /**
   * One pair whose allowed connections differ.
   *
   * @param change added, removed or changed
   * @param source where connections start
   * @param destination where they go
   * @param before what was allowed, {@link ConnectionSet#NONE} if nothing
   * @param after what is allowed, {@link ConnectionSet#NONE} if nothing
   */
  public record Entry(Change change, Peer source, Peer destination, ConnectionSet before, ConnectionSet after) {
    /** {@code diff-type: changed, source: …, destination: …, dir1: TCP 80, dir2: All Connections}. */
    @Override
    public String toString() {
      return "diff-type: " + change.name().toLowerCase(Locale.ROOT) + ", source: " + source + ", destination: "
          + destination + ", dir1: " + before + ", dir2: " + after;
    }
  }

  static ConnectivityDiff between(ReachabilityAnalyzer before, ReachabilityAnalyzer after) {
    List<Ipv4Range> in = new ArrayList<>(before.ingressBlocks());
    in.addAll(after.ingressBlocks());
    List<Ipv4Range> out = new ArrayList<>(before.egressBlocks());
    out.addAll(after.egressBlocks());
    Map<String, Connection> old = index(before.connectivity(in, out));
    Map<String, Connection> now = index(after.connectivity(in, out));
    TreeMap<String, Entry> entries = new TreeMap<>();
    old.forEach((key, c) -> {
      Connection n = now.get(key);
      if (n == null) {
        entries.put(key, new Entry(Change.REMOVED, c.source(), c.destination(), c.allowed(), ConnectionSet.NONE));
      } else if (!n.allowed().equals(c.allowed())) {
        entries.put(key, new Entry(Change.CHANGED, c.source(), c.destination(), c.allowed(), n.allowed()));
      }
    });
    now.forEach((key, n) -> {
      if (!old.containsKey(key)) {
        entries.put(key, new Entry(Change.ADDED, n.source(), n.destination(), ConnectionSet.NONE, n.allowed()));
      }
    });
    return new ConnectivityDiff(new ArrayList<>(entries.values()));
  }

  private static Map<String, Connection> index(ConnectivityReport report) {
    // The key sorts like the connection list: by source text, then destination text.
    return report.connections().stream().collect(Collectors.toMap(
        c -> c.source() + "\0" + c.destination(), c -> c, (a, b) -> a, TreeMap::new));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The entries of one kind. */
  public List<Entry> entries(Change change) {
    return entries.stream().filter(e -> e.change() == change).collect(Collectors.toList());
  }

  /** {@code Connectivity diff:} then one line per entry; {@code No connectivity changes} when there is none. */
  public String toText() {
    if (entries.isEmpty()) return "No connectivity changes\n";
    StringBuilder out = new StringBuilder("Connectivity diff:\n");
    for (Entry e : entries) out.append(e).append('\n');
    return out.toString();
  }

  /** A JSON array of {@code {"diff-type", "src", "dst", "dir1", "dir2"}} objects. */
  public String toJson() {
    ArrayNode array = Json.array();
    for (Entry e : entries) {
      array.addObject().put("diff-type", e.change().name().toLowerCase(Locale.ROOT))
          .put("src", e.source().toString()).put("dst", e.destination().toString())
          .put("dir1", e.before().toString()).put("dir2", e.after().toString());
    }
    return Json.write(array);
  }

  @Override
  public String toString() {
    return toText();
  }
}
