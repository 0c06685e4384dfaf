package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An HTTP match on a URI prefix, with the other conditions that decide whether an earlier one covers it. */
final class PrefixMatch {
  private final String rule;
  private final String match;
  private final String field;
  private final String prefix;
  private final String port;
  private final String method;
  private final String authority;
  private final Map<String, String> headers;
  private final Map<String, String> queryParams;
  private final Map<String, String> withoutHeaders;

  private PrefixMatch(JsonNode m, String rule, String match, String field, String prefix) {
    this.rule = rule;
    this.match = match;
    this.field = field;
    this.prefix = prefix;
    this.port = Json.text(m.path("port"));
    String method = stringMatch(m.path("method"));
    this.method = method.isEmpty() ? "exact:GET" : method;
    this.authority = stringMatch(m.path("authority"));
    this.headers = stringMatches(m.path("headers"));
    this.queryParams = stringMatches(m.path("queryParams"));
    this.withoutHeaders = stringMatches(m.path("withoutHeaders"));
  }

  /** The prefix match of an HTTP match request, if it matches on a URI prefix. */
  static Optional<PrefixMatch> of(JsonNode m, String rule, String match, String field) {
    String prefix = Json.text(m.path("uri").path("prefix"));
    return prefix.isEmpty() ? Optional.empty() : Optional.of(new PrefixMatch(m, rule, match, field, prefix));
  }

  String rule() {
    return rule;
  }

  String match() {
    return match;
  }

  String field() {
    return field;
  }

  String prefix() {
    return prefix;
  }

  /** True when every request the later match accepts is accepted by this one first. */
  boolean covers(PrefixMatch later) {
    return later.prefix.startsWith(prefix)
        && later.port.equals(port)
        && compatible(method, later.method)
        && compatible(authority, later.authority)
        && compatible(headers, later.headers)
        && compatible(queryParams, later.queryParams)
        && compatible(withoutHeaders, later.withoutHeaders);
  }

  private static boolean compatible(String first, String later) {
    return first.equals(later) || first.startsWith(later);
  }

  private static boolean compatible(Map<String, String> first, Map<String, String> later) {
    if (first.size() != later.size()) return false;
    for (Map.Entry<String, String> e : first.entrySet()) {
      String other = later.get(e.getKey());
      if (other == null || !compatible(e.getValue(), other)) return false;
    }
    return true;
  }

  private static String stringMatch(JsonNode node) {
    String exact = Json.text(node.path("exact"));
    if (!exact.isEmpty()) return "exact:" + exact;
    String prefix = Json.text(node.path("prefix"));
    return prefix.isEmpty() ? "" : "prefix:" + prefix;
  }

  private static Map<String, String> stringMatches(JsonNode node) {
    Map<String, String> map = new TreeMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), stringMatch(e.getValue())));
    return map;
  }
}
