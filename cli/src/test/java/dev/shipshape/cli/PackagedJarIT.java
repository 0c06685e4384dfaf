package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
  private static final Path LAUNCHER = Path.of(System.getProperty("shipshape.launcher", "../bin/shipshape"));
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
    ProcessBuilder builder = new ProcessBuilder(List.of(LAUNCHER.toAbsolutePath().toString(), "apply", "--embedded",
        "--progress", "plain", EXAMPLES.resolve("minimal.jsh").toAbsolutePath().toString())).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(Map.of(
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "HOME", dir.toString(),
        "JAVA_HOME", System.getProperty("java.home"),
        "XDG_CACHE_HOME", dir.resolve("cache").toString(),
        // Without the class-data sharing archives: a build may skip them, and a missing one is recorded instead.
        "SHIPSHAPE_CDS", "0"));
    Process process = builder.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    String err = read(process.getErrorStream());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(err).isZero();
    assertThat(out.get()).contains("Applied minimal").contains("created");
  }

  private static String read(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
