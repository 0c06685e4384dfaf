package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterTarget;
import dev.shipshape.cli.cluster.EmbeddedLogging;
import dev.shipshape.cli.internal.daemon.DaemonServer;
import dev.shipshape.cli.internal.daemon.DaemonSession;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.CliPlugin;
import dev.shipshape.cli.spi.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code shipshape} command: plan, render, diff and apply specs written as JShell scripts or YAML, and an
 * interactive JShell with the SDK. {@link #main} runs it and exits with the command's exit code.
 */
@Command(name = "shipshape",
    mixinStandardHelpOptions = true,
    versionProvider = Shipshape.Version.class,
    description = "Plans, renders, diffs and applies Kubernetes specs written as JShell scripts (*.jsh) or YAML, "
        + "opens a JShell session with the Shipshape SDK, and checks specs, manifests and clusters with the commands "
        + "of the SDK's modules: network reachability, security audit, RBAC questions, backups and more.")
public final class Shipshape implements Runnable {
  private final Environment environment;

  @Spec
  CommandSpec spec;

  Shipshape(Environment environment) {
    this.environment = environment;
  }

  /**
   * Runs the command line and exits with its exit code. Started with the system property
   * {@value DaemonServer#SERVE_PROPERTY} (by the daemon's client), the JVM becomes the daemon instead.
   */
  public static void main(String[] args) {
    if (DaemonServer.requested()) {
      EmbeddedLogging.quiet();
      try {
        DaemonServer.serve(Shipshape::runInDaemon);
      } catch (IOException e) {
        // Nobody reads a daemon's output: its clients run their commands themselves.
        System.exit(ExitCode.INTERNAL.code());
      }
      return;
    }
    Preload.start(args);
    EmbeddedLogging.quiet();
    System.exit(commandLine(Environment.system(), args).execute(args));
  }

  /** A command of a daemon's client: the daemon's environment is the client's (see {@code DaemonIdentity}). */
  private static int runInDaemon(String[] args, DaemonSession session) {
    // java.util.logging's console handler holds the standard error of when it was made: make it for this client.
    EmbeddedLogging.quiet();
    Environment environment = new Environment(System.getenv(), session.console(), ClusterTarget::embedded,
        session::onInterrupt, session::outputLost);
    CommandLine commandLine = commandLine(environment, args);
    // picocli decides on colours from this JVM's console, which a daemon has not: decide from the client's.
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(colours(environment)));
    return commandLine.execute(args);
  }

  /**
   * picocli's rule for {@code Ansi.AUTO} on a Unix-like system, applied to the client's console: {@code NO_COLOR}
   * (set at all) turns colours off, {@code CLICOLOR_FORCE} (but {@code 0}) on, {@code CLICOLOR=0} off, else a
   * console means colours.
   */
  private static CommandLine.Help.Ansi colours(Environment environment) {
    Map<String, String> variables = environment.variables();
    boolean on;
    if (variables.containsKey("NO_COLOR")) {
      on = false;
    } else if (variables.containsKey("CLICOLOR_FORCE") && !"0".equals(variables.get("CLICOLOR_FORCE"))) {
      on = true;
    } else {
      on = environment.console() && !"0".equals(variables.get("CLICOLOR"));
    }
    return on ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;
  }

  /** The command line over the real process environment, with every command, ready to {@code execute(args)}. */
  public static CommandLine commandLine() {
    return commandLine(Environment.system());
  }

  /** The command line with every command. */
  static CommandLine commandLine(Environment environment) {
    return commandLine(environment, new String[0]);
  }

  /**
   * The command line to execute {@code args} with: only the command they invoke is created (see
   * {@link Subcommands}), every command when they invoke none.
   */
  static CommandLine commandLine(Environment environment, String[] args) {
    CommandLine commandLine = new CommandLine(new Shipshape(environment));
    subcommands(environment, plugins()).addTo(commandLine, Subcommands.invoked(args));
    Handlers handlers = new Handlers(commandLine, environment);
    commandLine.setExecutionExceptionHandler(handlers);
    commandLine.setParameterExceptionHandler(handlers);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionStrategy(handlers);
    withExitCodes(commandLine);
    return commandLine;
  }

  /** The command line's own commands and those of {@code plugins}. */
  static Subcommands subcommands(Environment environment, List<CliPlugin> plugins) {
    // Lambdas, not constructor references: linking a constructor reference loads its class, a lambda's body
    // only when it runs.
    Map<String, Supplier<Object>> own = new LinkedHashMap<>();
    own.put("plan", () -> new PlanCommand());
    own.put("render", () -> new RenderCommand());
    own.put("diff", () -> new DiffCommand());
    own.put("apply", () -> new ApplyCommand());
    own.put("shell", () -> new ShellCommand());
    own.put("envdiff", () -> new EnvDiffCommand());
    Map<String, Supplier<Object>> last = new LinkedHashMap<>();
    last.put("version", () -> new VersionCommand());
    last.put("help", () -> new CommandLine.HelpCommand());
    last.put("completion", Shipshape::completion);
    return new Subcommands(own, last, plugins, new CommandContext(environment));
  }

  /** Every {@link CliPlugin} on the class path, in the order of their class names. */
  static List<CliPlugin> plugins() {
    return ServiceLoader.load(CliPlugin.class, Shipshape.class.getClassLoader()).stream()
        .sorted(Comparator.comparing(p -> p.type().getName())).map(ServiceLoader.Provider::get)
        .collect(Collectors.toList());
  }

  /** picocli's own generator: 'source <(shipshape completion)' completes commands and options in bash and zsh. */
  private static CommandLine completion() {
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().description("Prints a bash and zsh completion script: run "
        + "'source <(shipshape completion)', or save it to a bash_completion.d directory.");
    completion.getCommandSpec().usageMessage().hidden(false);
    return completion;
  }

  /** The one exit code table, in the help of the command and of every subcommand. */
  private static void withExitCodes(CommandLine commandLine) {
    commandLine.getCommandSpec().usageMessage().exitCodeListHeading(ExitCode.HEADING)
        .exitCodeList(ExitCode.table());
    commandLine.getSubcommands().values().forEach(Shipshape::withExitCodes);
  }

  /**
   * A command that printed to an unwritable standard output ({@code > /dev/full}, a closed pipe) fails: Java's
   * print streams swallow write errors, so they are asked after the command.
   */
  private static int checkingOutput(CommandLine commandLine, CommandLine.ParseResult parsed, int exitCode,
      Environment environment) {
    boolean failed = commandLine.getOut().checkError() || System.out.checkError() || environment.outputLost();
    if (!failed || exitCode > ExitCode.NO.code()) return exitCode;
    List<CommandLine> commands = parsed.asCommandLineList();
    CommandSpec command = commands.get(commands.size() - 1).getCommandSpec();
    // Advise --out only to commands that have it (render, monitoring rules).
    String out = Optional.ofNullable(command.findOption("--out"))
        .map(o -> ", or use " + o.longestName() + " " + o.paramLabel()).orElse("");
    commandLine.getErr().println(command.qualifiedName() + ": cannot write to standard output (disk full or "
        + "pipe closed?): the output is incomplete — write to a file on a disk with space" + out);
    return ExitCode.OUTPUT.code();
  }

  Environment environment() {
    return environment;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no command given: choose one of "
        + String.join(", ", spec.subcommands().keySet()));
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage()
        + " (run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage)");
    return ExitCode.USAGE.code();
  }

  private static int handle(Exception e, CommandLine commandLine, Environment environment) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof CliException) {
      err.println(e.getMessage());
      return ((CliException) e).exitCode().code();
    }
    err.println(commandLine.getCommandSpec().qualifiedName() + ": internal error: " + e
        + (environment.variable("SHIPSHAPE_DEBUG").isPresent() ? "" : " (set SHIPSHAPE_DEBUG=1 for the stack trace)"));
    if (environment.variable("SHIPSHAPE_DEBUG").isPresent()) e.printStackTrace(err);
    return ExitCode.INTERNAL.code();
  }

  /**
   * How a run executes and fails. A class rather than lambdas: the class-data sharing archive cannot hold a lambda
   * that implements one of picocli's interfaces (picocli's class files predate Java 6), and dumping one would keep
   * that interface and its implementations out of the archive too.
   */
  private static final class Handlers implements CommandLine.IExecutionStrategy,
      CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final CommandLine commandLine;
    private final Environment environment;

    Handlers(CommandLine commandLine, Environment environment) {
      this.commandLine = commandLine;
      this.environment = environment;
    }

    @Override
    public int execute(CommandLine.ParseResult parsed) {
      return checkingOutput(commandLine, parsed, new CommandLine.RunLast().execute(parsed), environment);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine failed, CommandLine.ParseResult parsed) {
      return handle(e, failed, environment);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
      return usageError(e, args);
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"shipshape " + Optional.ofNullable(Shipshape.class.getPackage().getImplementationVersion())
          .orElse("(development build)")};
    }
  }
}
