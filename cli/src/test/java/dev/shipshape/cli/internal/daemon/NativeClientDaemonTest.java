package dev.shipshape.cli.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The daemon through its native client, which {@code bin/shipshape} runs when the build could compile it; and the
 * native client's identity is the Java client's, so that both reach one daemon.
 */
class NativeClientDaemonTest extends DaemonContractTest {
  private static final Path CLIENT = Path.of(System.getProperty("shipshape.daemon.native-client",
      "target/daemon-client/shipshape-daemon-client"));

  @BeforeAll
  void requireTheClient() {
    if (compilerOnPath()) {
      assertThat(CLIENT).as("the build compiles the native client where a C compiler is").isExecutable();
    }
    assumeTrue(Files.isExecutable(CLIENT), "no C compiler here, so no native client to test");
  }

  private static boolean compilerOnPath() {
    String compiler = System.getenv().getOrDefault("CC", "cc");
    if (compiler.contains(File.separator)) return Files.isExecutable(Path.of(compiler));
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, compiler))) return true;
    }
    return false;
  }

  @Override
  List<String> client(String java, String options, String classPath, String umask) {
    return List.of(CLIENT.toAbsolutePath().toString(), java, options, classPath, umask);
  }

  @Test
  @Order(15)
  void theJavaClientReachesTheDaemonTheNativeClientStarted() throws Exception {
    assertThat(daemons().count()).isEqualTo(1);

    Run java = javaClient(work, "plan", "shop.yaml").finish();

    assertThat(java.exitCode).as(java.err).isZero();
    assertThat(daemons().count()).isEqualTo(1);
    try (var sockets = Files.list(socketDirectory())) {
      assertThat(sockets.filter(p -> p.toString().endsWith(".sock"))).containsExactly(
          socketDirectory().resolve(socketName(work)));
    }
  }
}
