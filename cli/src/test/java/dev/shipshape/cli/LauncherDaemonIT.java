package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/shipshape} with {@code SHIPSHAPE_DAEMON=1}, on the packaged jars: the first command starts a daemon
 * with the user's JVM options and runs in it, so does the next, and a signal to the launcher stops the command in
 * the daemon.
 */
class LauncherDaemonIT {
  /** In the JVM options, so that this test's daemons are found (and the options shown to reach the daemon). */
  private final String marker = "-Dshipshape.test.launcher=" + UUID.randomUUID();

  @TempDir
  Path dir;

  @AfterEach
  void stopDaemons() {
    daemons().forEach(ProcessHandle::destroy);
  }

  @Test
  void theFirstCommandStartsTheDaemonAndTheNextRunInItToo() throws Exception {
    Files.writeString(dir.resolve("pid.jsh"), "System.err.println(\"pid: \" + ProcessHandle.current().pid());\n"
        + "ClusterSpec spec = ClusterSpec.builder().name(\"pid\").build();\n");

    CliRunner.Result first = run("plan", "pid.jsh");
    ProcessHandle daemon = awaitDaemon();
    CliRunner.Result second = run("plan", "pid.jsh");

    assertThat(first.exitCode).as(first.err).isZero();
    assertThat(second.exitCode).as(second.err).isZero();
    assertThat(second.out).isEqualTo(first.out).contains("Plan pid for Kubernetes");
    assertThat(first.err).contains("pid: " + daemon.pid() + "\n");
    assertThat(second.err).contains("pid: " + daemon.pid() + "\n");
    assertThat(daemons().count()).isEqualTo(1);
  }

  @Test
  void aSignalToTheLauncherStopsTheCommandInTheDaemon() throws Exception {
    Files.writeString(dir.resolve("slow.jsh"), "System.err.println(\"slow: started\");\nThread.sleep(60000);\n"
        + "ClusterSpec spec = ClusterSpec.builder().name(\"slow\").build();\n");
    run("version");
    ProcessHandle daemon = awaitDaemon();

    Process slow = launcher("plan", "slow.jsh").start();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(slow.getErrorStream(),
        StandardCharsets.UTF_8))) {
      String line;
      do {
        line = err.readLine();
      } while (line != null && !line.contains("slow: started"));
      slow.destroy();
      assertThat(slow.waitFor(20, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
    }

    assertThat(slow.exitValue()).isEqualTo(130);
    assertThat(daemon.onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
  }

  private Stream<ProcessHandle> daemons() {
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .map(c -> c.contains(marker) && c.contains("-Dshipshape.daemon.serve=true")).orElse(false));
  }

  private ProcessHandle awaitDaemon() throws Exception {
    for (int i = 0; i < 300; i++) {
      Optional<ProcessHandle> daemon = daemons().findFirst();
      if (daemon.isPresent()) {
        try (Stream<Path> sockets = Files.list(dir.resolve("runtime/shipshape"))) {
          if (sockets.anyMatch(p -> p.toString().endsWith(".sock"))) return daemon.get();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no daemon with " + marker);
  }

  private ProcessBuilder launcher(String... args) {
    return LauncherProcess.builder(dir, Map.of("SHIPSHAPE_DAEMON", "1",
        "SHIPSHAPE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC " + marker), args);
  }

  private CliRunner.Result run(String... args) throws Exception {
    return LauncherProcess.run(launcher(args));
  }
}
