package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * How a {@link TrafficPolicy} spreads requests over a Service's pods ({@code trafficPolicy.loadBalancer} of Istio's
 * DestinationRule): a simple policy (round robin, least request, random) or consistent hashing on a header, a
 * cookie, a query parameter or the source IP, for session affinity, with Envoy's ring hash or Maglev; and where
 * requests go by locality (region, zone, subzone of the pods).
 *
 * <pre>{@code
 * LoadBalancer.consistentHashByCookie("session", "3600s", "/").maglev(65537)
 * LoadBalancer.leastRequest().localityFailover("us-east1", "us-west1")
 * LoadBalancer.roundRobin().localityDistribute("us-east1/*", Map.of("us-east1/*", 80, "us-west1/*", 20))
 * }</pre>
 *
 * <p>By default, Istio's choices: least request, Envoy's ring size or Maglev table size, and locality
 * load balancing as the mesh configures it. Planning checks the settings as Istio's validation does (a Maglev table
 * size is a prime below 5000011, locality weights sum to 100, failover needs outlier detection, which
 * {@link TrafficPolicy#outlierDetection(OutlierDetection)} gives). Immutable: each call returns a new value.
 */
public final class LoadBalancer {
  private final ObjectNode tree;

  private LoadBalancer(ObjectNode tree) {
    this.tree = tree;
  }

  private static LoadBalancer simple(String policy) {
    ObjectNode tree = JsonTrees.empty();
    tree.put("simple", policy);
    return new LoadBalancer(tree);
  }

  private static LoadBalancer hash(Consumer<ObjectNode> key) {
    ObjectNode tree = JsonTrees.empty();
    key.accept(tree.putObject("consistentHash"));
    return new LoadBalancer(tree);
  }

  /** Each pod in turn. */
  public static LoadBalancer roundRobin() {
    return simple("ROUND_ROBIN");
  }

  /** Favours the pods with the fewest outstanding requests; Istio's default. */
  public static LoadBalancer leastRequest() {
    return simple("LEAST_REQUEST");
  }

  /** A pod picked at random. */
  public static LoadBalancer random() {
    return simple("RANDOM");
  }

  /** Requests with the same value of this HTTP header go to the same pod. */
  public static LoadBalancer consistentHashByHeader(String header) {
    String name = Objects.requireNonNull(header, "header == null");
    return hash(h -> h.put("httpHeaderName", name));
  }

  /**
   * Requests with the same cookie go to the same pod; the proxy sets the cookie when a request has none, valid for
   * {@code ttl} ({@code 0s} makes a session cookie), for every path.
   */
  public static LoadBalancer consistentHashByCookie(String cookie, String ttl) {
    return consistentHashByCookie(cookie, ttl, null);
  }

  /**
   * Requests with the same cookie go to the same pod; the proxy sets the cookie when a request has none, valid for
   * {@code ttl} ({@code 0s} makes a session cookie) and for the URL path {@code path} (such as {@code /shop}).
   */
  public static LoadBalancer consistentHashByCookie(String cookie, String ttl, String path) {
    String name = Objects.requireNonNull(cookie, "cookie == null");
    String time = Objects.requireNonNull(ttl, "ttl == null");
    return hash(h -> {
      ObjectNode c = h.putObject("httpCookie").put("name", name).put("ttl", time);
      if (path != null) c.put("path", path);
    });
  }

  /** Requests with the same value of this URL query parameter go to the same pod. */
  public static LoadBalancer consistentHashByQueryParameter(String parameter) {
    String name = Objects.requireNonNull(parameter, "parameter == null");
    return hash(h -> h.put("httpQueryParameterName", name));
  }

  /** Requests from the same client IP go to the same pod. */
  public static LoadBalancer consistentHashBySourceIp() {
    return hash(h -> h.put("useSourceIp", true));
  }

  /**
   * Consistent hashing with Envoy's ring hash of at least {@code minimumRingSize} entries
   * ({@code consistentHash.ringHash.minimumRingSize}; 0 keeps Envoy's 1024): a larger ring spreads keys more evenly.
   * Only for consistent hashing.
   */
  public LoadBalancer ringHash(long minimumRingSize) {
    return with(t -> t.with("consistentHash").putObject("ringHash").put("minimumRingSize", minimumRingSize));
  }

  /**
   * Consistent hashing with Maglev and a lookup table of {@code tableSize} entries, a prime below 5000011 such as
   * Envoy's default 65537 ({@code consistentHash.maglev.tableSize}): fewer keys move when pods come and go. Only for
   * consistent hashing.
   */
  public LoadBalancer maglev(long tableSize) {
    return with(t -> t.with("consistentHash").putObject("maglev").put("tableSize", tableSize));
  }

  /**
   * When the pods of region {@code fromRegion} are unhealthy, requests from there go to region {@code toRegion}
   * ({@code localityLbSetting.failover}). Failover needs outlier detection to tell unhealthy pods. Adds to the
   * failovers given before.
   */
  public LoadBalancer localityFailover(String fromRegion, String toRegion) {
    String from = Objects.requireNonNull(fromRegion, "fromRegion == null");
    String to = Objects.requireNonNull(toRegion, "toRegion == null");
    return with(t -> t.with("localityLbSetting").withArray("failover").addObject().put("from", from).put("to", to));
  }

  /**
   * Fails over by the pods' labels, in order of priority, rather than by region
   * ({@code localityLbSetting.failoverPriority}), such as {@code topology.istio.io/network}.
   */
  public LoadBalancer localityFailoverPriority(String... labels) {
    List<String> all = List.of(Objects.requireNonNull(labels, "labels == null"));
    return with(t -> {
      ArrayNode list = t.with("localityLbSetting").putArray("failoverPriority");
      all.forEach(list::add);
    });
  }

  /**
   * Requests from locality {@code from} ({@code region/zone/subzone}, a trailing {@code *} for all below) go to the
   * localities of {@code weights}, each with its percentage of the requests, together 100
   * ({@code localityLbSetting.distribute}). Adds to the distributions given before.
   */
  public LoadBalancer localityDistribute(String from, Map<String, Integer> weights) {
    String source = Objects.requireNonNull(from, "from == null");
    Map<String, Integer> to = new TreeMap<>(Objects.requireNonNull(weights, "weights == null"));
    return with(t -> {
      ObjectNode entry = t.with("localityLbSetting").withArray("distribute").addObject().put("from", source);
      ObjectNode targets = entry.putObject("to");
      to.forEach(targets::put);
    });
  }

  private LoadBalancer with(Consumer<ObjectNode> change) {
    return new LoadBalancer(JsonTrees.changed(tree, change));
  }

  /** The settings as Istio's {@code loadBalancer} field, a fresh copy. */
  ObjectNode toTree() {
    return tree.deepCopy();
  }

  /** What Istio's validation does not check but a hash key needs: a name. */
  List<Problem> problems(ResourceRef ref) {
    JsonNode hash = tree.path("consistentHash");
    for (String key : new String[] {"httpHeaderName", "httpQueryParameterName"}) {
      if (hash.has(key) && hash.path(key).asText().isBlank()) {
        return List.of(Problem.error(ref, "spec.trafficPolicy.loadBalancer.consistentHash." + key,
            "the hash key is blank", "name the header or query parameter to hash on"));
      }
    }
    return List.of();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LoadBalancer b && b.tree.equals(tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  @Override
  public String toString() {
    return "LoadBalancer" + tree;
  }
}
