package dev.shipshape.networking.reach.internal;

import dev.shipshape.networking.reach.Connection;
import dev.shipshape.networking.reach.Peer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Graph renderings of a connection list: Graphviz DOT and Mermaid flowcharts, namespaces as clusters. */
public final class Graphs {
  private Graphs() {}

  /** A {@code digraph}: workloads grouped per namespace, external ranges as boxes, edges labelled. */
  public static String dot(List<Connection> connections) {
    Map<Peer, String> ids = ids(connections);
    StringBuilder out = new StringBuilder("digraph connectivity {\n  rankdir=LR;\n  node [shape=ellipse];\n");
    Map<String, StringBuilder> clusters = new LinkedHashMap<>();
    StringBuilder external = new StringBuilder();
    ids.forEach((peer, id) -> {
      if (peer.isExternal()) {
        external.append("  ").append(id).append(" [label=").append(quote(peer.toString()))
            .append(", shape=box, style=dashed];\n");
      } else {
        clusters.computeIfAbsent(peer.namespace(), ns -> new StringBuilder())
            .append("    ").append(id).append(" [label=").append(quote(peer.name() + "[" + peer.kind() + "]"))
            .append("];\n");
      }
    });
    int c = 0;
    for (Map.Entry<String, StringBuilder> e : clusters.entrySet()) {
      out.append("  subgraph cluster_").append(c++).append(" {\n    label=").append(quote(e.getKey()))
          .append(";\n").append(e.getValue()).append("  }\n");
    }
    out.append(external);
    for (Connection conn : connections) {
      out.append("  ").append(ids.get(conn.source())).append(" -> ").append(ids.get(conn.destination()))
          .append(" [label=").append(quote(conn.allowed().toString())).append("];\n");
    }
    return out.append("}\n").toString();
  }

  /** A Mermaid {@code flowchart LR} with one subgraph per namespace. */
  public static String mermaid(List<Connection> connections) {
    Map<Peer, String> ids = ids(connections);
    StringBuilder out = new StringBuilder("flowchart LR\n");
    Map<String, StringBuilder> namespaces = new LinkedHashMap<>();
    ids.forEach((peer, id) -> {
      if (peer.isExternal()) {
        out.append("  ").append(id).append("[/\"").append(mermaidText(peer.toString())).append("\"/]\n");
      } else {
        namespaces.computeIfAbsent(peer.namespace(), ns -> new StringBuilder()).append("    ").append(id)
            .append("([\"").append(mermaidText(peer.name() + "[" + peer.kind() + "]")).append("\"])\n");
      }
    });
    int n = 0;
    for (Map.Entry<String, StringBuilder> e : namespaces.entrySet()) {
      out.append("  subgraph ns").append(n++).append("[\"").append(mermaidText(e.getKey())).append("\"]\n")
          .append(e.getValue()).append("  end\n");
    }
    for (Connection conn : connections) {
      out.append("  ").append(ids.get(conn.source())).append(" -->|\"").append(mermaidText(conn.allowed().toString()))
          .append("\"| ").append(ids.get(conn.destination())).append('\n');
    }
    return out.toString();
  }

  /** Stable node ids, {@code p0, p1, …}, in peer text order. */
  private static Map<Peer, String> ids(List<Connection> connections) {
    TreeSet<Peer> peers = new TreeSet<>();
    for (Connection c : connections) {
      peers.add(c.source());
      peers.add(c.destination());
    }
    Map<Peer, String> ids = new LinkedHashMap<>();
    for (Peer p : peers) ids.put(p, "p" + ids.size());
    return ids;
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String mermaidText(String s) {
    return s.replace("\"", "#quot;");
  }
}
