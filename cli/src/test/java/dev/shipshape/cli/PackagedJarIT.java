package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's packaged jar, as {@code bin/shipshape} runs it: Bouncy Castle stays out of it (the embedded
 * cluster serves plain HTTP, and fabric8 reads EC and RSA keys without it; on the class path, Netty would build
 * Bouncy Castle's provider at the first TLS connection of every process), and {@code apply --embedded} works
 * without it. The tests' own class path has Bouncy Castle through the test kit, so only the packaged jar shows it.
 */
class PackagedJarIT {
  private static final Path JAR = Path.of(System.getProperty("shipshape.jar", "target/shipshape.jar"));
  private static final Path EXAMPLES = Path.of(System.getProperty("shipshape.examples.dir", "../examples/specs"));

  @TempDir
  Path dir;

  @Test
  void holdsNoBouncyCastle() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.stream().map(JarEntry::getName).filter(name -> name.contains("org/bouncycastle/")))
          .as("Bouncy Castle is back in the command line's jar: exclude it from the dependency that brings it "
              + "(mvn dependency:tree -pl cli -Dincludes=org.bouncycastle)")
          .isEmpty();
    }
  }

  @Test
  void appliesToTheEmbeddedClusterWithoutIt() throws Exception {
    CliRunner.Result applied = LauncherProcess.run(LauncherProcess.builder(dir, Map.of(), "apply", "--embedded",
        "--progress", "plain", EXAMPLES.resolve("minimal.jsh").toAbsolutePath().toString()));

    assertThat(applied.exitCode).as(applied.err).isZero();
    assertThat(applied.out).contains("Applied minimal").contains("created");
  }
}
