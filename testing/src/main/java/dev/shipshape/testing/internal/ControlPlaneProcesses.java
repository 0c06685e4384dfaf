package dev.shipshape.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * etcd, kube-apiserver and (when present) kube-controller-manager as child processes on free 127.0.0.1 ports, in a
 * temporary folder holding their certificates, data and logs. The flags are the ones a working control plane needs
 * (see the kube-apiserver and etcd reference documentation); {@link #stop()} ends the processes and deletes the
 * folder.
 */
public final class ControlPlaneProcesses {
  private static final int START_ATTEMPTS = 3;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String ADMIN_USER = "shipshape-admin";

  private final Path home;
  private final Pki pki;
  private final int port;
  private final List<Process> processes = new ArrayList<>();

  private ControlPlaneProcesses(Path home, Pki pki, int port) {
    this.home = home;
    this.pki = pki;
    this.port = port;
  }

  /**
   * Starts the control plane and waits until the API server answers {@code /readyz} with {@code ok}. A free port
   * can be taken by another process between choosing it and binding it: a start that fails so is tried again on
   * new ports, up to {@value #START_ATTEMPTS} times.
   */
  public static ControlPlaneProcesses start(ControlPlaneAssets assets) {
    return start(assets, List.of());
  }

  /** As {@link #start(ControlPlaneAssets)}, with more kube-apiserver flags, such as an audit policy file. */
  public static ControlPlaneProcesses start(ControlPlaneAssets assets, List<String> apiServerFlags) {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(assets, apiServerFlags);
      } catch (IllegalStateException e) {
        if (attempt == START_ATTEMPTS || !String.valueOf(e.getMessage()).contains("address already in use")) throw e;
      }
    }
  }

  private static ControlPlaneProcesses startOnce(ControlPlaneAssets assets, List<String> apiServerFlags) {
    Path home;
    try {
      home = Files.createTempDirectory("shipshape-control-plane");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the control plane", e);
    }
    ControlPlaneProcesses processes = new ControlPlaneProcesses(home, Pki.generate(), freePort());
    try {
      processes.launch(assets, apiServerFlags);
      return processes;
    } catch (RuntimeException e) {
      processes.stop();
      throw e;
    }
  }

  /** The API server's URL, {@code https://127.0.0.1:PORT}. */
  public String url() {
    return "https://127.0.0.1:" + port;
  }

  /** The certificates. */
  public Pki pki() {
    return pki;
  }

  /** The admin kubeconfig (user in group {@code system:masters}). */
  public Path kubeconfig() {
    return home.resolve("kubeconfig");
  }

  private void launch(ControlPlaneAssets assets, List<String> apiServerFlags) {
    Path pkiDir = home.resolve("pki");
    KeyPair serving = Pki.newKeyPair();
    KeyPair serviceAccounts = Pki.newKeyPair();
    write(pkiDir.resolve("ca.crt"), pki.caPem());
    write(pkiDir.resolve("ca.key"), pki.caKeyPem());
    write(pkiDir.resolve("apiserver.crt"), pki.servingCertificatePem(serving));
    write(pkiDir.resolve("apiserver.key"), Pki.pem(serving.getPrivate()));
    write(pkiDir.resolve("sa.key"), Pki.pem(serviceAccounts.getPrivate()));
    write(pkiDir.resolve("sa.pub"), Pki.pem(serviceAccounts.getPublic()));
    write(kubeconfig(), Kubeconfigs.render(url(), pki, ADMIN_USER, List.of("system:masters")));

    int etcdPort = freePort();
    int peerPort = freePort();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    Process etcd = launch("etcd", List.of(assets.etcd().toString(), "--name", "shipshape",
        "--data-dir", home.resolve("etcd").toString(),
        "--listen-client-urls", etcdUrl, "--advertise-client-urls", etcdUrl,
        "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
        "--initial-cluster", "shipshape=" + peerUrl, "--initial-cluster-state", "new",
        "--unsafe-no-fsync", "--log-level", "warn"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    await("etcd", etcd, () -> answers(http, etcdUrl + "/health", "\"health\":\"true\""));

    List<String> apiServerCommand = new ArrayList<>(List.of(assets.apiServer().toString(),
        "--etcd-servers", etcdUrl,
        "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
        "--endpoint-reconciler-type", "none",
        "--secure-port", Integer.toString(port),
        "--tls-cert-file", pkiDir.resolve("apiserver.crt").toString(),
        "--tls-private-key-file", pkiDir.resolve("apiserver.key").toString(),
        "--client-ca-file", pkiDir.resolve("ca.crt").toString(),
        "--authorization-mode", "RBAC",
        "--service-account-key-file", pkiDir.resolve("sa.pub").toString(),
        "--service-account-signing-key-file", pkiDir.resolve("sa.key").toString(),
        "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
        "--service-cluster-ip-range", "10.96.0.0/16",
        "--allow-privileged=true", "--v=0"));
    apiServerCommand.addAll(apiServerFlags);
    Process apiServer = launch("kube-apiserver", apiServerCommand);
    try (ReadinessProbe probe = new ReadinessProbe(url(), pki)) {
      await("kube-apiserver", apiServer, probe::ready);
    }

    if (assets.controllerManager().isPresent()) {
      Path kcmConfig = pkiDir.resolve("controller-manager.kubeconfig");
      write(kcmConfig, Kubeconfigs.render(url(), pki, "system:kube-controller-manager", List.of()));
      launch("kube-controller-manager", List.of(assets.controllerManager().get().toString(),
          "--kubeconfig", kcmConfig.toString(),
          "--authentication-kubeconfig", kcmConfig.toString(),
          "--authorization-kubeconfig", kcmConfig.toString(),
          "--bind-address", "127.0.0.1", "--secure-port", "0", "--leader-elect=false",
          "--use-service-account-credentials=true",
          "--service-account-private-key-file", pkiDir.resolve("sa.key").toString(),
          "--root-ca-file", pkiDir.resolve("ca.crt").toString(),
          "--cluster-signing-cert-file", pkiDir.resolve("ca.crt").toString(),
          "--cluster-signing-key-file", pkiDir.resolve("ca.key").toString(),
          "--service-cluster-ip-range", "10.96.0.0/16", "--v=0"));
    }
  }

  private Process launch(String name, List<String> command) {
    Path log = home.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    // etcd refuses a flag that an ETCD_* environment variable also sets.
    builder.environment().keySet().removeIf(key -> key.startsWith("ETCD_"));
    try {
      Process process = builder.start();
      processes.add(process);
      return process;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  private void await(String name, Process process, BooleanSupplier ready) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with code " + process.exitValue() + ":\n" + tail(name));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " not ready after " + START_TIMEOUT.toSeconds() + " s:\n"
            + tail(name));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
    }
  }

  private String tail(String name) {
    try {
      List<String> lines = Files.readAllLines(home.resolve(name + ".log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Ends the processes (API server first, etcd last) and deletes the temporary folder. */
  public void stop() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    processes.clear();
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Best effort: the temporary folder is left behind.
    }
  }

  private static boolean answers(HttpClient http, String url, String expected) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return response.body().contains(expected);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
