package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterException;
import dev.shipshape.cli.cluster.Kubeconfig;
import dev.shipshape.cli.shell.ShellSession;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape shell [SCRIPT]}: an interactive JShell with the SDK ready. */
@Command(name = "shell",
    mixinStandardHelpOptions = true,
    description = {
        "Opens JShell with the Shipshape SDK on the class path, its packages imported and helpers for clusters and "
            + "specs defined; given a SCRIPT, runs it first, so that its spec is at the prompt.",
        // picocli wraps each line at 80 columns from the left margin: keep the table's lines within them.
        "Helpers:",
        "  client          a KubernetesClient for the kubeconfig's context (when a",
        "                  kubeconfig exists), or for an embedded API server with",
        "                  --embedded",
        "  embedded()      starts an in-process API server; use its client()",
        "  load(path)      runs a spec script (a Path or a String) as 'plan' does",
        "                  and returns its ClusterSpec",
        "  apply(spec, c)  plans and applies a ClusterSpec with client c, printing",
        "                  progress and the report",
        "  scriptDir       the directory of SCRIPT, else the current directory",
        "  scriptFile      the SCRIPT",
        "With a SCRIPT, such as examples/specs/minimal.jsh, its other variables, methods and types are at the "
            + "prompt too. Leave with /exit."})
final class ShellCommand implements Callable<Integer> {
  @ParentCommand
  Shipshape parent;

  @Mixin
  ClusterOptions clusterOptions;

  @Parameters(paramLabel = "SCRIPT", arity = "0..1", description = "A spec script to load as 'spec' before the "
      + "prompt.")
  Path script;

  @Override
  public Integer call() throws Exception {
    if (script != null && !Files.isRegularFile(script)) {
      throw new CliException(ExitCode.INVALID_INPUT, script + " does not exist — pass an existing .jsh script");
    }
    Optional<Kubeconfig> kubeconfig = clusterOptions.selection.embedded() ? Optional.empty() : kubeconfig();
    ShellSession session = ShellSession.create(
        kubeconfig.map(k -> k.files().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))),
        kubeconfig.map(Kubeconfig::context), clusterOptions.selection.embedded(), Optional.ofNullable(script));
    var out = parent.spec.commandLine().getOut();
    if (kubeconfig.isPresent()) {
      out.println("client: context " + kubeconfig.get().context() + "; embedded() starts an in-process API server");
    } else if (!clusterOptions.selection.embedded()) {
      out.println("No kubeconfig found, so 'client' is not defined: use embedded().client(), or restart with "
          + "--embedded or --kubeconfig FILE");
    }
    out.flush();
    return session.run(System.in, System.out, System.err, parent.environment().console());
  }

  /** The kubeconfig context; a missing default kubeconfig is fine, a bad explicit choice is an error. */
  private Optional<Kubeconfig> kubeconfig() {
    boolean explicit = clusterOptions.selection.kubeconfig().isPresent()
        || clusterOptions.selection.context().isPresent()
        || parent.environment().variable("KUBECONFIG").isPresent();
    try {
      return Optional.of(Kubeconfig.resolve(clusterOptions.selection.kubeconfig(),
          clusterOptions.selection.context(), parent.environment().variables(), parent.environment().home()));
    } catch (ClusterException e) {
      if (explicit) throw new CliException(ExitCode.CLUSTER, e.getMessage(), e);
      return Optional.empty();
    }
  }
}
