package dev.shipshape.cli;

import dev.shipshape.core.embedded.EmbeddedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests that run commands on small specs against one embedded API server per test, shared by the commands. */
abstract class EmbeddedCommandsTest {
  static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";
  static final String CONFIG_MAP =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  mode: fast\n";

  @TempDir
  Path dir;

  EmbeddedCluster cluster;
  CliRunner cli;

  @BeforeEach
  void startCluster() {
    cluster = EmbeddedCluster.start();
    cli = CliRunner.sharing(cluster, dir);
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  /** Writes {@code text} to {@code name} in the test's directory. */
  Path yaml(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
