package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterException;
import dev.shipshape.cli.cluster.ClusterTarget;
import dev.shipshape.cli.cluster.Kubeconfig;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ClusterSelection;
import dev.shipshape.cli.spi.ExitCode;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/** Which cluster to talk to, as kubectl users expect, and how to reach it; shared by diff, apply and shell. */
final class ClusterOptions {

  @Mixin
  ClusterSelection selection;

  /**
   * Checks, without contacting it, that the chosen cluster can be used: the options go together, the kubeconfig
   * exists and holds the context. Commands call it before loading the spec, so that a missing kubeconfig is
   * reported at once rather than after the script compiled.
   *
   * @throws CliException with exit code {@link ExitCode#USAGE} or {@link ExitCode#CLUSTER}
   */
  void check(Environment environment) {
    if (selection.embedded()) {
      usableWithEmbedded(selection);
      return;
    }
    kubeconfig(selection, environment);
  }

  ClusterTarget connect(Environment environment) {
    return connect(selection, environment);
  }

  /**
   * Starts connecting to a cluster of a kubeconfig now, on a background thread, so that it overlaps loading and
   * planning the spec; an embedded server is started when the connection is joined.
   */
  PendingConnection connectAhead(Environment environment) {
    if (selection.embedded()) return PendingConnection.deferred(() -> connect(environment));
    return PendingConnection.started(() -> connect(environment));
  }

  /**
   * Connects to the cluster {@code selection} chooses.
   *
   * @throws CliException with exit code {@link ExitCode#CLUSTER} when it cannot be used
   */
  static ClusterTarget connect(ClusterSelection selection, Environment environment) {
    if (selection.embedded()) {
      usableWithEmbedded(selection);
      return environment.embeddedCluster();
    }
    Kubeconfig config = kubeconfig(selection, environment);
    try {
      return config.connect();
    } catch (ClusterException e) {
      throw new CliException(ExitCode.CLUSTER, e.getMessage(), e);
    }
  }

  /**
   * Connects to another context of the kubeconfig that {@code selection} chooses, such as the target of a
   * migration.
   *
   * @throws CliException with exit code {@link ExitCode#USAGE} with {@code --embedded}, {@link ExitCode#CLUSTER}
   *     when the context cannot be used
   */
  static ClusterTarget connectTo(ClusterSelection selection, Environment environment, String otherContext) {
    if (selection.embedded()) {
      throw new CliException(ExitCode.USAGE, "--embedded has no other context to connect to — drop one of them");
    }
    try {
      return Kubeconfig.resolve(selection.kubeconfig(), Optional.of(otherContext), environment.variables(),
          environment.home()).connect();
    } catch (ClusterException e) {
      throw new CliException(ExitCode.CLUSTER, e.getMessage(), e);
    }
  }

  private static void usableWithEmbedded(ClusterSelection selection) {
    if (selection.kubeconfig().isPresent() || selection.context().isPresent()) {
      throw new CliException(ExitCode.USAGE, "--embedded cannot be combined with --kubeconfig or --context — "
          + "drop one of them");
    }
  }

  private static Kubeconfig kubeconfig(ClusterSelection selection, Environment environment) {
    try {
      return Kubeconfig.resolve(selection.kubeconfig(), selection.context(), environment.variables(),
          environment.home());
    } catch (ClusterException e) {
      throw new CliException(ExitCode.CLUSTER, e.getMessage(), e);
    }
  }
}
