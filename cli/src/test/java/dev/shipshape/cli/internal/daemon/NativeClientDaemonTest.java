package dev.shipshape.cli.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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

  /**
   * The build leaves the client, or beside it the reason it could not build one (no C compiler); with
   * {@code SHIPSHAPE_REQUIRE_NATIVE_CLIENT=1} (CI) a missing client fails the test instead of skipping it.
   */
  @BeforeAll
  void requireTheClient() throws IOException {
    if (Files.isExecutable(CLIENT)) return;
    Path reason = CLIENT.resolveSibling(CLIENT.getFileName() + ".not-built");
    String why = Files.exists(reason) ? Files.readString(reason).strip() : "the build did not run its compile step";
    assertThat("1".equals(System.getenv("SHIPSHAPE_REQUIRE_NATIVE_CLIENT")))
        .as("SHIPSHAPE_REQUIRE_NATIVE_CLIENT=1, but " + why).isFalse();
    assumeTrue(false, why);
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
