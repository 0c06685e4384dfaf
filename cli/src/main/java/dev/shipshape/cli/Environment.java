package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the commands read from the process they run in: environment variables, whether output goes to an
 * interactive terminal, how to get an embedded API server, how an interruption (Ctrl-C) reaches a command, and
 * whether standard output was lost beyond this process. Tests pass their own; the daemon passes the client's.
 */
final class Environment {
  private final Map<String, String> variables;
  private final boolean console;
  private final Supplier<ClusterTarget> embedded;
  private final Function<Runnable, Runnable> interruptions;
  private final BooleanSupplier outputLost;

  Environment(Map<String, String> variables, boolean console, Supplier<ClusterTarget> embedded) {
    this(variables, console, embedded, Environment::onShutdown, () -> false);
  }

  /**
   * @param interruptions registers an action to run when the user interrupts the command, before it ends with
   *     exit code 130, and returns what unregisters it
   * @param outputLost true when what the command wrote to standard output could not be written where the user
   *     sent it (checked once, after the command)
   */
  Environment(Map<String, String> variables, boolean console, Supplier<ClusterTarget> embedded,
      Function<Runnable, Runnable> interruptions, BooleanSupplier outputLost) {
    this.variables = Map.copyOf(variables);
    this.console = console;
    this.embedded = Objects.requireNonNull(embedded, "embedded == null");
    this.interruptions = Objects.requireNonNull(interruptions, "interruptions == null");
    this.outputLost = Objects.requireNonNull(outputLost, "outputLost == null");
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

  /**
   * Runs {@code action} if the user interrupts the command (Ctrl-C), which then ends with exit code 130; the
   * returned action unregisters it.
   */
  Runnable onInterrupt(Runnable action) {
    return interruptions.apply(action);
  }

  /** True when standard output was lost beyond this process (the daemon's client could not write it). */
  boolean outputLost() {
    return outputLost.getAsBoolean();
  }

  /** Ctrl-C ends a JVM through its shutdown hooks (exit code 130): the action is one. */
  private static Runnable onShutdown(Runnable action) {
    Thread hook = new Thread(action, "shipshape-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    return () -> {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down: the hook is running.
      }
    };
  }
}
