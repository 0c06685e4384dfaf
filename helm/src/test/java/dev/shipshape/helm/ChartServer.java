package dev.shipshape.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chart repository and an OCI registry on 127.0.0.1 for tests: files by path, and OCI paths that answer 401 with
 * a Bearer challenge unless the request carries the token that {@code /token} hands out.
 */
final class ChartServer implements AutoCloseable {
  static final String TOKEN = "anonymous-pull-token";
  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> types = new ConcurrentHashMap<>();

  ChartServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  ChartServer serve(String path, byte[] body, String contentType) {
    files.put(path, body);
    types.put(path, contentType);
    return this;
  }

  /** Serves {@code archive} as {@code repository}'s chart of tag {@code tag}, as {@code helm push} stores it. */
  ChartServer serveOci(String repository, String tag, byte[] archive) {
    String blob = "sha256:" + sha256(archive);
    byte[] config = "{}".getBytes();
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\",\"digest\":\"sha256:"
        + sha256(config) + "\",\"size\":2},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\",\"digest\":\"" + blob + "\",\"size\":"
        + archive.length + "}]}";
    serve("/v2/" + repository + "/manifests/" + tag, manifest.getBytes(), "application/vnd.oci.image.manifest.v1+json");
    return serve("/v2/" + repository + "/blobs/" + blob, archive, "application/octet-stream");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/token")) {
      boolean scoped = String.valueOf(exchange.getRequestURI().getQuery()).contains("scope=repository%3A")
          || String.valueOf(exchange.getRequestURI().getQuery()).contains("scope=repository:");
      respond(exchange, scoped ? 200 : 400, ("{\"token\":\"" + TOKEN + "\"}").getBytes(), "application/json");
      return;
    }
    if (path.startsWith("/v2/") && !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst(
        "Authorization"))) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + url() + "/token\",service=\""
          + host() + "\",scope=\"repository:" + path.replaceFirst("^/v2/(.*)/(manifests|blobs)/.*$", "$1")
          + ":pull\"");
      respond(exchange, 401, new byte[0], "text/plain");
      return;
    }
    byte[] body = files.get(path);
    if (body == null) respond(exchange, 404, new byte[0], "text/plain");
    else respond(exchange, 200, body, types.get(path));
  }

  private static void respond(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
