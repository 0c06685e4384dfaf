package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/shipshape} run as a user runs it, for the tests of the packaged command line: in a directory of the
 * test's, with an environment of its own (that directory as home, runtime and cache directory, no class-data sharing
 * archives, which a build may skip) plus the variables a test adds.
 */
final class LauncherProcess {
  static final Path LAUNCHER = Path.of(System.getProperty("shipshape.launcher", "../bin/shipshape"));

  private LauncherProcess() {}

  /** The launcher with {@code args}, ready to start in {@code dir}. */
  static ProcessBuilder builder(Path dir, Map<String, String> variables, String... args) {
    ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toAbsolutePath().toString()),
        Stream.of(args)).toList()).directory(dir.toFile());
    Map<String, String> environment = new HashMap<>(Map.of(
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "HOME", dir.toString(),
        "JAVA_HOME", System.getProperty("java.home"),
        "XDG_RUNTIME_DIR", dir.resolve("runtime").toString(),
        "XDG_CACHE_HOME", dir.resolve("cache").toString(),
        "SHIPSHAPE_CDS", "0"));
    environment.putAll(variables);
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder;
  }

  /** Runs it to its end (at most two minutes): exit code, standard output and error. */
  static CliRunner.Result run(ProcessBuilder builder) throws Exception {
    Process process = builder.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    String err = read(process.getErrorStream());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new CliRunner.Result(process.exitValue(), out.get(), err);
  }

  private static String read(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
