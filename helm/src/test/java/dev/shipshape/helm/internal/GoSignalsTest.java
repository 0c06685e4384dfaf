package dev.shipshape.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that has rendered a chart still ends on SIGTERM, through its shutdown hooks (exit code 143), although
 * Helm's Go code took the signal for itself while it rendered.
 */
class GoSignalsTest {
  @Test
  void aProcessThatRenderedAChartStillEndsOnSigterm(@TempDir Path dir) throws Exception {
    assumeTrue(File.separatorChar == '/', "SIGTERM is a POSIX signal");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PlanThenWait.class.getName(), dir.resolve("web").toString())
        .redirectErrorStream(true).start();
    try {
      String planned = plannedLine(process);
      assertThat(planned).as("what the process printed").isEqualTo("planned 1");

      process.destroy();

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended within 30 s of SIGTERM").isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
    } finally {
      process.destroyForcibly();
    }
  }

  /** The line that says the plan is made, or all the process printed when it ended without one. */
  private static String plannedLine(Process process) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder printed = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("planned")) return line;
      printed.append(line).append('\n');
    }
    return printed.toString();
  }
}
