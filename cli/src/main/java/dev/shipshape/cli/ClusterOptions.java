package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterException;
import dev.shipshape.cli.cluster.ClusterTarget;
import dev.shipshape.cli.cluster.Kubeconfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which cluster to talk to, as kubectl users expect; shared by diff, apply and shell. */
final class ClusterOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig file. By default, the files of "
      + "KUBECONFIG, else ~/.kube/config.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context. By default, the "
      + "kubeconfig's current-context.")
  String context;

  @Option(names = "--embedded", description = "Use an in-process API server started for this command instead of a "
      + "cluster (stores objects, runs no pods, no server-side apply: the strategy defaults to auto).")
  boolean embedded;

  /**
   * Checks, without contacting it, that the chosen cluster can be used: the options go together, the kubeconfig
   * exists and holds the context. Commands call it before loading the spec, so that a missing kubeconfig is
   * reported at once rather than after the script compiled.
   *
   * @throws CliException with exit code {@link ExitCode#USAGE} or {@link ExitCode#CLUSTER}
   */
  void check(Environment environment) {
    if (embedded) {
      usableWithEmbedded();
      return;
    }
    kubeconfig(environment);
  }

  /**
   * Connects to the chosen cluster.
   *
   * @throws CliException with exit code {@link ExitCode#CLUSTER} when it cannot be used
   */
  ClusterTarget connect(Environment environment) {
    if (embedded) {
      usableWithEmbedded();
      return environment.embeddedCluster();
    }
    Kubeconfig config = kubeconfig(environment);
    try {
      return config.connect();
    } catch (ClusterException e) {
      throw new CliException(ExitCode.CLUSTER, e.getMessage(), e);
    }
  }

  /**
   * Connects to another context of the same kubeconfig, such as the target of a migration.
   *
   * @throws CliException with exit code {@link ExitCode#USAGE} with {@code --embedded}, {@link ExitCode#CLUSTER}
   *     when the context cannot be used
   */
  ClusterTarget connectTo(Environment environment, String otherContext) {
    if (embedded) {
      throw new CliException(ExitCode.USAGE, "--embedded has no other context to connect to — drop one of them");
    }
    try {
      return Kubeconfig.resolve(Optional.ofNullable(kubeconfig), Optional.of(otherContext), environment.variables(),
          environment.home()).connect();
    } catch (ClusterException e) {
      throw new CliException(ExitCode.CLUSTER, e.getMessage(), e);
    }
  }

  private void usableWithEmbedded() {
    if (kubeconfig != null || context != null) {
      throw new CliException(ExitCode.USAGE, "--embedded cannot be combined with --kubeconfig or --context — "
          + "drop one of them");
    }
  }

  private Kubeconfig kubeconfig(Environment environment) {
    try {
      return Kubeconfig.resolve(Optional.ofNullable(kubeconfig), Optional.ofNullable(context), environment.variables(),
          environment.home());
    } catch (ClusterException e) {
      throw new CliException(ExitCode.CLUSTER, e.getMessage(), e);
    }
  }
}
