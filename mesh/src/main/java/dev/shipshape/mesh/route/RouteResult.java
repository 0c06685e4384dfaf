package dev.shipshape.mesh.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a request goes in the mesh, worked out offline by {@link MeshRouter}: the port it is sent to, the
 * VirtualService and rule that match (if any), each destination with its weight, subset, port and pods, and the mTLS
 * mode of the destination's workloads. Immutable; {@link #toText()} and {@link #toJson()} render it.
 */
public final class RouteResult {
  /** A destination's weight as written and the percentage of requests it gets. */
  record Share(int weight, double percent) {}

  /** One destination of the matching route. */
  public static final class Destination {
    private final String host;
    private final String subset;
    private final int port;
    private final int weight;
    private final double percent;
    private final List<String> pods;
    private final String mtlsMode;
    private final List<String> blocked;

    Destination(String host, String subset, int port, Share share, List<String> pods, String mtlsMode,
        List<String> blocked) {
      this.host = host;
      this.subset = subset;
      this.port = port;
      this.weight = share.weight();
      this.percent = share.percent();
      this.pods = List.copyOf(pods);
      this.mtlsMode = mtlsMode;
      this.blocked = List.copyOf(blocked);
    }

    /**
     * The connections from the client to this destination's pods that NetworkPolicies deny, one line each with the
     * workload, the port and the policies; empty when all are allowed or no client was given.
     */
    public List<String> blocked() {
      return blocked;
    }

    /** The fully qualified name of the destination's host, such as {@code web.shop.svc.cluster.local}. */
    public String host() {
      return host;
    }

    /** The subset, or the empty string for the whole Service. */
    public String subset() {
      return subset;
    }

    /**
     * The port of the host the requests go to: the route's {@code port.number}, else the only port of the host's
     * Service, else the request's port; empty when none of them is known.
     */
    public OptionalInt port() {
      return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /**
     * The weight as the VirtualService gives it; when unset, 100 for the only destination of a route (and for a
     * request that no VirtualService routes), else 0. Weights are relative and need not total 100:
     * {@link #percent()} is the share of requests a destination gets.
     */
    public int weight() {
      return weight;
    }

    /**
     * The percentage of matching requests this destination gets: its weight divided by the total of the route's
     * positive weights, as Envoy splits them; 100 for the only destination of a route, whatever its weight, and 0
     * for a weight of 0 (or unset) beside others.
     */
    public double percent() {
      return percent;
    }

    /** The workloads (kind namespace/name) whose pods serve it. */
    public List<String> pods() {
      return pods;
    }

    /** STRICT, PERMISSIVE or DISABLE, from the PeerAuthentications that apply (Istio's default: PERMISSIVE). */
    public String mtlsMode() {
      return mtlsMode;
    }
  }

  private final String host;
  private final int port;
  private final String rule;
  private final List<Destination> destinations;
  private final List<String> notes;
  private final Optional<String> client;

  RouteResult(String host, int port, String rule, List<Destination> destinations, List<String> notes,
      Optional<String> client) {
    this.host = host;
    this.port = port;
    this.rule = rule;
    this.destinations = List.copyOf(destinations);
    this.notes = List.copyOf(notes);
    this.client = client;
  }

  /** The client workload whose connections were checked against NetworkPolicies; empty when none was given. */
  public Optional<String> client() {
    return client;
  }

  /** True when a NetworkPolicy blocks the client from a destination that receives a share of the requests. */
  public boolean blocked() {
    return destinations.stream().anyMatch(d -> d.percent > 0 && !d.blocked.isEmpty());
  }

  /** The fully qualified name of the host the request is sent to, such as {@code web.shop.svc.cluster.local}. */
  public String host() {
    return host;
  }

  /**
   * The port of the host the request is sent to: the one given, else the only port of the host's Service; empty
   * when neither is known (a Service with several ports, none given: matches that name a port matched nothing).
   */
  public OptionalInt port() {
    return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /** The VirtualService and rule that matched, such as {@code VirtualService shop/web rule "beta"}. */
  public String rule() {
    return rule;
  }

  public List<Destination> destinations() {
    return destinations;
  }

  /** Problems on the way, such as a subset that selects no pod. */
  public List<String> notes() {
    return notes;
  }

  public String toText() {
    StringBuilder out = new StringBuilder("request to ").append(host).append(client.map(c -> " from " + c).orElse(""))
        .append(": ").append(rule).append('\n')
        .append("  port: ").append(port == 0 ? "none given" : String.valueOf(port)).append('\n');
    for (Destination d : destinations) {
      out.append("  ").append(percent(d.percent)).append("% -> ").append(d.host)
          .append(d.subset.isEmpty() ? "" : " subset " + d.subset).append(" (mTLS ").append(d.mtlsMode).append(")")
          .append(d.pods.isEmpty() ? ": no pods" : ": " + String.join(", ", d.pods)).append('\n');
      if (d.weight != d.percent) out.append("    weight ").append(d.weight).append('\n');
      if (d.port != 0) out.append("    to port ").append(d.port).append('\n');
      for (String b : d.blocked) out.append("    BLOCKED ").append(b).append('\n');
    }
    if (client.isEmpty()) out.append("  NetworkPolicies not checked: no client workload given\n");
    for (String n : notes) out.append("  note: ").append(n).append('\n');
    return out.toString();
  }

  public String toJson() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode().put("host", host).put("rule", rule);
    if (port != 0) root.put("port", port);
    client.ifPresent(c -> root.put("from", c));
    ArrayNode list = root.putArray("destinations");
    for (Destination d : destinations) {
      ObjectNode n = list.addObject().put("host", d.host).put("subset", d.subset).put("weight", d.weight)
          .put("percent", d.percent).put("mtls", d.mtlsMode);
      if (d.port != 0) n.put("port", d.port);
      d.pods.forEach(n.putArray("workloads")::add);
      d.blocked.forEach(n.putArray("blocked")::add);
    }
    notes.forEach(root.putArray("notes")::add);
    try {
      return json.writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A percentage with at most two decimals, such as 25, 33.33 or 0.5. */
  private static String percent(double percent) {
    return java.math.BigDecimal.valueOf(percent).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  @Override
  public String toString() {
    return toText();
  }
}
