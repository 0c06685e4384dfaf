package dev.shipshape.cli.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shipshape.cli.InterruptedApply;
import dev.shipshape.cli.Shipshape;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as {@code bin/shipshape} runs it, through one of its clients: the daemon is a JVM of its own, started
 * with this test's class path. One daemon serves the tests in order (a second one the test of another working
 * directory); the last tests end it, killed during a command and with Ctrl-C.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DaemonContractTest {
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String UMASK = "0022";
  /** Marks this test's daemons, so that they are stopped whatever happens. */
  private final String marker = "-Dshipshape.test.daemon=" + UUID.randomUUID();

  Path dir;
  private Path runtime;
  Path work;

  /**
   * The client's command line up to the command's arguments, given the daemon's java, options, class path and
   * umask, as the launcher passes them.
   */
  abstract List<String> client(String java, String options, String classPath, String umask);

  @BeforeAll
  void writeSpecs(@TempDir Path dir) throws IOException {
    this.dir = dir;
    runtime = Files.createDirectories(dir.resolve("runtime"));
    work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(work.resolve("shop.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {mode: fast}\n");
    Files.writeString(work.resolve("broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: shop}\n");
    // Runs until the test creates the file 'release' beside it.
    Files.writeString(work.resolve("slow.jsh"), "System.err.println(\"slow: started\");\n"
        + "while (!java.nio.file.Files.exists(scriptDir.resolve(\"release\"))) Thread.sleep(50);\n"
        + "ClusterSpec spec = ClusterSpec.builder().name(\"slow\").build();\n");
    InterruptedApply.writeSpec(work.resolve("claim.yaml"));
  }

  @AfterAll
  void stopDaemons() {
    daemons().forEach(ProcessHandle::destroy);
  }

  java.util.stream.Stream<ProcessHandle> daemons() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine()
            .map(c -> c.contains(marker) && c.contains("-D" + DaemonServer.SERVE_PROPERTY + "=true")).orElse(false));
  }

  /** Runs a command until a daemon serves it (the first may start one). */
  private void awaitDaemon(Path workingDirectory) throws Exception {
    for (int i = 0; i < 60; i++) {
      if (client(workingDirectory, "version").finish().exitCode != DaemonClient.RUN_DIRECTLY) return;
      Thread.sleep(250);
    }
    throw new AssertionError("no daemon serves " + workingDirectory);
  }

  @Test
  @Order(1)
  void aSocketPathTooLongForUnixIsNamedAndTheCommandRunsWithoutTheDaemon() throws Exception {
    Path deep = Files.createDirectories(dir.resolve("d".repeat(60)).resolve("e".repeat(60)));
    ProcessBuilder command = command(work, "version");
    command.environment().put("XDG_RUNTIME_DIR", deep.toString());
    Run run = new Run(command.start()).finish();

    assertThat(run.exitCode).isEqualTo(DaemonClient.RUN_DIRECTLY);
    assertThat(run.err).contains("shipshape: SHIPSHAPE_DAEMON=1, but the path of its socket, "
        + deep.resolve("shipshape") + "/").contains(".sock, is too long for a Unix socket: set XDG_RUNTIME_DIR to a "
        + "shorter directory; the command runs without the daemon");
    assertThat(deep.resolve("shipshape")).doesNotExist();
  }

  @Test
  @Order(2)
  void aSocketDirectoryOthersMayOpenIsNamedAndLeftUnused() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Path sockets = Files.createDirectories(shared.resolve("shipshape"));
    Files.setPosixFilePermissions(sockets, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder command = command(work, "version");
    command.environment().put("XDG_RUNTIME_DIR", shared.toString());
    Run run = new Run(command.start()).finish();

    assertThat(run.exitCode).isEqualTo(DaemonClient.RUN_DIRECTLY);
    assertThat(run.err).isEqualTo("shipshape: SHIPSHAPE_DAEMON=1, but " + sockets + " may be opened by other users: "
        + "make it yours alone (chmod 700) or remove it; the command runs without the daemon\n");
    try (var files = Files.list(sockets)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  @Order(3)
  void aDaemonThatDoesNotTakeItsIdentityIsStoppedAndTheCommandRunsWithoutIt() throws Exception {
    // A JVM paused at its start reads nothing; an identity larger than a pipe's buffer cannot be written to it.
    String paused = String.join(" ", daemonOptions()) + " -XX:+UnlockDiagnosticVMOptions -XX:+PauseAtStartup";
    Path directory = Files.createDirectories(dir.resolve("paused"));
    ProcessBuilder command = command(client(JAVA, paused, System.getProperty("java.class.path"), UMASK), directory,
        "version");
    for (int i = 0; i < 4; i++) command.environment().put("SHIPSHAPE_TEST_LARGE_" + i, "x".repeat(60_000));
    Process client = command.start();
    boolean ended = client.waitFor(60, TimeUnit.SECONDS);
    if (!ended) client.destroyForcibly();
    Run run = new Run(client).finish();

    assertThat(ended).as("the client gave up on the daemon within its start wait").isTrue();
    assertThat(run.exitCode).as(run.err).isEqualTo(DaemonClient.RUN_DIRECTLY);
    for (int i = 0; i < 100 && pausedDaemons().findAny().isPresent(); i++) Thread.sleep(100);
    assertThat(pausedDaemons()).as("the paused daemon was stopped").isEmpty();
  }

  private java.util.stream.Stream<ProcessHandle> pausedDaemons() {
    return daemons().filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("PauseAtStartup"));
  }

  @Test
  @Order(10)
  void theFirstRunStartsTheDaemonAndRunsInIt() throws Exception {
    Run direct = direct(work, "plan", "shop.yaml").finish();
    // The client holds a file open, as a caller's lock or pipe: the daemon it starts must not keep it.
    Path held = work.resolve("held-by-the-caller");
    Run first = new Run(inShell("exec 9>>'" + held + "'; exec \"$@\"", command(work, "plan", "shop.yaml"))
        .start()).finish();

    assertThat(first.exitCode).as(first.err).isZero();
    assertThat(first.out).isEqualTo(direct.out);
    assertThat(socketDirectory().resolve(socketName(work))).exists();
    Path descriptors = Path.of("/proc", Long.toString(daemons().findFirst().orElseThrow().pid()), "fd");
    if (Files.isDirectory(descriptors)) {
      try (var open = Files.list(descriptors)) {
        assertThat(open.map(this::target)).doesNotContain(held.toRealPath());
      }
    }
  }

  private Path target(Path link) {
    try {
      return Files.readSymbolicLink(link);
    } catch (IOException e) {
      return link;
    }
  }

  /** The command run by {@code sh -c script}, which ends by running it with {@code exec "$@"}. */
  private static ProcessBuilder inShell(String script, ProcessBuilder command) {
    List<String> wrapped = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    wrapped.addAll(command.command());
    return command.command(wrapped);
  }

  @Test
  @Order(20)
  void theDaemonPrintsAndExitsAsAJvmOfTheCommandsOwn() throws Exception {
    for (List<String> args : List.of(List.of("plan", "shop.yaml"), List.of("render", "shop.yaml"),
        List.of("plan", "broken.yaml"), List.of("plan", "--no-such-flag", "shop.yaml"))) {
      Run direct = direct(work, args.toArray(String[]::new)).finish();
      Run daemon = client(work, args.toArray(String[]::new)).finish();

      assertThat(daemon.exitCode).as(args.toString()).isEqualTo(direct.exitCode).isNotEqualTo(
          DaemonClient.RUN_DIRECTLY);
      assertThat(daemon.out).as(args.toString()).isEqualTo(direct.out);
      assertThat(daemon.err).as(args.toString()).isEqualTo(direct.err);
    }
  }

  @Test
  @Order(30)
  void relativePathsAreTheClients() throws Exception {
    Run render = client(work, "render", "--out", "rendered", "shop.yaml").finish();

    assertThat(render.exitCode).as(render.err).isZero();
    assertThat(work.resolve("rendered")).isDirectoryContaining(p -> p.toString().endsWith(".yaml"));
  }

  @Test
  @Order(40)
  void standardOutputThatCannotBeWrittenFailsTheCommand() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full");
    Process process = command(work, "render", "shop.yaml").redirectOutput(new File("/dev/full")).start();
    Run full = new Run(process).finish();

    assertThat(full.exitCode).isEqualTo(7);
    assertThat(full.err).contains("cannot write to standard output");
  }

  @Test
  @Order(45)
  void aClosedStandardOutputFailsTheCommandAsInAJvmOfItsOwn() throws Exception {
    Run closed = new Run(inShell("exec \"$@\" >&-", command(work, "render", "shop.yaml")).start()).finish();

    assertThat(closed.exitCode).as(closed.err).isEqualTo(7);
    assertThat(closed.err).contains("cannot write to standard output");
  }

  @Test
  @Order(50)
  void aBusyDaemonLeavesTheCommandToTheLauncherAndTheShellNeverUsesIt() throws Exception {
    Run slow = client(work, "plan", "slow.jsh").awaitError("slow: started");
    Run meanwhile = client(work, "plan", "shop.yaml").finish();
    Run shell = client(work, "shell").finish();
    Path arguments = Files.writeString(work.resolve("arguments"), "shell\n");
    Run fromFile = client(work, "@" + arguments).finish();

    assertThat(meanwhile.exitCode).isEqualTo(DaemonClient.RUN_DIRECTLY);
    assertThat(shell.exitCode).isEqualTo(DaemonClient.RUN_DIRECTLY);
    assertThat(fromFile.exitCode).isEqualTo(DaemonClient.RUN_DIRECTLY);
    Files.writeString(work.resolve("release"), "");
    Run finished = slow.finish();
    Files.delete(work.resolve("release"));
    assertThat(finished.exitCode).as(finished.err).isZero();
    assertThat(finished.out).contains("slow");
  }

  @Test
  @Order(60)
  void anotherWorkingDirectoryIsAnotherDaemon() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.copy(work.resolve("shop.yaml"), elsewhere.resolve("shop.yaml"));

    assertThat(client(elsewhere, "plan", "shop.yaml").finish().exitCode).isZero();
    assertThat(socketDirectory().resolve(socketName(elsewhere))).exists();
    assertThat(socketName(elsewhere)).isNotEqualTo(socketName(work));
    assertThat(daemons().count()).isEqualTo(2);
  }

  @Test
  @Order(70)
  void aDaemonThatDiesMidCommandIsAnInternalErrorNotASecondRun() throws Exception {
    Run slow = client(work, "plan", "slow.jsh").awaitError("slow: started");
    daemons().forEach(ProcessHandle::destroyForcibly);
    Run lost = slow.finish();

    assertThat(lost.exitCode).isEqualTo(6);
    assertThat(lost.err).contains("shipshape: the daemon ended before the command did");
  }

  @Test
  @Order(80)
  void ctrlCStopsAnApplyWithItsPartialReportAndEndsTheDaemon() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
        "needs a kill command to send SIGINT");
    awaitDaemon(work);
    Process process = command(work, "apply", "--embedded", "--wait", "--timeout", "60s", "--progress", "plain",
        "claim.yaml")
        .redirectErrorStream(true).start();
    String out = InterruptedApply.interruptAfterWave1(process);

    assertThat(process.exitValue()).as(out).isEqualTo(130);
    assertThat(out).contains("Interrupted: the apply stopped before it finished")
        .contains("not attempted Deployment.apps shop/web: interrupted before it was attempted\n");
    for (int i = 0; i < 100 && Files.exists(socketDirectory().resolve(socketName(work))); i++) Thread.sleep(100);
    assertThat(socketDirectory().resolve(socketName(work))).doesNotExist();
  }

  Path socketDirectory() {
    return runtime.resolve("shipshape");
  }

  String socketName(Path workingDirectory) {
    return DaemonIdentity.of(JAVA, daemonOptions(), System.getProperty("java.class.path"), workingDirectory, UMASK,
        environment(workingDirectory)).socket().getFileName().toString();
  }

  private List<String> daemonOptions() {
    return List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", marker);
  }

  /**
   * The environment of every run: the test's own, with the sockets in a directory of the test, and {@code PWD} as
   * a shell (such as the launcher) sets it.
   */
  private Map<String, String> environment(Path workingDirectory) {
    Map<String, String> variables = new java.util.HashMap<>(System.getenv());
    variables.put("PWD", workingDirectory.toString());
    variables.put("XDG_RUNTIME_DIR", runtime.toString());
    variables.put("HOME", dir.toString());
    variables.put("SHIPSHAPE_DAEMON", "1");
    return variables;
  }

  Run client(Path workingDirectory, String... args) throws IOException {
    return new Run(command(workingDirectory, args).start());
  }

  /** The Java client's command line, as the launcher runs it. */
  static List<String> javaClient(String java, String options, String classPath, String umask) {
    return List.of(JAVA, "-XX:TieredStopAtLevel=1", "-D" + DaemonIdentity.JAVA_PROPERTY + "=" + java,
        "-D" + DaemonIdentity.OPTIONS_PROPERTY + "=" + options,
        "-D" + DaemonIdentity.CLASS_PATH_PROPERTY + "=" + classPath, "-D" + DaemonIdentity.UMASK_PROPERTY + "=" + umask,
        "-cp", System.getProperty("java.class.path"), DaemonClient.class.getName());
  }

  /** The command through the Java client, whichever client this test is about. */
  Run javaClient(Path workingDirectory, String... args) throws IOException {
    return new Run(command(javaClient(JAVA, String.join(" ", daemonOptions()), System.getProperty("java.class.path"),
        UMASK), workingDirectory, args).start());
  }

  private ProcessBuilder command(Path workingDirectory, String... args) {
    return command(client(JAVA, String.join(" ", daemonOptions()), System.getProperty("java.class.path"), UMASK),
        workingDirectory, args);
  }

  private ProcessBuilder command(List<String> client, Path workingDirectory, String... args) {
    List<String> command = new ArrayList<>(client);
    command.addAll(List.of(args));
    return withEnvironment(new ProcessBuilder(command).directory(workingDirectory.toFile()));
  }

  /** The command in a JVM of its own, as the launcher runs it without the daemon. */
  private Run direct(Path workingDirectory, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), Shipshape.class.getName()));
    command.addAll(List.of(args));
    return new Run(withEnvironment(new ProcessBuilder(command).directory(workingDirectory.toFile())).start());
  }

  private ProcessBuilder withEnvironment(ProcessBuilder builder) {
    builder.environment().clear();
    builder.environment().putAll(environment(builder.directory().toPath()));
    return builder;
  }

  /** A started process, and what it printed once finished. */
  static final class Run {
    private final Process process;
    private final StringBuilder errRead = new StringBuilder();
    int exitCode;
    String out = "";
    String err = "";

    Run(Process process) {
      this.process = process;
    }

    /** Reads standard error until a line holds {@code text}. */
    Run awaitError(String text) throws IOException {
      BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
          StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null) {
        errRead.append(line).append('\n');
        if (line.contains(text)) return this;
      }
      throw new AssertionError("the command ended without printing " + text + ":\n" + errRead);
    }

    Run finish() throws Exception {
      var stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
      err = errRead + read(process.getErrorStream());
      out = stdout.get(120, TimeUnit.SECONDS);
      if (!process.waitFor(120, TimeUnit.SECONDS)) process.destroyForcibly();
      exitCode = process.exitValue();
      return this;
    }

    private static String read(java.io.InputStream stream) {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
