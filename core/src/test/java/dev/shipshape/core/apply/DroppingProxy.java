package dev.shipshape.core.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface in front of a mock API server that cuts chosen connections: it resets
 * the client's connection either instead of forwarding a request, or after the server handled it but before its
 * answer reaches the client (the write happened, the client cannot know). Requests are matched on their request
 * line, which HTTP/1.1 clients send at the start of a write.
 */
final class DroppingProxy implements AutoCloseable {
  /** Where the connection is cut. */
  enum Cut {
    /** The request never reaches the server. */
    BEFORE_SERVER,
    /** The server handles the request; its answer is lost. */
    AFTER_SERVER
  }

  private final ServerSocket listener;
  private final String targetHost;
  private final int targetPort;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "dropping-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicInteger remaining = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private volatile String requestLine = "";
  private volatile Cut cut = Cut.BEFORE_SERVER;

  DroppingProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Cuts the connection of the next {@code times} requests whose request line starts with {@code prefix}. */
  void drop(String prefix, Cut where, int times) {
    requestLine = prefix;
    cut = where;
    remaining.set(times);
  }

  /** How many connections were cut so far. */
  int dropped() {
    return dropped.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        Socket server = new Socket(targetHost, targetPort);
        AtomicBoolean loseAnswer = new AtomicBoolean();
        threads.execute(() -> upstream(client, server, loseAnswer));
        threads.execute(() -> downstream(server, client, loseAnswer));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void upstream(Socket client, Socket server, AtomicBoolean loseAnswer) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        String head = new String(buffer, 0, Math.min(n, 256), StandardCharsets.ISO_8859_1);
        if (head.startsWith(requestLine) && !requestLine.isEmpty() && remaining.getAndDecrement() > 0) {
          if (cut == Cut.BEFORE_SERVER) {
            reset(client, server);
            return;
          }
          loseAnswer.set(true);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      closeQuietly(client, server);
    }
  }

  private void downstream(Socket server, Socket client, AtomicBoolean loseAnswer) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        if (loseAnswer.get()) {
          reset(client, server);
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      closeQuietly(client, server);
    }
  }

  /** An abortive close: the client sees "connection reset", as when a load balancer drops a connection. */
  private void reset(Socket client, Socket server) {
    dropped.incrementAndGet();
    try {
      client.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
    closeQuietly(client, server);
  }

  private static void closeQuietly(Socket... sockets) {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing left to do
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
  }
}
