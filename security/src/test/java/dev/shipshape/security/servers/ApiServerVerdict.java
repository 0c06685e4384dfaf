package dev.shipshape.security.servers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shipshape.testing.internal.ControlPlaneAssets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The real kube-apiserver as the judge of a configuration file it reads at start: started with the flags under
 * test against a real etcd, it either fails with its error ({@code command failed}) or goes on to install its
 * APIs ({@code Adding GroupVersion}), where it is stopped.
 */
public final class ApiServerVerdict {
  private final Path apiServer;
  private final Path work;
  private final Path serviceAccountKey;
  private final int etcdPort;

  private ApiServerVerdict(Path apiServer, Path work, Path serviceAccountKey, int etcdPort) {
    this.apiServer = apiServer;
    this.work = work;
    this.serviceAccountKey = serviceAccountKey;
    this.etcdPort = etcdPort;
  }

  /** A judge using {@code work} for its files and the etcd on {@code etcdPort}; skips without the binaries. */
  public static ApiServerVerdict in(Path work, int etcdPort) throws IOException {
    return new ApiServerVerdict(apiServer(), work, serviceAccountKey(work), etcdPort);
  }

  /** Empty when the API server starts with these flags; else its error. */
  public Optional<String> verdict(List<String> flags) throws IOException {
    Path certs = Files.createTempDirectory(work, "certs");
    List<String> command = new ArrayList<>(List.of(apiServer.toString(),
        "--etcd-servers=http://127.0.0.1:" + etcdPort, "--etcd-prefix=/" + certs.getFileName(),
        "--secure-port=" + unusedPort(), "--bind-address=127.0.0.1", "--cert-dir=" + certs,
        "--service-account-issuer=https://shipshape.test", "--service-account-key-file=" + serviceAccountKey,
        "--service-account-signing-key-file=" + serviceAccountKey));
    command.addAll(flags);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.contains("Adding GroupVersion")) return Optional.empty();
        if (line.contains("command failed")) return Optional.of(line.substring(line.indexOf("err=")));
      }
      return Optional.of("the API server ended without a verdict");
    } finally {
      process.destroyForcibly();
    }
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path serviceAccountKey(Path work) throws IOException {
    KeyPairGenerator generator;
    try {
      generator = KeyPairGenerator.getInstance("RSA");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    generator.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    return Files.writeString(work.resolve("service-account.key"), pem);
  }

  /** Skips the calling test (or fails it, where the binaries are required) without the control-plane binaries. */
  public static void requireBinaries() {
    apiServer();
  }

  /** The kube-apiserver of the control-plane binaries; skips (or fails, where they are required) without them. */
  private static Path apiServer() {
    ControlPlaneAssets.Result located = ControlPlaneAssets.locate(System.getenv(),
        System.getProperty(ControlPlaneAssets.PROPERTY));
    if (located.found().isEmpty() && "1".equals(System.getenv("SHIPSHAPE_REQUIRE_CONTROL_PLANE"))) {
      fail("SHIPSHAPE_REQUIRE_CONTROL_PLANE=1 but " + located.reason().orElse(""));
    }
    assumeTrue(located.found().isPresent(), () -> "skipped: " + located.reason().orElse(""));
    return located.found().get().apiServer();
  }
}
