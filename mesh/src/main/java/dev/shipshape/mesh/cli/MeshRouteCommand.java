package dev.shipshape.mesh.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.OutputFormat;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.mesh.route.MeshRouter;
import dev.shipshape.mesh.route.RouteResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code shipshape mesh route HOST SPEC|PATH}: where a request goes, worked out offline. */
@Command(name = "route",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Tells which VirtualService rule a request to HOST matches, and which subsets, workloads, ports "
        + "and weights it reaches, with the mTLS mode of the destination. The request is sent to --port of HOST's "
        + "Service, by default its only port; rules whose match names a port apply to requests on that port only. "
        + "Reads a spec (its plan) or manifests. With "
        + "--from, checks the connections from that client workload to the destination pods against the "
        + "NetworkPolicies of the input and names the policies that block them; then exits with 1 when a "
        + "NetworkPolicy blocks the client from a destination that gets requests, and with 2 when the workload is "
        + "not in the input.")
final class MeshRouteCommand extends PluginCommand {
  MeshRouteCommand(CliContext context) {
    super(context);
  }

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

  @Option(names = "--port", paramLabel = "N", converter = PortConverter.class, description = "The Service port "
      + "the request is sent to. By default, the only port of HOST's Service; for a Service with several, none: "
      + "matches that name a port then match nothing, and a note says so.")
  Integer port;

  @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json. By default, "
      + "${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() {
    MeshRouter router = context().analyze(path, MeshRouter::of, p -> MeshRouter.ofFiles(List.of(p)));
    if (from != null) {
      try {
        router = router.from(from);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "--from " + e.getMessage(), e);
      }
    }
    RouteResult result = port == null ? router.route(namespace, host, requestPath, headers)
        : router.route(namespace, host, port, requestPath, headers);
    Output.print(out(),
        format == OutputFormat.JSON ? result.toJson() : result.toText());
    return (result.blocked() ? ExitCode.NO : ExitCode.OK).code();
  }

  /** {@code --port} values: a port number, 1 to 65535. */
  static final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int port;
      try {
        port = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        port = 0;
      }
      if (port < 1 || port > 65535) {
        throw new TypeConversionException("port '" + value + "' is not a number between 1 and 65535");
      }
      return port;
    }
  }
}
