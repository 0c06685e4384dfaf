package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.mesh.internal.IstioObjects;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TrafficPolicy} spreads requests over a Service's pods: a simple policy (round robin, least request,
 * random) or consistent hashing on a header, a cookie or the source IP, for session affinity. Immutable.
 */
public final class LoadBalancer {
  private final String simple;
  private final String hashKind;
  private final String hashKey;
  private final String cookieTtl;

  private LoadBalancer(String simple, String hashKind, String hashKey, String cookieTtl) {
    this.simple = simple;
    this.hashKind = hashKind;
    this.hashKey = hashKey;
    this.cookieTtl = cookieTtl;
  }

  public static LoadBalancer roundRobin() {
    return new LoadBalancer("ROUND_ROBIN", null, null, null);
  }

  public static LoadBalancer leastRequest() {
    return new LoadBalancer("LEAST_REQUEST", null, null, null);
  }

  public static LoadBalancer random() {
    return new LoadBalancer("RANDOM", null, null, null);
  }

  /** Requests with the same value of this HTTP header go to the same pod. */
  public static LoadBalancer consistentHashByHeader(String header) {
    return new LoadBalancer(null, "httpHeaderName", Objects.requireNonNull(header, "header == null"), null);
  }

  /** Requests with the same cookie go to the same pod; the proxy sets the cookie, valid for {@code ttl}. */
  public static LoadBalancer consistentHashByCookie(String cookie, String ttl) {
    return new LoadBalancer(null, "httpCookie", Objects.requireNonNull(cookie, "cookie == null"),
        Objects.requireNonNull(ttl, "ttl == null"));
  }

  /** Requests from the same client IP go to the same pod. */
  public static LoadBalancer consistentHashBySourceIp() {
    return new LoadBalancer(null, "useSourceIp", null, null);
  }

  ObjectNode toTree() {
    ObjectNode node = IstioObjects.node();
    if (simple != null) {
      node.put("simple", simple);
      return node;
    }
    ObjectNode hash = node.putObject("consistentHash");
    switch (hashKind) {
      case "httpHeaderName":
        hash.put("httpHeaderName", hashKey);
        break;
      case "httpCookie":
        hash.putObject("httpCookie").put("name", hashKey).put("ttl", cookieTtl);
        break;
      default:
        hash.put("useSourceIp", true);
    }
    return node;
  }

  List<Problem> problems(ResourceRef ref) {
    if (cookieTtl != null && GoDuration.parse(cookieTtl).error().isPresent()) {
      return List.of(Problem.error(ref, "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.ttl",
          "'" + cookieTtl + "' is not a duration", "write a Go duration such as 3600s; 0s makes a session cookie"));
    }
    if (hashKey != null && hashKey.isBlank()) {
      return List.of(Problem.error(ref, "spec.trafficPolicy.loadBalancer.consistentHash", "the hash key is blank",
          "name the header or cookie to hash on"));
    }
    return List.of();
  }

  @Override
  public String toString() {
    return simple != null ? simple : "consistentHash(" + hashKind + (hashKey == null ? "" : " " + hashKey) + ")";
  }
}
