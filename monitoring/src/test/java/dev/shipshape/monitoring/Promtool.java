package dev.shipshape.monitoring;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' {@code promtool} (Debian package {@code prometheus}); skips the test where it is missing. */
public final class Promtool {
  /** The exit code and the combined output of one run. */
  public record Result(int exitCode, String output) {}

  private Promtool() {}

  public static Path require() {
    Optional<Path> found = find();
    assumeTrue(found.isPresent(), "promtool is not installed (apt-get install prometheus); skipping");
    return found.get();
  }

  private static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  public static Result run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(require().toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not finish in 60 s: " + output);
    }
    return new Result(process.exitValue(), output);
  }
}
