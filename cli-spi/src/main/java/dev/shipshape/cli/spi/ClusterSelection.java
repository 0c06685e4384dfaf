package dev.shipshape.cli.spi;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which cluster to talk to, as kubectl users expect: {@code --kubeconfig}, {@code --context} and
 * {@code --embedded}; a picocli mixin shared by {@code diff}, {@code apply}, {@code shell} and {@link LiveOptions}.
 */
public final class ClusterSelection {

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig file. By default, the files of "
      + "KUBECONFIG, else ~/.kube/config.")
  private Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context. By default, the "
      + "kubeconfig's current-context.")
  private String context;

  @Option(names = "--embedded", description = "Use an in-process API server started for this command instead of a "
      + "cluster (stores objects, runs no pods, no server-side apply: the strategy defaults to auto).")
  private boolean embedded;

  public Optional<Path> kubeconfig() {
    return Optional.ofNullable(kubeconfig);
  }

  public Optional<String> context() {
    return Optional.ofNullable(context);
  }

  public boolean embedded() {
    return embedded;
  }

  /** True when any of the three options was given. */
  public boolean chosen() {
    return embedded || kubeconfig != null || context != null;
  }
}
