package dev.shipshape.security.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.OutputFormat;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.security.rbac.analysis.RbacDiff;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipshape rbac-diff OLD NEW}: who gains or loses which permission between two RBAC sets. */
@Command(name = "rbac-diff",
    mixinStandardHelpOptions = true,
    description = "Compares the RBAC objects of two specs or manifest sets: one line per permission a subject "
        + "gains (+) or loses (-), with the namespace it applies in or cluster-wide. A permission still covered "
        + "by another grant (a wildcard, a ClusterRoleBinding) is not a change.",
    footer = {"%nAs with 'diff', any exit code above 1 means an error."})
final class RbacDiffCommand extends PluginCommand {
  RbacDiffCommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", paramLabel = "OLD", description = "The RBAC objects before: a spec script (*.jsh) or "
      + "a manifest file or directory.")
  Path before;

  @Parameters(index = "1", paramLabel = "NEW", description = "The RBAC objects after, in the same forms.")
  Path after;

  @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json. By default, "
      + "${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() {
    RbacDiff diff = RbacInput.read(context(), before).diff(RbacInput.read(context(), after));
    Output.print(out(), format == OutputFormat.JSON ? diff.toJson() : diff.toText());
    return (diff.isEmpty() ? ExitCode.OK : ExitCode.NO).code();
  }
}
