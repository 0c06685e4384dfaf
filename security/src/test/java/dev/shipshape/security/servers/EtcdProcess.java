package dev.shipshape.security.servers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real etcd started for one test on 127.0.0.1 with free ports and its own data directory. */
public final class EtcdProcess implements AutoCloseable {
  /** The control-plane binaries' etcd when they are given (as for the local control plane), else Debian's. */
  public static final Path ETCD = java.util.Optional.ofNullable(System.getProperty("shipshape.control-plane.assets"))
      .or(() -> java.util.Optional.ofNullable(System.getenv("KUBEBUILDER_ASSETS")))
      .map(dir -> Path.of(dir, "etcd")).filter(Files::isExecutable).orElse(Path.of("/usr/bin/etcd"));

  public final int clientPort;
  private final Process process;

  private EtcdProcess(int clientPort, Process process) {
    this.clientPort = clientPort;
    this.process = process;
  }

  /** Skips the calling test, with a message, where etcd is not installed. */
  public static void requireEtcd() {
    assumeTrue(Files.isExecutable(ETCD), "skipped: " + ETCD + " is absent (Debian package etcd-server, or"
        + " KUBEBUILDER_ASSETS with an etcd binary)");
  }

  /** Starts etcd; {@code tls} holds extra flags and turns the client URL into https when not empty. */
  public static EtcdProcess start(Path dir, boolean https, List<String> tlsFlags)
      throws IOException, InterruptedException {
    int client = freePort();
    int peer = freePort();
    String clientUrl = (https ? "https" : "http") + "://127.0.0.1:" + client;
    String peerUrl = "http://127.0.0.1:" + peer;
    List<String> command = new ArrayList<>(List.of(ETCD.toString(), "--name", "probe",
        "--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
        "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
        "--initial-cluster", "probe=" + peerUrl, "--log-outputs", "stderr"));
    command.addAll(tlsFlags);
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("etcd.log").toFile()).start();
    EtcdProcess etcd = new EtcdProcess(client, process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!etcd.listening()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        etcd.close();
        throw new IllegalStateException("etcd did not start: " + Files.readString(dir.resolve("etcd.log")));
      }
      Thread.sleep(100);
    }
    return etcd;
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", clientPort), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
