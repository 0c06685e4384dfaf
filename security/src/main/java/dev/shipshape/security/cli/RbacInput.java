package dev.shipshape.security.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.LiveOptions;
import dev.shipshape.security.rbac.analysis.RbacAnalyzer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the RBAC objects of can-i and who-can come from: {@code --rbac PATH} or {@code --live}. */
final class RbacInput {

  @Option(names = "--rbac", paramLabel = "PATH", description = "The Roles, ClusterRoles and bindings of a spec "
      + "script (*.jsh, planned) or of a manifest file or directory (other kinds are ignored). Or --live.")
  Path path;

  @Mixin
  LiveOptions liveOptions;

  /**
   * The analyzer of the chosen RBAC objects.
   *
   * @throws CliException when neither or both sources are given, or the source cannot be read
   */
  RbacAnalyzer analyzer(CliContext context) {
    liveOptions.requireLiveForClusterOptions();
    if ((path == null) == !liveOptions.live()) {
      throw new CliException(ExitCode.USAGE, path == null ? "no RBAC objects to analyze — pass --rbac PATH or "
          + "--live" : "--rbac and --live exclude each other — choose one");
    }
    if (path != null) return read(context, path);
    try (LiveCluster target = context.connect(liveOptions.cluster())) {
      try {
        return RbacAnalyzer.fromCluster(target.client());
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot read the RBAC objects of " + target.description() + ": "
            + e.getMessage() + " — check the connection and that you may list Roles, ClusterRoles, RoleBindings "
            + "and ClusterRoleBindings", e);
      }
    }
  }

  /** The RBAC objects of a spec script or of manifests. */
  static RbacAnalyzer read(CliContext context, Path path) {
    return context.analyze(path, RbacAnalyzer::of, RbacAnalyzer::read);
  }
}
