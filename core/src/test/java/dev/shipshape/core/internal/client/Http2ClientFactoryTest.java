package dev.shipshape.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shipshape.core.apply.KubernetesExecutor;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PfxOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients of {@link KubernetesExecutor#clientFor}: HTTP/2 on one connection where a TLS server offers it,
 * HTTP/1.1 where it does not or the configuration disables HTTP/2, and WebSockets over HTTP/1.1. The server is a
 * Vert.x HTTPS server on loopback with a key pair made by the JDK's keytool.
 */
class Http2ClientFactoryTest {
  private static final String NAMESPACE =
      "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}";

  @TempDir
  static Path keys;
  private static Vertx vertx;
  private final Set<HttpVersion> versions = ConcurrentHashMap.newKeySet();
  private final Set<Object> connections = ConcurrentHashMap.newKeySet();
  private final Set<Long> clientStreamWindows = ConcurrentHashMap.newKeySet();
  /** Requests the server holds until this many have arrived, so that they are in flight together. */
  private volatile int inFlightTogether = 1;
  private final List<HttpServerRequest> held = new ArrayList<>();
  private final List<HttpServer> servers = new ArrayList<>();

  @BeforeAll
  static void keyPair() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process keytool = new ProcessBuilder(java.toString(), "-genkeypair", "-keyalg", "EC", "-alias", "server",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keys.resolve("server.p12").toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @AfterEach
  void stopServers() {
    servers.forEach(server -> server.close().toCompletionStage().toCompletableFuture().join());
  }

  private int start(boolean offerHttp2) {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
        .setKeyCertOptions(new PfxOptions().setPath(keys.resolve("server.p12").toString()).setPassword("changeit"))
        .setUseAlpn(true).setAlpnVersions(offerHttp2 ? List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)
            : List.of(HttpVersion.HTTP_1_1));
    HttpServer server = vertx.createHttpServer(options)
        .webSocketHandler(socket -> socket.writeTextMessage("hello"))
        .requestHandler(request -> {
          versions.add(request.version());
          connections.add(request.connection());
          if (request.version() == HttpVersion.HTTP_2) {
            clientStreamWindows.add((long) request.connection().remoteSettings().getInitialWindowSize());
          }
          hold(request);
        });
    servers.add(server);
    return server.listen().toCompletionStage().toCompletableFuture().join().actualPort();
  }

  /** Answers the held requests once {@link #inFlightTogether} have arrived, or after 5 s whatever arrived. */
  private void hold(HttpServerRequest request) {
    List<HttpServerRequest> answer = List.of();
    synchronized (held) {
      held.add(request);
      if (held.size() >= inFlightTogether) {
        answer = List.copyOf(held);
        held.clear();
      }
    }
    answer.forEach(Http2ClientFactoryTest::answer);
    if (answer.isEmpty()) vertx.setTimer(5_000, timer -> {
      synchronized (held) {
        if (held.remove(request)) answer(request);
      }
    });
  }

  private static void answer(HttpServerRequest request) {
    request.response().putHeader("Content-Type", "application/json").end(NAMESPACE);
  }

  private static KubernetesClient client(int port, boolean disableHttp2) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:" + port + "/")
        .withTrustCerts(true).withHttp2Disable(disableHttp2).build();
    return KubernetesExecutor.clientFor(config);
  }

  /** Sends the GETs from as many threads; the server answers them once all have arrived. */
  private void getInParallel(KubernetesClient client, int requests) {
    inFlightTogether = requests;
    ExecutorService threads = Executors.newFixedThreadPool(requests);
    try {
      List<CompletableFuture<?>> sent = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        sent.add(CompletableFuture.runAsync(() -> assertThat(client.namespaces().withName("shop").get())
            .isNotNull(), threads));
      }
      sent.forEach(CompletableFuture::join);
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void enginesOfferChaCha20Poly1305First() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    SSLEngine engine = new AlpnEngineOptions(context).sslContextFactory().useAlpn(true)
        .applicationProtocols(List.of("h2", "http/1.1")).create().newEngine(ByteBufAllocator.DEFAULT);
    List<String> offered = List.of(engine.getEnabledCipherSuites());
    assumeTrue(List.of(context.getDefaultSSLParameters().getCipherSuites()).contains("TLS_CHACHA20_POLY1305_SHA256"),
        "this JDK does not enable ChaCha20-Poly1305 by default (a FIPS provider, or jdk.tls.disabledAlgorithms)");
    // A JDK client offers its enabled suites in this order, its preference.
    assertThat(offered.get(0)).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    assertThat(offered).containsExactlyInAnyOrder(context.getDefaultSSLParameters().getCipherSuites());
  }

  @Test
  void offersChaCha20Poly1305FirstWithAnEllipticCurveOrTls13KeyExchange() {
    assertThat(AlpnEngineOptions.cipherSuites("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256")).containsExactly("TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  }

  @Test
  void requestsInFlightTogetherShareOneHttp2Connection() {
    int port = start(true);
    try (KubernetesClient client = client(port, false)) {
      getInParallel(client, 24);
    }
    assertThat(versions).containsExactly(HttpVersion.HTTP_2);
    assertThat(connections).hasSize(1);
    assertThat(clientStreamWindows).containsExactly((long) AlpnVertx.STREAM_WINDOW);
  }

  @Test
  void aServerWithoutHttp2IsServedOverHttp11WithAConnectionPerRequestInFlight() {
    int port = start(false);
    try (KubernetesClient client = client(port, false)) {
      getInParallel(client, 1);
      connections.clear();
      getInParallel(client, 8);
    }
    assertThat(versions).containsExactly(HttpVersion.HTTP_1_1);
    assertThat(connections).hasSize(8);
  }

  @Test
  void aConfigurationThatDisablesHttp2GetsHttp11() {
    int port = start(true);
    try (KubernetesClient client = client(port, true)) {
      getInParallel(client, 4);
    }
    assertThat(versions).containsExactly(HttpVersion.HTTP_1_1);
  }

  @Test
  void aWebSocketWorksBesideHttp2RequestsAndLeavesThemOnTheirConnection() throws Exception {
    int port = start(true);
    try (KubernetesClient client = client(port, false)) {
      getInParallel(client, 2);
      CompletableFuture<String> message = new CompletableFuture<>();
      WebSocket socket = client.getHttpClient().newWebSocketBuilder()
          .uri(URI.create("wss://127.0.0.1:" + port + "/api/v1/namespaces/shop/pods/web/exec"))
          .buildAsync(new WebSocket.Listener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
              message.complete(text);
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
              message.completeExceptionally(error);
            }
          }).get(10, TimeUnit.SECONDS);
      socket.request();
      assertThat(message.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
      socket.sendClose(1000, "done");
      getInParallel(client, 4);
    }
    assertThat(versions).containsExactly(HttpVersion.HTTP_2);
    assertThat(connections).hasSize(1);
  }

  @Test
  void closingTheClientStopsItsEventLoops() throws Exception {
    int http2Port = start(true);
    int http11Port = start(false);
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (KubernetesClient client = client(http2Port, false)) {
      getInParallel(client, 2);
      assertThat(client.getHttpClient().newBuilder().build()).isNotNull();
    }
    try (KubernetesClient client = client(http2Port, true)) {
      getInParallel(client, 2);
    }
    try (KubernetesClient client = client(http11Port, false)) {
      getInParallel(client, 1);
      getInParallel(client, 2);
    }
    assertThat(versions).containsExactlyInAnyOrder(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Thread> left;
    do {
      left = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
          .filter(t -> t.getName().startsWith("vert.x-")).toList();
      if (!left.isEmpty()) Thread.sleep(50);
    } while (!left.isEmpty() && System.nanoTime() < deadline);
    assertThat(left).isEmpty();
  }
}
