package dev.shipshape.cli;

import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.OutputFormat;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.env.EnvironmentDiff;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape envdiff A B SPEC}: how two environments' plans of one spec differ. */
@Command(name = "envdiff",
    mixinStandardHelpOptions = true,
    description = {"Plans the spec for environments A and B and shows exactly how the two plans differ: the objects "
        + "only one of them has, and for each object both have, every field that differs (~ path: A -> B; + path: "
        + "only in B; - path: only in A) and a different wave. Everything not listed is identical. Secret values are "
        + "never shown. Does not contact a cluster.",
        "Environments are declared in the spec: ClusterSpec.builder().environment(Environment.of(\"laptop\", "
            + "Overrides.replicas(1), ...))."})
final class EnvDiffCommand implements Callable<Integer> {
  @ParentCommand
  Shipshape parent;

  @Parameters(index = "0", paramLabel = "A", description = "The first environment, such as laptop.")
  String left;

  @Parameters(index = "1", paramLabel = "B", description = "The second environment, such as production.")
  String right;

  @Parameters(index = "2", paramLabel = "SPEC", description = "A spec script (*.jsh) that assigns a ClusterSpec "
      + "with environments to a variable named 'spec'.")
  Path spec;

  @Option(names = "--kubernetes-version", paramLabel = "V", description = "The Kubernetes version to plan for; by "
      + "default, the spec's.")
  String kubernetesVersion;

  @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json. By default, "
      + "${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() {
    ClusterSpec loaded = SpecOptions.load(spec, Optional.ofNullable(kubernetesVersion));
    EnvironmentDiff diff = EnvironmentDiff.between(SpecOptions.plan(spec, loaded, Optional.of(left)),
        SpecOptions.plan(spec, loaded, Optional.of(right)));
    Output.print(parent.spec.commandLine().getOut(),
        format == OutputFormat.JSON ? diff.toJson().toPrettyString() : diff.toText());
    return ExitCode.OK.code();
  }
}
