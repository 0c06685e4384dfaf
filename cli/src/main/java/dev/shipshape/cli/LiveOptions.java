package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterTarget;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --live} and the cluster selection of diff and apply ({@code --kubeconfig}, {@code --context},
 * {@code --embedded}); shared by the commands that check either files or a live cluster, read-only.
 */
final class LiveOptions {

  @Option(names = "--live", description = "Read the objects from a live cluster (read-only), chosen with "
      + "--kubeconfig, --context or --embedded.")
  boolean live;

  @Mixin
  ClusterOptions cluster;

  /**
   * Connects to the chosen cluster.
   *
   * @throws CliException with {@link ExitCode#CLUSTER} when it cannot be used
   */
  ClusterTarget connect(Environment environment) {
    return cluster.connect(environment);
  }

  /**
   * Checks that the cluster options come with {@code --live}: a cluster chosen for nothing is a mistake worth
   * reporting rather than ignoring.
   *
   * @throws CliException with {@link ExitCode#USAGE}
   */
  void requireLiveForClusterOptions() {
    if (!live && (cluster.embedded || cluster.kubeconfig != null || cluster.context != null)) {
      throw new CliException(ExitCode.USAGE, "--kubeconfig, --context and --embedded choose the cluster of --live"
          + " — add --live, or drop them to check files");
    }
  }
}
