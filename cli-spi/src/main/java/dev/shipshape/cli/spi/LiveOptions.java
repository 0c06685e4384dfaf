package dev.shipshape.cli.spi;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --live} and the {@link ClusterSelection} of {@code diff} and {@code apply}, as a picocli mixin for
 * commands that check either files or a live cluster, read-only; {@link CliContext#connect} connects to it.
 */
public final class LiveOptions {

  @Option(names = "--live", description = "Read the objects from a live cluster (read-only), chosen with "
      + "--kubeconfig, --context or --embedded.")
  private boolean live;

  @Mixin
  private ClusterSelection cluster;

  public boolean live() {
    return live;
  }

  public ClusterSelection cluster() {
    return cluster;
  }

  /**
   * Checks that the cluster options come with {@code --live}: a cluster chosen for nothing is a mistake worth
   * reporting rather than ignoring.
   *
   * @throws CliException with {@link ExitCode#USAGE}
   */
  public void requireLiveForClusterOptions() {
    if (!live && cluster.chosen()) {
      throw new CliException(ExitCode.USAGE, "--kubeconfig, --context and --embedded choose the cluster of --live"
          + " — add --live, or drop them to check files");
    }
  }
}
