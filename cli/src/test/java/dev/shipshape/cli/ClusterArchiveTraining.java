package dev.shipshape.cli;

import dev.shipshape.cli.cluster.EmbeddedLogging;
import dev.shipshape.core.embedded.EmbeddedCluster;
import dev.shipshape.testing.internal.Kubeconfigs;
import dev.shipshape.testing.internal.Pki;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The run whose classes the build archives for {@code apply} and {@code diff} (see the {@code cli} module's build):
 * the commands a user runs against a real cluster, through a kubeconfig with a client certificate, over TLS and
 * HTTP/2. The embedded API server speaks neither, so it is put behind an HTTP/2 TLS front that passes each request
 * on; the run then reads a kubeconfig, verifies a server certificate, presents a client certificate and negotiates
 * HTTP/2 as it would with kube-apiserver.
 *
 * <p>Arguments: a working directory for the kubeconfig, and the spec script to apply and diff.
 */
public final class ClusterArchiveTraining {
  /**
   * Headers of one hop, which a proxy does not pass on (RFC 9110, section 7.6.1; HTTP/2 forbids the
   * connection-specific ones, RFC 9113, section 8.2.2), and {@code host}, which each side's client sets itself.
   */
  private static final Set<String> CONNECTION_HEADERS =
      Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host", "te");

  private ClusterArchiveTraining() {}

  public static void main(String[] args) {
    int exit;
    try {
      exit = train(Files.createDirectories(Path.of(args[0])), args[1]);
    } catch (Exception e) {
      e.printStackTrace();
      exit = 1;
    }
    System.exit(exit);
  }

  private static int train(Path directory, String spec) throws Exception {
    // An empty script cache (the build names it), so that the script is compiled and the compiler's classes are
    // archived on every build.
    emptyDirectory(Path.of(System.getenv("XDG_CACHE_HOME")));
    Pki pki = Pki.generate();
    Vertx vertx = Vertx.vertx();
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      HttpServer front = startFront(vertx, pki, URI.create(cluster.url()));
      Path kubeconfig = directory.resolve("kubeconfig");
      Files.writeString(kubeconfig, Kubeconfigs.render("https://127.0.0.1:" + front.actualPort(), pki, "training",
          List.of("system:masters")), StandardCharsets.UTF_8);
      // The embedded server implements no server-side apply: auto falls back to client-side apply.
      int exit = run("apply", "--kubeconfig", kubeconfig.toString(), "--strategy", "auto", "--progress", "plain",
          spec);
      return exit != 0 ? exit : run("diff", "--kubeconfig", kubeconfig.toString(), spec);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Runs a command as {@link Shipshape#main} does, without exiting. */
  private static int run(String... args) {
    Preload.start(args);
    EmbeddedLogging.quiet();
    return Shipshape.commandLine(Environment.system(), args).execute(args);
  }

  private static void emptyDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) return;
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(directory)) Files.delete(path);
      }
    }
  }

  private static HttpServer startFront(Vertx vertx, Pki pki, URI upstream) throws Exception {
    KeyPair serving = Pki.newKeyPair();
    HttpServerOptions options = new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(0)
        .setSsl(true)
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setKeyCertOptions(new PemKeyCertOptions()
            .addCertValue(Buffer.buffer(pki.servingCertificatePem(serving)))
            .addKeyValue(Buffer.buffer(Pki.pem(serving.getPrivate()))))
        .setClientAuth(ClientAuth.REQUIRED)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pki.caPem())));
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
        .setDefaultHost(upstream.getHost())
        .setDefaultPort(upstream.getPort()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
    return vertx.createHttpServer(options)
        .requestHandler(request -> pass(client, request))
        .listen()
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Passes one request on to the embedded server and streams its answer back. */
  private static void pass(HttpClient client, HttpServerRequest request) {
    request.pause();
    RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.uri())
        .setHeaders(endToEnd(request.headers()));
    client.request(options)
        .compose(outgoing -> outgoing.send(request))
        .compose(answer -> {
          request.response().setStatusCode(answer.statusCode());
          request.response().headers().addAll(endToEnd(answer.headers()));
          return answer.pipeTo(request.response());
        })
        .recover(failure -> {
          if (request.response().headWritten()) {
            request.response().reset();
          } else {
            request.response().setStatusCode(502).end(failure.toString());
          }
          return Future.succeededFuture();
        });
  }

  private static MultiMap endToEnd(MultiMap headers) {
    MultiMap kept = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(header -> {
      if (!CONNECTION_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        kept.add(header.getKey(), header.getValue());
      }
    });
    return kept;
  }
}
