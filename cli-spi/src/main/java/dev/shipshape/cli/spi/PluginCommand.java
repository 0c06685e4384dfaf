package dev.shipshape.cli.spi;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command of a {@link CliPlugin}: it keeps the {@link CliContext} it was created with and gives its
 * {@link #call()} the command line's output streams. {@code call()} returns an {@link ExitCode}'s
 * {@link ExitCode#code() code}, or throws a {@link CliException}.
 */
public abstract class PluginCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec
  private CommandSpec commandSpec;

  protected PluginCommand(CliContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  /** What the command line shares with this command. */
  protected final CliContext context() {
    return context;
  }

  /** The command line's standard output (the tests' writer when tests run the command line). */
  protected final PrintWriter out() {
    return commandSpec.commandLine().getOut();
  }

  /** The command line's standard error. */
  protected final PrintWriter err() {
    return commandSpec.commandLine().getErr();
  }
}
