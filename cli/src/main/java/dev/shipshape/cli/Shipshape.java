package dev.shipshape.cli;

import dev.shipshape.cli.cluster.EmbeddedLogging;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
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
        + "opens a JShell session with the Shipshape SDK, and checks specs, manifests and clusters: network "
        + "reachability, security audit, RBAC questions and backups.",
    subcommands = {PlanCommand.class, RenderCommand.class, DiffCommand.class, ApplyCommand.class,
        ShellCommand.class, ReachCommand.class, AuditCommand.class, CanICommand.class, WhoCanCommand.class,
        RbacDiffCommand.class, BackupCommand.class, MonitoringCommand.class, HelmCommand.class, MeshCommand.class,
        StorageCommand.class, ReadinessCommand.class, VersionCommand.class, EnvDiffCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {
        "0:success",
        "1:invalid spec (plan, render, apply); differences found (diff, rbac-diff, reach --diff); the answer is "
            + "no (can-i, reach --from/--to); findings at --fail-on (audit); a failed check (backup check)",
        "2:usage error: unknown option, missing or malformed argument",
        "3:spec cannot be loaded (missing file, script error, no 'spec'); invalid spec (diff and the checking "
            + "commands)",
        "4:cluster unusable: no kubeconfig, unknown context, unreachable, credentials rejected",
        "5:apply failed: some objects failed or were not attempted",
        "6:internal error"})
public final class Shipshape implements Runnable {
  private final Environment environment;

  @Spec
  CommandSpec spec;

  Shipshape(Environment environment) {
    this.environment = environment;
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    EmbeddedLogging.quiet();
    System.exit(commandLine().execute(args));
  }

  /** The command line over the real process environment, ready to {@code execute(args)}. */
  public static CommandLine commandLine() {
    return commandLine(Environment.system());
  }

  static CommandLine commandLine(Environment environment) {
    CommandLine commandLine = new CommandLine(new Shipshape(environment));
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> handle(e, cl, environment));
    commandLine.setParameterExceptionHandler(Shipshape::usageError);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionStrategy(parsed -> checkingOutput(commandLine, parsed,
        new CommandLine.RunLast().execute(parsed)));
    // picocli's own generator: 'source <(shipshape completion)' completes commands and options in bash and zsh.
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().description("Prints a bash and zsh completion script: run "
        + "'source <(shipshape completion)', or save it to a bash_completion.d directory.");
    completion.getCommandSpec().usageMessage().hidden(false);
    commandLine.addSubcommand("completion", completion);
    return commandLine;
  }

  /**
   * A command that printed to an unwritable standard output ({@code > /dev/full}, a closed pipe) fails: Java's
   * print streams swallow write errors, so they are asked after the command.
   */
  private static int checkingOutput(CommandLine commandLine, CommandLine.ParseResult parsed, int exitCode) {
    boolean failed = commandLine.getOut().checkError() || System.out.checkError();
    if (!failed || exitCode > ExitCode.NO) return exitCode;
    List<CommandLine> commands = parsed.asCommandLineList();
    String name = commands.get(commands.size() - 1).getCommandSpec().qualifiedName();
    commandLine.getErr().println(name + ": cannot write to standard output (disk full or "
        + "pipe closed?): the output is incomplete — write to a file on a disk with space, or use --out DIR");
    return ExitCode.OUTPUT;
  }

  Environment environment() {
    return environment;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no command given: choose plan, render, diff, apply or shell, "
        + "or one of the checks reach, audit, can-i, who-can, rbac-diff, backup check");
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage()
        + " (run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage)");
    return ExitCode.USAGE;
  }

  private static int handle(Exception e, CommandLine commandLine, Environment environment) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof CliException) {
      err.println(e.getMessage());
      return ((CliException) e).exitCode();
    }
    err.println(commandLine.getCommandSpec().qualifiedName() + ": internal error: " + e
        + (environment.variable("SHIPSHAPE_DEBUG").isPresent() ? "" : " (set SHIPSHAPE_DEBUG=1 for the stack trace)"));
    if (environment.variable("SHIPSHAPE_DEBUG").isPresent()) e.printStackTrace(err);
    return ExitCode.INTERNAL;
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
