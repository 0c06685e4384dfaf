package dev.shipshape.core.internal.client;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The Vert.x HTTP client fabric8 gets when HTTP/2 is offered: requests go to a client that offers HTTP/2 in the
 * TLS handshake and keeps one connection, until a server answers with HTTP/1.1 instead; from then on they go to a
 * second client configured as fabric8 configures it, with a connection per request in flight. Vert.x sizes the
 * first client's pool for HTTP/2 whatever the server chose, so an HTTP/1.1 server would otherwise serve about two
 * requests at a time. Requests sent before the first connection is made wait for that one. Closing the client
 * closes both and then the Vert.x instance; a request after that fails as fabric8's closed clients fail.
 */
final class ProtocolFallbackClient {
  private final Vertx vertx;
  private final HttpClient http2;
  private final HttpClientOptions http11Options;
  private volatile boolean http11Answered;
  private HttpClient http11;
  private boolean closed;

  private ProtocolFallbackClient(Vertx vertx, HttpClient http2, HttpClientOptions http11Options) {
    this.vertx = vertx;
    this.http2 = http2;
    this.http11Options = http11Options;
  }

  /** A client over {@code http2Options}, falling back to one over {@code http11Options}. */
  static HttpClient create(Vertx vertx, HttpClientOptions http2Options, HttpClientOptions http11Options) {
    ProtocolFallbackClient client =
        new ProtocolFallbackClient(vertx, vertx.createHttpClient(http2Options), http11Options);
    client.http2.connectionHandler(client::connected);
    return Delegation.proxy(HttpClient.class, "HTTP/2 client of a Kubernetes client", client::invoke);
  }

  /** HTTP/1.x connections have no flow-control window: {@link HttpConnection#getWindowSize()} is -1. */
  private void connected(HttpConnection connection) {
    if (connection.getWindowSize() < 0) http11Answered = true;
  }

  private Object invoke(Method method, Object[] args) throws Throwable {
    if (method.getName().equals("close")) {
      Object result = Delegation.call(http2, method, args);
      close().ifPresent(HttpClient::close);
      vertx.close();
      return result;
    }
    HttpClient target = http11Answered && method.getName().equals("request") ? http11OrCreate() : http2;
    return Delegation.call(target, method, args);
  }

  private synchronized HttpClient http11OrCreate() {
    if (closed) throw new IllegalStateException("Client is closed");
    if (http11 == null) http11 = vertx.createHttpClient(http11Options);
    return http11;
  }

  /** Marks the client closed; the HTTP/1.1 client, if one was made. */
  private synchronized Optional<HttpClient> close() {
    closed = true;
    return Optional.ofNullable(http11);
  }
}
