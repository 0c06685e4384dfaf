package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterTarget;
import dev.shipshape.core.embedded.EmbeddedCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process, with a chosen environment, and keeps what it printed. */
final class CliRunner {
  private final Environment environment;

  private CliRunner(Environment environment) {
    this.environment = environment;
  }

  /** No console, no kubeconfig (HOME is {@code home}), and a fresh embedded server per command. */
  static CliRunner isolated(Path home) {
    return new CliRunner(new Environment(Map.of("HOME", home.toString()), false, ClusterTarget::embedded));
  }

  /** Like {@link #isolated}, with {@code --embedded} meaning this one server, which outlives each command. */
  static CliRunner sharing(EmbeddedCluster cluster, Path home) {
    return new CliRunner(new Environment(Map.of("HOME", home.toString()), false,
        () -> ClusterTarget.sharing(cluster)));
  }

  /** With these environment variables (HOME included). */
  static CliRunner withVariables(Map<String, String> variables) {
    return new CliRunner(new Environment(variables, false, ClusterTarget::embedded));
  }

  /** Runs {@code args} as {@code main} does: with only the command they invoke created. */
  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Shipshape.commandLine(environment, args);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** Runs a command whose standard output fails on every write, as {@code > /dev/full} does. */
  Result runToFullDisk(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Shipshape.commandLine(environment, args);
    commandLine.setOut(new PrintWriter(new java.io.OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        throw new java.io.IOException("No space left on device");
      }
    }, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, "", err.toString());
  }

  /** What one command printed and returned. */
  static final class Result {
    final int exitCode;
    final String out;
    final String err;

    Result(int exitCode, String out, String err) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
