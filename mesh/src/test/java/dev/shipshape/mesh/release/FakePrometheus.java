package dev.shipshape.mesh.release;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny Prometheus HTTP API on 127.0.0.1 that answers every instant query with the value it is set to. */
final class FakePrometheus implements AutoCloseable {
  private final HttpServer server;
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private volatile String value = "0";

  FakePrometheus() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/query", exchange -> {
      queries.add(exchange.getRequestURI().getQuery());
      String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
          + "\"value\":[1767225600.0,\"" + value + "\"]}]}}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void answer(String newValue) {
    value = newValue;
  }

  List<String> queries() {
    return queries;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
