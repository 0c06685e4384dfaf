package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the commands read from the process they run in: environment variables, whether output goes to an
 * interactive terminal, and how to get an embedded API server. Tests pass their own.
 */
final class Environment {
  private final Map<String, String> variables;
  private final boolean console;
  private final Supplier<ClusterTarget> embedded;

  Environment(Map<String, String> variables, boolean console, Supplier<ClusterTarget> embedded) {
    this.variables = Map.copyOf(variables);
    this.console = console;
    this.embedded = Objects.requireNonNull(embedded, "embedded == null");
  }

  /** The real process: its environment, its console, and a new embedded server per command. */
  static Environment system() {
    return new Environment(System.getenv(), System.console() != null, ClusterTarget::embedded);
  }

  Map<String, String> variables() {
    return variables;
  }

  Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
  }

  /** The user's home directory, where {@code .kube/config} lives: {@code HOME}, else {@code user.home}. */
  Path home() {
    return Path.of(variable("HOME").orElse(System.getProperty("user.home")));
  }

  /** True when the process has a console (standard input and output are a terminal). */
  boolean console() {
    return console;
  }

  /**
   * True when progress can be redrawn in place: a console is attached, {@code CI} is not set (CI systems capture
   * output as a log) and the terminal is not {@code dumb}.
   */
  boolean interactiveTerminal() {
    return console && variable("CI").isEmpty() && !variable("TERM").orElse("").equals("dumb");
  }

  ClusterTarget embeddedCluster() {
    return embedded.get();
  }
}
