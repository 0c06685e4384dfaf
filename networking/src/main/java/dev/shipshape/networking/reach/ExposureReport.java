package dev.shipshape.networking.reach;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.networking.reach.internal.Json;
import dev.shipshape.networking.reach.internal.ReachEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which workloads are exposed: those that accept traffic from any pod of any namespace (including namespaces that
 * do not exist yet) or from addresses outside the cluster, and those that may send there.
 *
 * @param ingress what each workload accepts from everywhere, sorted by workload
 * @param egress what each workload may send everywhere, sorted by workload
 */
public record ExposureReport(List<Entry> ingress, List<Entry> egress) {
  /** The text used for "any pod in any namespace". */
  public static final String ENTIRE_CLUSTER = "entire-cluster";

  public ExposureReport {
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  /**
   * One exposure.
   *
   * @param workload the exposed workload
   * @param external the outside range, or empty for any pod of any namespace
   * @param allowed what is allowed
   */
  public record Entry(Peer workload, Optional<Peer> external, ConnectionSet allowed) {
    /** {@link #ENTIRE_CLUSTER} or the external range. */
    public String scope() {
      return external.map(Peer::toString).orElse(ENTIRE_CLUSTER);
    }
  }

  static ExposureReport of(ReachEngine engine, ConnectivityReport connectivity) {
    List<Entry> in = new ArrayList<>();
    List<Entry> out = new ArrayList<>();
    for (Peer w : engine.topology().peers()) {
      ConnectionSet fromAll = ConnectionSet.NONE;
      ConnectionSet toAll = ConnectionSet.NONE;
      for (int c : engine.classesOf(w).orElseThrow()) {
        fromAll = fromAll.union(engine.anyPodAnywhere(c, true));
        toAll = toAll.union(engine.anyPodAnywhere(c, false));
      }
      if (!fromAll.isEmpty()) in.add(new Entry(w, Optional.empty(), fromAll));
      if (!toAll.isEmpty()) out.add(new Entry(w, Optional.empty(), toAll));
    }
    for (Connection c : connectivity.connections()) {
      if (c.source().isExternal()) in.add(new Entry(c.destination(), Optional.of(c.source()), c.allowed()));
      if (c.destination().isExternal()) out.add(new Entry(c.source(), Optional.of(c.destination()), c.allowed()));
    }
    java.util.Comparator<Entry> order = java.util.Comparator.comparing((Entry e) -> e.workload().toString())
        .thenComparing(Entry::scope);
    in.sort(order);
    out.sort(order);
    return new ExposureReport(in, out);
  }

  /** Egress exposure, then ingress exposure, one line per entry: {@code workload => scope : connections}. */
  public String toText() {
    StringBuilder text = new StringBuilder("Exposure Analysis Result:\nEgress Exposure:\n");
    for (Entry e : egress) text.append(e.workload()).append(" => ").append(e.scope()).append(" : ")
        .append(e.allowed()).append('\n');
    text.append("\nIngress Exposure:\n");
    for (Entry e : ingress) text.append(e.workload()).append(" <= ").append(e.scope()).append(" : ")
        .append(e.allowed()).append('\n');
    return text.toString();
  }

  /** {@code {"egress": [...], "ingress": [...]}} with {@code workload}, {@code scope} and {@code conn}. */
  public String toJson() {
    ObjectNode root = Json.object();
    fill(root.putArray("egress"), egress);
    fill(root.putArray("ingress"), ingress);
    return Json.write(root);
  }

  private static void fill(ArrayNode array, List<Entry> entries) {
    for (Entry e : entries) {
      array.addObject().put("workload", e.workload().toString()).put("scope", e.scope())
          .put("conn", e.allowed().toString());
    }
  }

  @Override
  public String toString() {
    return toText();
  }
}
