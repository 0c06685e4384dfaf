package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterTarget;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
  /** Headers that belong to one connection (RFC 9113, section 8.2.2): HTTP/2 forbids passing them on. */
  private static final Set<String> CONNECTION_HEADERS =
      Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host", "te");

  private ClusterArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    Path directory = Files.createDirectories(Path.of(args[0]));
    String spec = args[1];
    Pki pki = Pki.generate();
    Vertx vertx = Vertx.vertx();
    int exit;
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      HttpServer front = startFront(vertx, pki, URI.create(cluster.url()));
      Path kubeconfig = directory.resolve("kubeconfig");
      Files.writeString(kubeconfig, Kubeconfigs.render("https://127.0.0.1:" + front.actualPort(), pki, "training",
          List.of("system:masters")), StandardCharsets.UTF_8);
      // An empty script cache, so that the script is compiled and the compiler's classes are archived on every build.
      Map<String, String> variables = new HashMap<>(System.getenv());
      variables.put("XDG_CACHE_HOME", Files.createTempDirectory(directory, "cache").toString());
      Environment environment = new Environment(variables, false, ClusterTarget::embedded);
      // The embedded server implements no server-side apply: auto falls back to client-side apply.
      exit = run(environment, "apply", "--kubeconfig", kubeconfig.toString(), "--strategy", "auto", "--progress",
          "plain", spec);
      if (exit == 0) exit = run(environment, "diff", "--kubeconfig", kubeconfig.toString(), spec);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    System.exit(exit);
  }

  private static int run(Environment environment, String... args) {
    return Shipshape.commandLine(environment, args).execute(args);
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
          if (!request.response().headWritten()) request.response().setStatusCode(502).end(failure.toString());
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
