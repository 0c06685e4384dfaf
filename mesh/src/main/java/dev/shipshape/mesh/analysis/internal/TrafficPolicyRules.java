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
 * Maglev table size is a prime below 5000011, a warmup has a duration, locality load balancing follows
 * {@link LocalityRules}; client TLS settings follow {@link TlsRules}; {@code tunnel} and {@code proxyProtocol}
 * exclude each other, a tunnel is CONNECT or POST to a host name or IP address on a port from 1 to 65535, and the
 * PROXY protocol version is V1 or V2; each port-level policy has a port and a setting. Durations are Go durations
 * of at least 1 ms and whole milliseconds, as Istio's
 * {@code ValidateDuration} requires. Besides, what Istio's CRD schema and protobuf types refuse before its
 * validation runs: negative counts in unsigned fields, a cookie TTL that is no duration, and settings of which
 * one only may be given (simple or consistent hashing, one hash key, ring hash or Maglev). Shared by
 * {@code TrafficPolicy}'s planning checks and the {@code schema.ValidationAnalyzer.DestinationRule}.
 */
public final class TrafficPolicyRules {
  private static final String[] SETTINGS = {"outlierDetection", "connectionPool", "loadBalancer", "tls",
      "portLevelSettings", "tunnel", "proxyProtocol"};
  private static final String[] PORT_SETTINGS = {"outlierDetection", "connectionPool", "loadBalancer", "tls"};
  private static final int MAGLEV_MAX = 5000011;

  private TrafficPolicyRules() {}

  /**
   * Checks the policy at {@code at} (such as {@code spec.trafficPolicy}) of a DestinationRule in {@code namespace};
   * nothing when it is absent.
   */
  public static void check(JsonNode policy, String namespace, String at, RuleSink out) {
    if (!policy.isObject()) return;
    if (!hasAny(policy, SETTINGS)) {
      out.error(at, "traffic policy must have at least one field", "add a setting, or remove the empty policy");
      return;
    }
    if (policy.has("tunnel") && policy.has("proxyProtocol")) {
      out.error(at, "tunnel and proxyProtocol must not be set together", "keep one of them");
      return;
    }
    settings(policy, namespace, at, out);
    tunnel(policy.path("tunnel"), at + ".tunnel", out);
    proxyProtocol(policy.path("proxyProtocol"), at + ".proxyProtocol", out);
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
        settings(port, namespace, field, out);
      }
    }
  }

  private static boolean hasAny(JsonNode node, String[] fields) {
    for (String f : fields) {
      if (node.has(f) && !node.path(f).isNull()) return true;
    }
    return false;
  }

  private static void settings(JsonNode policy, String namespace, String at, RuleSink out) {
    outlierDetection(policy.path("outlierDetection"), at + ".outlierDetection", out);
    connectionPool(policy.path("connectionPool"), at + ".connectionPool", out);
    loadBalancer(policy.path("loadBalancer"), at + ".loadBalancer", out);
    TlsRules.check(policy.path("tls"), namespace, at + ".tls", out);
    LocalityRules.check(policy.path("loadBalancer").path("localityLbSetting"),
        at + ".loadBalancer.localityLbSetting", policy.has("outlierDetection"), out);
  }

  private static void outlierDetection(JsonNode outlier, String at, RuleSink out) {
    if (!outlier.isObject()) return;
    duration(outlier.path("baseEjectionTime"), at + ".baseEjectionTime", out);
    duration(outlier.path("interval"), at + ".interval", out);
    for (String field : new String[] {"consecutive5xxErrors", "consecutiveGatewayErrors",
        "consecutiveLocalOriginFailures"}) {
      unsigned(outlier, field, at, out);
    }
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
    // An idle timeout of 0s turns the timeout off; Istio skips the check for any value that is 0 in whole
    // milliseconds (Go's Duration.Milliseconds() truncates), so 500us is accepted too.
    JsonNode idle = tcp.path("idleTimeout");
    if (!idle.isMissingNode() && !GoDuration.parse(idle.asText()).duration()
        .map(d -> d.abs().compareTo(Duration.ofMillis(1)) < 0).orElse(false)) {
      duration(idle, at + ".tcp.idleTimeout", out);
    }
    duration(tcp.path("tcpKeepalive").path("time"), at + ".tcp.tcpKeepalive.time", out);
    duration(tcp.path("tcpKeepalive").path("interval"), at + ".tcp.tcpKeepalive.interval", out);
    unsigned(tcp.path("tcpKeepalive"), "probes", at + ".tcp.tcpKeepalive", out);
  }

  private static void nonNegative(JsonNode node, String field, String name, String at, RuleSink out) {
    if (node.path(field).asLong(0) < 0) {
      out.error(at + "." + field, name + " must be non-negative", "give 0 or more");
    }
  }

  /** A field of an unsigned type ({@code uint32}), which the CRD refuses below 0. */
  private static void unsigned(JsonNode node, String field, String at, RuleSink out) {
    if (node.path(field).asLong(0) < 0) {
      out.error(at + "." + field, field + " " + node.path(field).asLong() + " must be greater than or equal to 0",
          "give 0 or more");
    }
  }

  /** How many of {@code fields} {@code node} has. */
  private static int count(JsonNode node, String... fields) {
    int n = 0;
    for (String f : fields) n += node.has(f) ? 1 : 0;
    return n;
  }

  private static void loadBalancer(JsonNode lb, String at, RuleSink out) {
    if (!lb.isObject()) return;
    JsonNode hash = lb.path("consistentHash");
    if (lb.has("simple") && lb.has("consistentHash")) {
      out.error(at, "only one of simple or consistentHash can be set", "keep the simple policy or the hashing");
    }
    if (hash.isObject()) {
      if (count(hash, "httpHeaderName", "httpCookie", "useSourceIp", "httpQueryParameterName") > 1) {
        out.error(at + ".consistentHash", "only one of httpHeaderName, httpCookie, useSourceIp or "
            + "httpQueryParameterName can be set", "hash on one key");
      }
      if (hash.has("ringHash") && hash.has("maglev")) {
        out.error(at + ".consistentHash", "only one of ringHash or maglev can be set", "keep one of them");
      }
      JsonNode ttl = hash.path("httpCookie").path("ttl");
      if (!ttl.isMissingNode() && GoDuration.parse(ttl.asText()).error().isPresent()) {
        out.error(at + ".consistentHash.httpCookie.ttl", "'" + ttl.asText() + "' is not a duration: "
            + GoDuration.parse(ttl.asText()).error().get(), "write a duration such as 3600s; 0s makes a session "
            + "cookie");
      }
      unsigned(hash.path("ringHash"), "minimumRingSize", at + ".consistentHash.ringHash", out);
      unsigned(hash, "minimumRingSize", at + ".consistentHash", out);
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
      if (hash.has("maglev")) {
        unsigned(hash.path("maglev"), "tableSize", at + ".consistentHash.maglev", out);
        long size = hash.path("maglev").path("tableSize").asLong(0);
        if (size >= 0) maglev(size, at, out);
      }
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

  /** Istio's {@code validateTunnelSettings}: CONNECT or POST, to a host name or IP address, on a valid port. */
  private static void tunnel(JsonNode tunnel, String at, RuleSink out) {
    if (!tunnel.isObject()) return;
    String protocol = Json.text(tunnel.path("protocol"));
    if (!protocol.isEmpty() && !protocol.equals("CONNECT") && !protocol.equals("POST")) {
      out.error(at + ".protocol", "tunnel protocol must be \"CONNECT\" or \"POST\"",
          "write CONNECT or POST (upper-case), or leave it unset for CONNECT");
    }
    String host = Json.text(tunnel.path("targetHost"));
    var fqdn = ServiceEntryRules.fqdn(host);
    var ip = ServiceEntryRules.ip(host);
    if (fqdn.isPresent() && ip.isPresent()) {
      out.error(at + ".targetHost", "tunnel target host must be valid FQDN or IP address: " + fqdn.get() + "; "
          + ip.get(), "give the host name or IP address of the tunnel's proxy, such as proxy.example.com");
    }
    long port = tunnel.path("targetPort").asLong(0);
    if (port < 1 || port > 65535) {
      out.error(at + ".targetPort", "tunnel target port is invalid: port number " + port + " must be in the range "
          + "1..65535", "give the port of the tunnel's proxy");
    }
  }

  /**
   * The PROXY protocol version: V1 or V2, the only values of the CRD's enum (Istio's {@code validateProxyProtocol}
   * refuses any other number, which the enum already keeps out).
   */
  private static void proxyProtocol(JsonNode proxyProtocol, String at, RuleSink out) {
    JsonNode version = proxyProtocol.path("version");
    if (version.isMissingNode() || version.asText().equals("V1") || version.asText().equals("V2")) return;
    out.error(at + ".version", "proxy protocol version is invalid: " + version.asText(), "write V1 or V2");
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
