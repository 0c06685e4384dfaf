package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.GoDuration;
import java.time.Duration;

/**
 * The rules of Istio's validation of a DestinationRule's traffic policy ({@code validateTrafficPolicy} in istio/istio
 * {@code pkg/config/validation}), over a policy as a tree: at least one setting; connection pool limits not
 * negative and its durations valid; outlier detection durations valid, ejection and health percentages from 0 to
 * 100, local-origin failures only when split from external errors, {@code consecutiveErrors} deprecated; a cookie to
 * hash on has a name, {@code minimumRingSize} is deprecated and excludes {@code ringHash} and {@code maglev}, a
 * Maglev table size is a prime below 5000011, a warmup has a duration; {@code tunnel} and {@code proxyProtocol}
 * exclude each other; each port-level policy has a port and a setting. Durations are Go durations of at least 1 ms
 * and whole milliseconds, as Istio's {@code ValidateDuration} requires.
 */
final class TrafficPolicyRules {
  private static final String[] SETTINGS = {"outlierDetection", "connectionPool", "loadBalancer", "tls",
      "portLevelSettings", "tunnel", "proxyProtocol"};
  private static final String[] PORT_SETTINGS = {"outlierDetection", "connectionPool", "loadBalancer", "tls"};
  private static final int MAGLEV_MAX = 5000011;

  private TrafficPolicyRules() {}

  /** Checks the policy at {@code at} (such as {@code spec.trafficPolicy}); nothing when it is absent. */
  static void check(JsonNode policy, String at, RuleSink out) {
    if (!policy.isObject()) return;
    if (!hasAny(policy, SETTINGS)) {
      out.error(at, "traffic policy must have at least one field", "add a setting, or remove the empty policy");
      return;
    }
    if (policy.has("tunnel") && policy.has("proxyProtocol")) {
      out.error(at, "tunnel and proxyProtocol must not be set together", "keep one of them");
      return;
    }
    settings(policy, at, out);
    for (int i = 0; i < policy.path("portLevelSettings").size(); i++) {
      JsonNode port = policy.path("portLevelSettings").get(i);
      String field = at + ".portLevelSettings[" + i + "]";
      if (!port.path("port").isObject()) {
        out.error(field + ".port", "portTrafficPolicy must have valid port", "give port.number");
      }
      if (!hasAny(port, PORT_SETTINGS)) {
        out.error(field, "port traffic policy must have at least one field",
            "add connectionPool, outlierDetection, loadBalancer or tls, or remove the entry");
      } else {
        settings(port, field, out);
      }
    }
  }

  private static boolean hasAny(JsonNode node, String[] fields) {
    for (String f : fields) {
      if (node.has(f) && !node.path(f).isNull()) return true;
    }
    return false;
  }

  private static void settings(JsonNode policy, String at, RuleSink out) {
    outlierDetection(policy.path("outlierDetection"), at + ".outlierDetection", out);
    connectionPool(policy.path("connectionPool"), at + ".connectionPool", out);
    loadBalancer(policy.path("loadBalancer"), at + ".loadBalancer", out);
  }

  private static void outlierDetection(JsonNode outlier, String at, RuleSink out) {
    if (!outlier.isObject()) return;
    duration(outlier.path("baseEjectionTime"), at + ".baseEjectionTime", out);
    duration(outlier.path("interval"), at + ".interval", out);
    if (outlier.path("consecutiveErrors").asInt(0) != 0) {
      out.warning(at + ".consecutiveErrors", "outlier detection consecutive errors is deprecated, use "
          + "consecutiveGatewayErrors or consecutive5xxErrors instead", "write consecutive5xxErrors");
    }
    if (!outlier.path("splitExternalLocalOriginErrors").asBoolean(false)
        && outlier.path("consecutiveLocalOriginFailures").asInt(0) > 0) {
      out.error(at + ".consecutiveLocalOriginFailures", "outlier detection consecutive local origin failures is "
          + "specified, but split external local origin errors is set to false",
          "set splitExternalLocalOriginErrors: true, or remove consecutiveLocalOriginFailures");
    }
    for (String field : new String[] {"maxEjectionPercent", "minHealthPercent"}) {
      int value = outlier.path(field).asInt(0);
      if (value < 0 || value > 100) {
        out.error(at + "." + field, "percentage " + value + " is not in range 0..100", "give a percentage");
      }
    }
  }

  private static void connectionPool(JsonNode pool, String at, RuleSink out) {
    if (!pool.isObject()) return;
    if (!pool.has("http") && !pool.has("tcp")) {
      out.error(at, "connection pool must have at least one field", "add http or tcp limits, or remove it");
      return;
    }
    JsonNode http = pool.path("http");
    String[][] httpLimits = {{"http1MaxPendingRequests", "http1 max pending requests"},
        {"http2MaxRequests", "http2 max requests"}, {"maxRequestsPerConnection", "max requests per connection"},
        {"maxRetries", "max retries"}, {"maxConcurrentStreams", "max concurrent streams"}};
    for (String[] limit : httpLimits) nonNegative(http, limit[0], limit[1], at + ".http", out);
    duration(http.path("idleTimeout"), at + ".http.idleTimeout", out);
    if (http.path("h2UpgradePolicy").asText("").equals("UPGRADE") && http.path("useClientProtocol").asBoolean()) {
      out.error(at + ".http.useClientProtocol", "use client protocol must not be true when H2UpgradePolicy is "
          + "UPGRADE", "remove useClientProtocol, or the h2UpgradePolicy");
    }
    JsonNode tcp = pool.path("tcp");
    nonNegative(tcp, "maxConnections", "max connections", at + ".tcp", out);
    duration(tcp.path("connectTimeout"), at + ".tcp.connectTimeout", out);
    duration(tcp.path("maxConnectionDuration"), at + ".tcp.maxConnectionDuration", out);
    // An idle timeout of 0s turns the timeout off, which Istio accepts.
    JsonNode idle = tcp.path("idleTimeout");
    if (!idle.isMissingNode() && !GoDuration.parse(idle.asText()).duration().map(Duration::isZero).orElse(false)) {
      duration(idle, at + ".tcp.idleTimeout", out);
    }
    duration(tcp.path("tcpKeepalive").path("time"), at + ".tcp.tcpKeepalive.time", out);
    duration(tcp.path("tcpKeepalive").path("interval"), at + ".tcp.tcpKeepalive.interval", out);
  }

  private static void nonNegative(JsonNode node, String field, String name, String at, RuleSink out) {
    if (node.path(field).asLong(0) < 0) {
      out.error(at + "." + field, name + " must be non-negative", "give 0 or more");
    }
  }

  private static void loadBalancer(JsonNode lb, String at, RuleSink out) {
    if (!lb.isObject()) return;
    JsonNode hash = lb.path("consistentHash");
    if (hash.isObject()) {
      if (hash.has("httpCookie") && Json.text(hash.path("httpCookie").path("name")).isEmpty()) {
        out.error(at + ".consistentHash.httpCookie.name", "name required for HttpCookie", "name the cookie");
      }
      if (hash.path("minimumRingSize").asLong(0) != 0) {
        out.warning(at + ".consistentHash.minimumRingSize", "consistent hash MinimumRingSize is deprecated, use "
            + "ConsistentHashLB's RingHash configuration instead", "write consistentHash.ringHash.minimumRingSize");
        if (hash.has("ringHash") || hash.has("maglev")) {
          out.error(at + ".consistentHash", "only one of MinimumRingSize or Maglev/Ringhash can be specified",
              "remove minimumRingSize");
        }
      }
      if (hash.has("maglev")) maglev(hash.path("maglev").path("tableSize").asLong(0), at, out);
    }
    JsonNode warmup = lb.path("warmup");
    if (warmup.isObject()) {
      if (warmup.has("duration")) {
        duration(warmup.path("duration"), at + ".warmup.duration", out);
      } else {
        out.error(at + ".warmup.duration", "duration is required", "give the warmup duration, such as 60s");
      }
      if (warmup.path("minimumPercent").asDouble(0) > 100) {
        out.error(at + ".warmup.minimumPercent", "minimumPercent value should be less than or equal to 100",
            "give a percentage");
      }
      if (warmup.has("aggression") && warmup.path("aggression").asDouble() < 1) {
        out.error(at + ".warmup.aggression", "aggression should be greater than or equal to 1", "give 1 or more");
      }
    }
  }

  private static void maglev(long size, String at, RuleSink out) {
    String field = at + ".consistentHash.maglev.tableSize";
    String fix = "give a prime below " + MAGLEV_MAX + ", such as Envoy's default 65537";
    if (size == 0) out.error(field, "tableSize must be set for maglev", fix);
    if (size >= MAGLEV_MAX) out.error(field, "tableSize must be less than " + MAGLEV_MAX + " for maglev", fix);
    if (!prime(size)) out.error(field, "tableSize must be a prime number for maglev", fix);
  }

  /** Envoy's primality test, which Istio's validation uses: 1, 2 and 3 count as primes, 0 does not. */
  private static boolean prime(long x) {
    if (x != 0 && x < 4) return true;
    if (x % 2 == 0) return false;
    for (long f = 3; f * f <= x; f += 2) {
      if (x % f == 0) return false;
    }
    return true;
  }

  /** A duration field, when present: a Go duration of at least 1 ms and whole milliseconds. */
  static void duration(JsonNode value, String field, RuleSink out) {
    if (value.isMissingNode()) return;
    GoDuration.Parsed parsed = GoDuration.parse(value.asText());
    if (parsed.error().isPresent()) {
      out.error(field, "'" + value.asText() + "' is not a duration: " + parsed.error().get(),
          "write a duration such as 500ms or 2s");
      return;
    }
    Duration duration = parsed.duration().orElseThrow();
    if (duration.compareTo(Duration.ofMillis(1)) < 0) {
      out.error(field, "duration " + value.asText() + " is shorter than 1ms", "give at least 1ms");
    } else if (duration.getNano() % 1_000_000 != 0) {
      out.error(field, "duration " + value.asText() + ": only durations to ms precision are supported",
          "give whole milliseconds, such as 1500ms");
    }
  }
}
