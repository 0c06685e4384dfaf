package dev.shipshape.core.internal.client;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A {@link Vertx} for fabric8's client builder: every call goes to a Vert.x instance of its own, created on first
 * use with the options fabric8 gives the instances it creates, except that the HTTP client created during
 * {@link #creatingClientsFor} offers HTTP/2 ({@link ProtocolFallbackClient}). Closing the HTTP client closes the
 * instance, as fabric8 does with its own instances.
 */
final class AlpnVertx implements InvocationHandler {
  /**
   * Flow-control windows as Go's HTTP/2 client (client-go, kubectl) opens them: with the protocol's 64 KiB, lists
   * and OpenAPI documents of several megabytes, sharing one connection, would wait on window updates.
   */
  static final int STREAM_WINDOW = 4 << 20;
  static final int CONNECTION_WINDOW = 1 << 30;

  private final Vertx proxy =
      (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class}, this);
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

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) return method.invoke(this, args);
    Vertx vertx = delegate();
    if (method.getName().equals("createHttpClient") && args != null && args.length == 1
        && args[0] instanceof HttpClientOptions) {
      HttpClientOptions options = (HttpClientOptions) args[0];
      Optional<SSLContext> context = pendingContext();
      if (context.isEmpty()) return closingVertx(vertx.createHttpClient(options), vertx);
      HttpClientOptions http11Options = new HttpClientOptions(options);
      options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setHttp2MaxPoolSize(1)
          .setSslEngineOptions(new AlpnEngineOptions(context.get()))
          .setHttp2ConnectionWindowSize(CONNECTION_WINDOW);
      options.getInitialSettings().setInitialWindowSize(STREAM_WINDOW);
      return ProtocolFallbackClient.create(vertx, options, http11Options);
    }
    return call(vertx, method, args);
  }

  /** The client, closing the Vert.x instance after itself. */
  private static HttpClient closingVertx(HttpClient client, Vertx vertx) {
    return (HttpClient) Proxy.newProxyInstance(HttpClient.class.getClassLoader(), new Class<?>[] {HttpClient.class},
        (self, method, args) -> {
          if (method.getDeclaringClass() == Object.class) return method.invoke(client, args);
          Object result = call(client, method, args);
          if (method.getName().equals("close")) vertx.close();
          return result;
        });
  }

  private synchronized Optional<SSLContext> pendingContext() {
    return http2Context;
  }

  private synchronized Vertx delegate() {
    if (delegate == null) {
      delegate = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setFileSystemOptions(
          new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    }
    return delegate;
  }

  /** Calls {@code method} on {@code target}, throwing what it throws. */
  static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
