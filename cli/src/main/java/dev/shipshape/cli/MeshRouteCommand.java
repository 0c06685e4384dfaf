package dev.shipshape.cli;

import dev.shipshape.mesh.route.MeshRouter;
import dev.shipshape.mesh.route.RouteResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape mesh route HOST SPEC|PATH}: where a request goes, worked out offline. */
@Command(name = "route",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Tells which VirtualService rule a request to HOST matches, and which subsets, workloads and "
        + "weights it reaches, with the mTLS mode of the destination. Reads a spec (its plan) or manifests. With "
        + "--from, checks the connections from that client workload to the destination pods against the "
        + "NetworkPolicies of the input and names the policies that block them.",
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {
        "0:routed (and, with --from, no NetworkPolicy blocks a destination that gets requests)",
        "1:with --from: a NetworkPolicy blocks the client from a destination that gets requests",
        "2:usage error (also a --from workload that is not in the input)",
        "3:PATH cannot be loaded (missing file, unreadable manifest, script error, invalid spec)",
        "6:internal error"})
final class MeshRouteCommand implements Callable<Integer> {
  @ParentCommand
  MeshCommand parent;

  @Parameters(index = "0", paramLabel = "HOST", description = "The host, such as web.shop.svc.cluster.local, or a "
      + "short name resolved in --namespace.")
  String host;

  @Parameters(index = "1", paramLabel = "PATH", description = "A spec script (*.jsh) or manifests.")
  Path path;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
      description = "The namespace of the client, where short hosts resolve. By default, ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--from", paramLabel = "NAMESPACE/WORKLOAD", description = "The client workload, such as "
      + "shop/frontend or shop/frontend[Deployment]. By default, none: NetworkPolicies are not checked.")
  String from;

  @Option(names = "--header", paramLabel = "K=V", description = "A request header; repeatable.")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(names = "--path", paramLabel = "P", defaultValue = "/", description = "The request path. By default, "
      + "${DEFAULT-VALUE}.")
  String requestPath;

  @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json. By default, "
      + "${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() {
    MeshRouter router = AnalysisInput.analyze(path, MeshRouter::of, p -> MeshRouter.ofFiles(List.of(p)));
    if (from != null) {
      try {
        router = router.from(from);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "--from " + e.getMessage(), e);
      }
    }
    RouteResult result = router.route(namespace, host, requestPath, headers);
    Output.print(parent.parent.spec.commandLine().getOut(),
        format == OutputFormat.JSON ? result.toJson() : result.toText());
    return result.blocked() ? ExitCode.NO : ExitCode.OK;
  }
}
