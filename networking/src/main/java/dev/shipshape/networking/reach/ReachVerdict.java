package dev.shipshape.networking.reach;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.reach.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer to "can {@code source} reach {@code destination} on this port?", with why: the source's egress side
 * and the destination's ingress side, each with the policies that select it and the rules that match.
 *
 * @param source where the connection starts
 * @param destination where it goes
 * @param protocol the protocol asked about
 * @param port the port asked about; empty when the question is about every port
 * @param egress what the source's egress policies allow towards the destination
 * @param ingress what the destination's ingress policies allow from the source
 */
public record ReachVerdict(Peer source, Peer destination, Protocol protocol, Optional<Integer> port,
    SideVerdict egress, SideVerdict ingress) {

  /** Everything allowed between the two: the overlap of both sides. */
  public ConnectionSet allowedConnections() {
    return egress.allowed().intersect(ingress.allowed());
  }

  /** True when the connection asked about is allowed (any port of the protocol when no port was given). */
  public boolean allowed() {
    ConnectionSet both = allowedConnections();
    return port.map(p -> both.allows(protocol, p)).orElseGet(() -> !both.ports(protocol).isEmpty());
  }

  /** Why, one line per fact: the verdict, then the egress side, then the ingress side. */
  public List<String> explanation() {
    List<String> lines = new ArrayList<>();
    String what = port.map(p -> protocol + " " + p).orElse(protocol + " (any port)");
    lines.add(source + " => " + destination + " " + what + ": " + (allowed() ? "ALLOWED" : "DENIED"));
    lines.addAll(describe("egress of " + source, egress, port.isPresent()));
    lines.addAll(describe("ingress of " + destination, ingress, port.isPresent()));
    lines.add("allowed between them: " + allowedConnections());
    return lines;
  }

  private List<String> describe(String side, SideVerdict verdict, boolean specificPort) {
    List<String> lines = new ArrayList<>();
    if (!verdict.isolated()) {
      lines.add("  " + side + ": not isolated (no NetworkPolicy selects it for this direction), all allowed");
      return lines;
    }
    lines.add("  " + side + ": isolated by " + String.join(", ", verdict.selectingPolicies()));
    if (verdict.matchingRules().isEmpty()) {
      lines.add("    no rule of these policies matches the other end, so nothing is allowed");
    }
    for (RuleMatch m : verdict.matchingRules()) {
      boolean covers = specificPort ? m.allowed().allows(protocol, port.get()) : !m.allowed().ports(protocol)
          .isEmpty();
      lines.add("    " + m + (covers ? "" : " (not " + protocol + port.map(p -> " " + p).orElse("") + ")"));
    }
    return lines;
  }

  /** The explanation as text, one line each. */
  public String toText() {
    return String.join("\n", explanation()) + "\n";
  }

  /** The verdict as a JSON object. */
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("src", source.toString()).put("dst", destination.toString()).put("protocol", protocol.name());
    port.ifPresent(p -> root.put("port", p));
    root.put("allowed", allowed()).put("conn", allowedConnections().toString());
    side(root.putObject("egress"), egress);
    side(root.putObject("ingress"), ingress);
    return Json.write(root);
  }

  private static void side(ObjectNode node, SideVerdict verdict) {
    node.put("isolated", verdict.isolated()).put("conn", verdict.allowed().toString());
    ArrayNode policies = node.putArray("policies");
    verdict.selectingPolicies().forEach(policies::add);
    ArrayNode rules = node.putArray("rules");
    for (RuleMatch m : verdict.matchingRules()) {
      rules.addObject().put("policy", m.policy()).put("field", m.field()).put("conn", m.allowed().toString());
    }
  }

  @Override
  public String toString() {
    return explanation().get(0);
  }
}
