package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterTarget;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.FieldManagerCheck;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.diff.DiffReport;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape diff SPEC}: what applying the spec would change, with kubectl diff's exit codes. */
@Command(name = "diff",
    mixinStandardHelpOptions = true,
    description = "Compares the spec with the cluster: each object that applying would create or change, with its "
        + "changed fields (server-populated fields and Secret values left out), then the counts.",
    footer = {"%nAs with 'kubectl diff', any exit code above 1 means an error."})
final class DiffCommand implements Callable<Integer> {
  @ParentCommand
  Shipshape parent;

  @Mixin
  SpecOptions specOptions;

  @Mixin
  ClusterOptions clusterOptions;

  @Mixin
  FormatOption formatOption;

  @Option(names = "--field-manager", paramLabel = "M", defaultValue = "shipshape",
      description = "The field manager whose apply is compared. By default, ${DEFAULT-VALUE}.")
  String fieldManager;

  @Override
  public Integer call() {
    FieldManagerCheck.check(fieldManager);
    // A missing spec file before the kubeconfig (both cheap), the kubeconfig before the script compiles.
    SpecSource.requireExists(specOptions.spec());
    clusterOptions.check(parent.environment());
    PrintWriter out = parent.spec.commandLine().getOut();
    PendingConnection connection = clusterOptions.connectAhead(parent.environment());
    Plan plan = connection.during(() -> formatOption.plan(specOptions, out));
    DiffReport report;
    try (ClusterTarget target = connection.join()) {
      try {
        report = KubernetesExecutor.builder(target.client()).fieldManager(fieldManager).build().diff(plan);
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot read the objects of " + specOptions.spec() + " from "
            + target.description() + ": " + e.getMessage() + " — check the connection and your permissions", e);
      }
    }
    if (formatOption.json()) {
      FormatOption.print(out, report.toJson());
    } else {
      out.print(report.toText());
      out.flush();
    }
    return (report.hasChanges() ? ExitCode.NO : ExitCode.OK).code();
  }
}
