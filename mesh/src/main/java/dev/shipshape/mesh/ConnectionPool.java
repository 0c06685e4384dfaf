package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The connection pool limits of a {@link TrafficPolicy} ({@code trafficPolicy.connectionPool} of Istio's
 * DestinationRule), the circuit breakers of every client proxy: each limit counts the proxy's connections and
 * requests to all pods of the Service together, not per pod
 * (https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings).
 *
 * <pre>{@code
 * ConnectionPool.defaults().maxConnections(100).connectTimeout("2s").tcpKeepalive("300s", "30s", 3)
 *     .http1MaxPendingRequests(64).http2MaxRequests(1000).maxRequestsPerConnection(100).maxRetries(3)
 * }</pre>
 *
 * <p>By default, every setting is Istio's (Envoy's) default; each call sets one. Values are checked at plan time
 * as Istio's validation checks them: limits not negative, durations Go durations of whole milliseconds, at least
 * 1 ms. Immutable: each call returns a new pool.
 */
public final class ConnectionPool {
  private final ObjectNode tree;

  private ConnectionPool(ObjectNode tree) {
    this.tree = tree;
  }

  /** A pool with Istio's defaults, which the other methods override one by one. */
  public static ConnectionPool defaults() {
    return new ConnectionPool(JsonTrees.empty());
  }

  /** At most this many HTTP/1 and TCP connections ({@code tcp.maxConnections}). */
  public ConnectionPool maxConnections(int connections) {
    return with(t -> t.with("tcp").put("maxConnections", connections));
  }

  /** How long a TCP connection may take to open ({@code tcp.connectTimeout}), such as {@code 2s}. */
  public ConnectionPool connectTimeout(String timeout) {
    String value = Objects.requireNonNull(timeout, "timeout == null");
    return with(t -> t.with("tcp").put("connectTimeout", value));
  }

  /** The longest a TCP connection lives, whatever its traffic ({@code tcp.maxConnectionDuration}). */
  public ConnectionPool maxConnectionDuration(String duration) {
    String value = Objects.requireNonNull(duration, "duration == null");
    return with(t -> t.with("tcp").put("maxConnectionDuration", value));
  }

  /**
   * TCP keepalive on the proxy's connections ({@code tcp.tcpKeepalive}): a probe after {@code time} of idleness,
   * repeated every {@code interval}, the connection dropped after {@code probes} unanswered ones. It keeps
   * long-lived connections through NATs and load balancers that drop idle ones.
   */
  public ConnectionPool tcpKeepalive(String time, String interval, int probes) {
    String t0 = Objects.requireNonNull(time, "time == null");
    String i0 = Objects.requireNonNull(interval, "interval == null");
    return with(t -> t.with("tcp").putObject("tcpKeepalive").put("time", t0).put("interval", i0)
        .put("probes", probes));
  }

  /** At most this many HTTP requests queued for a connection ({@code http.http1MaxPendingRequests}). */
  public ConnectionPool http1MaxPendingRequests(int requests) {
    return with(t -> t.with("http").put("http1MaxPendingRequests", requests));
  }

  /** At most this many concurrent requests over all connections ({@code http.http2MaxRequests}), HTTP/1 too. */
  public ConnectionPool http2MaxRequests(int requests) {
    return with(t -> t.with("http").put("http2MaxRequests", requests));
  }

  /** At most this many requests per connection ({@code http.maxRequestsPerConnection}); 1 turns keep-alive off. */
  public ConnectionPool maxRequestsPerConnection(int requests) {
    return with(t -> t.with("http").put("maxRequestsPerConnection", requests));
  }

  /** At most this many concurrent retries to the Service ({@code http.maxRetries}). */
  public ConnectionPool maxRetries(int retries) {
    return with(t -> t.with("http").put("maxRetries", retries));
  }

  /** How long an HTTP connection may stay idle before it is closed ({@code http.idleTimeout}), such as {@code 1h}. */
  public ConnectionPool idleTimeout(String timeout) {
    String value = Objects.requireNonNull(timeout, "timeout == null");
    return with(t -> t.with("http").put("idleTimeout", value));
  }

  private ConnectionPool with(Consumer<ObjectNode> change) {
    return new ConnectionPool(JsonTrees.changed(tree, change));
  }

  /** Whether no setting is given, so that the policy keeps Istio's defaults. */
  boolean isEmpty() {
    return tree.isEmpty();
  }

  /** The pool as Istio's {@code connectionPool} field, a fresh copy. */
  ObjectNode toTree() {
    return tree.deepCopy();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConnectionPool p && p.tree.equals(tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  @Override
  public String toString() {
    return "ConnectionPool" + tree;
  }
}
