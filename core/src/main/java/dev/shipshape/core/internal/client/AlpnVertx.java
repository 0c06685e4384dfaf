package dev.shipshape.core.internal.client;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A {@link Vertx} for fabric8's client builder: every call goes to a Vert.x instance of its own, created on first
 * use as fabric8 creates its own (daemon threads, no file caching, the JDK's name resolution), except that the HTTP
 * client created during {@link #creatingClientsFor} offers HTTP/2 ({@link ProtocolFallbackClient}). Closing the HTTP
 * client closes the instance, as fabric8 does with its own instances.
 */
final class AlpnVertx {
  /**
   * Flow-control windows as Go's HTTP/2 client (client-go, kubectl) opens them: with the protocol's 64 KiB, lists
   * and OpenAPI documents of several megabytes, sharing one connection, would wait on window updates.
   */
  static final int STREAM_WINDOW = 4 << 20;
  static final int CONNECTION_WINDOW = 1 << 30;
  /** Vert.x reads it once, as an instance is created: without it, Netty's own DNS resolver replaces the JDK's. */
  private static final String DISABLE_DNS_RESOLVER = "vertx.disableDnsResolver";

  private final Vertx proxy = Delegation.proxy(Vertx.class, "Vert.x of a Kubernetes client", this::invoke);
  private Vertx delegate;
  private Optional<SSLContext> http2Context = Optional.empty();

  Vertx vertx() {
    return proxy;
  }

  /**
   * Runs {@code build}; an HTTP client it creates offers HTTP/2 over TLS with {@code context}, if present (an
   * empty context: HTTP/1.1 as fabric8 configures it).
   */
  synchronized <T> T creatingClientsFor(Optional<SSLContext> context, Supplier<T> build) {
    http2Context = context;
    try {
      return build.get();
    } finally {
      http2Context = Optional.empty();
    }
  }

  private Object invoke(Method method, Object[] args) throws Throwable {
    Vertx vertx = delegate();
    if (method.getName().equals("createHttpClient") && args != null && args.length == 1
        && args[0] instanceof HttpClientOptions) {
      return createHttpClient(vertx, (HttpClientOptions) args[0]);
    }
    return Delegation.call(vertx, method, args);
  }

  private synchronized HttpClient createHttpClient(Vertx vertx, HttpClientOptions options) {
    if (http2Context.isEmpty()) return closingVertx(vertx.createHttpClient(options), vertx);
    HttpClientOptions http11Options = new HttpClientOptions(options);
    options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setHttp2MaxPoolSize(1)
        .setSslEngineOptions(new AlpnEngineOptions(http2Context.get()))
        .setHttp2ConnectionWindowSize(CONNECTION_WINDOW);
    options.getInitialSettings().setInitialWindowSize(STREAM_WINDOW);
    return ProtocolFallbackClient.create(vertx, options, http11Options);
  }

  private synchronized Vertx delegate() {
    if (delegate == null) {
      String resolver = System.getProperty(DISABLE_DNS_RESOLVER);
      System.setProperty(DISABLE_DNS_RESOLVER, "true");
      try {
        delegate = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setFileSystemOptions(
            new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
      } finally {
        if (resolver == null) {
          System.clearProperty(DISABLE_DNS_RESOLVER);
        } else {
          System.setProperty(DISABLE_DNS_RESOLVER, resolver);
        }
      }
    }
    return delegate;
  }

  /** The client, closing the Vert.x instance after itself. */
  private static HttpClient closingVertx(HttpClient client, Vertx vertx) {
    return Delegation.proxy(HttpClient.class, "HTTP/1.1 client of a Kubernetes client", (method, args) -> {
      Object result = Delegation.call(client, method, args);
      if (method.getName().equals("close")) vertx.close();
      return result;
    });
  }
}
