package dev.shipshape.networking.reach;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.shipshape.networking.reach.internal.Graphs;
import dev.shipshape.networking.reach.internal.Json;
import java.util.List;

/**
 * Every allowed connection between workloads, and between workloads and address ranges outside the cluster,
 * sorted by source then destination text. Self-connections and pairs with nothing allowed are left out.
 *
 * @param connections the connections, in order
 */
public record ConnectivityReport(List<Connection> connections) {

  public ConnectivityReport {
    connections = List.copyOf(connections);
  }

  /** The allowed connections from {@code source} to {@code destination}, {@link ConnectionSet#NONE} if none. */
  public ConnectionSet between(Peer source, Peer destination) {
    return connections.stream()
        .filter(c -> c.source().equals(source) && c.destination().equals(destination))
        .map(Connection::allowed).findFirst().orElse(ConnectionSet.NONE);
  }

  /** One line per connection, {@code src => dst : connections}, each ending with a newline. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    for (Connection c : connections) out.append(c).append('\n');
    return out.toString();
  }

  /** A JSON array of {@code {"src", "dst", "conn"}} objects holding the same strings as the text. */
  public String toJson() {
    ArrayNode array = Json.array();
    for (Connection c : connections) {
      array.addObject().put("src", c.source().toString()).put("dst", c.destination().toString())
          .put("conn", c.allowed().toString());
    }
    return Json.write(array);
  }

  /** A Graphviz DOT graph: namespaces as clusters, one labelled edge per connection. */
  public String toDot() {
    return Graphs.dot(connections);
  }

  /** A Mermaid flowchart: namespaces as subgraphs, one labelled edge per connection. */
  public String toMermaid() {
    return Graphs.mermaid(connections);
  }

  /** The rendering in {@code format}. */
  public String render(ReportFormat format) {
    switch (format) {
      case JSON:
        return toJson();
      case DOT:
        return toDot();
      case MERMAID:
        return toMermaid();
      default:
        return toText();
    }
  }

  @Override
  public String toString() {
    return toText();
  }
}
