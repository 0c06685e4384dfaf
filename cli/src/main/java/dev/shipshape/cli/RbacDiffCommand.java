package dev.shipshape.cli;

import dev.shipshape.security.rbac.analysis.RbacDiff;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape rbac-diff OLD NEW}: who gains or loses which permission between two RBAC sets. */
@Command(name = "rbac-diff",
    mixinStandardHelpOptions = true,
    description = "Compares the RBAC objects of two specs or manifest sets: one line per permission a subject "
        + "gains (+) or loses (-), with the namespace it applies in or cluster-wide. A permission still covered "
        + "by another grant (a wildcard, a ClusterRoleBinding) is not a change.",
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {
        "0:no RBAC changes",
        "1:some subject gains or loses a permission",
        "2:usage error",
        "3:OLD or NEW cannot be loaded (missing file, unreadable manifest, script error, invalid spec)",
        "6:internal error"},
    footer = {"%nAs with 'diff', any exit code above 1 means an error."})
final class RbacDiffCommand implements Callable<Integer> {
  @ParentCommand
  Shipshape parent;

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
    RbacDiff diff = RbacInput.read(before).diff(RbacInput.read(after));
    Output.print(parent.spec.commandLine().getOut(), format == OutputFormat.JSON ? diff.toJson() : diff.toText());
    return diff.isEmpty() ? ExitCode.OK : ExitCode.NO;
  }
}
