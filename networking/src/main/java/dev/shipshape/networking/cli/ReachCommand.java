package dev.shipshape.networking.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.LiveOptions;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.reach.ConnectivityDiff;
import dev.shipshape.networking.reach.ExposureReport;
import dev.shipshape.networking.reach.Peer;
import dev.shipshape.networking.reach.ReachVerdict;
import dev.shipshape.networking.reach.ReachabilityAnalyzer;
import dev.shipshape.networking.reach.ReportFormat;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shipshape reach PATH|--live}: who can reach whom under the NetworkPolicies of a spec, of manifests or of a
 * live cluster (read-only).
 * Prints the connection list, or answers one question ({@code --from}/{@code --to}), or compares two inputs
 * ({@code --diff}), or lists the exposed workloads ({@code --exposure}).
 */
@Command(name = "reach",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Computes which workloads can reach which under the NetworkPolicies of a spec, of manifests "
        + "(offline) or of a live cluster (--live, read-only), with the semantics of the Kubernetes documentation. By default, prints every allowed "
        + "connection, one per line ('src => dst : connections'), as the np-guard netpol-analyzer does, and "
        + "nothing else on standard output (warnings about skipped files go to standard error).",
        "Workloads are named NAMESPACE/NAME, or NAMESPACE/NAME[Kind] when two kinds share a name; addresses "
        + "outside the cluster as an IPv4 address or CIDR."})
final class ReachCommand extends PluginCommand {
  ReachCommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A spec script (*.jsh), whose plan "
      + "is analyzed, or a manifest file (*.yaml, *.yml, *.json) or a directory of them; other files are skipped. "
      + "Or --live.")
  Path path;

  @Mixin
  LiveOptions liveOptions;

  @Option(names = "--format", paramLabel = "F", defaultValue = "txt", description = "txt, json, dot (Graphviz) or "
      + "mermaid; --from/--to, --diff and --exposure print txt or json. By default, ${DEFAULT-VALUE}.")
  ReportFormat format;

  @Option(names = "--from", paramLabel = "NS/WORKLOAD", description = "With --to: can this workload (or "
      + "address) reach the other? Prints the answer and why: the policies that select each side and the rules "
      + "that match.")
  String from;

  @Option(names = "--to", paramLabel = "NS/WORKLOAD", description = "The destination of --from.")
  String to;

  @Option(names = "--port", paramLabel = "PORT[/PROTO]", converter = ReachPort.Converter.class,
      description = "The port of --from/--to, such as 8080, 8080/TCP or 53/UDP (TCP by default). Without it, "
          + "the question is whether any TCP port is open.")
  ReachPort port;

  @Option(names = "--diff", paramLabel = "OTHER_PATH", description = "Compare with another spec or manifests: "
      + "the connections that OTHER_PATH adds, removes or changes compared with PATH (or the live cluster).")
  Path other;

  @Option(names = "--exposure", description = "List the workloads that accept connections from any namespace or "
      + "from outside the cluster, and those that may connect there.")
  boolean exposure;

  @Override
  public Integer call() {
    checkOptions();
    ReachabilityAnalyzer analyzer = path != null ? load(path) : loadLive();
    PrintWriter out = out();
    ExitCode exitCode = ExitCode.OK;
    if (from != null) {
      ReachVerdict verdict = query(analyzer);
      Output.print(out, format == ReportFormat.JSON ? verdict.toJson() : verdict.toText());
      exitCode = verdict.allowed() ? ExitCode.OK : ExitCode.NO;
    } else if (other != null) {
      ConnectivityDiff diff = analyzer.diff(load(other));
      Output.print(out, format == ReportFormat.JSON ? diff.toJson() : diff.toText());
      exitCode = diff.isEmpty() ? ExitCode.OK : ExitCode.NO;
    } else if (exposure) {
      ExposureReport report = analyzer.exposure();
      Output.print(out, format == ReportFormat.JSON ? report.toJson() : report.toText());
    } else {
      Output.print(out, analyzer.connectivity().render(format));
    }
    out.flush();
    return exitCode.code();
  }

  private void checkOptions() {
    liveOptions.requireLiveForClusterOptions();
    if ((path == null) == !liveOptions.live()) {
      throw new CliException(ExitCode.USAGE, path == null ? "nothing to analyze — pass a PATH (spec script or "
          + "manifests) or --live" : "PATH and --live exclude each other — analyze one or the other");
    }
    if ((from == null) != (to == null)) {
      throw new CliException(ExitCode.USAGE, "--from and --to go together — pass both to ask about one connection");
    }
    if (port != null && from == null) {
      throw new CliException(ExitCode.USAGE, "--port applies to --from/--to — add them, or drop --port");
    }
    int modes = (from != null ? 1 : 0) + (other != null ? 1 : 0) + (exposure ? 1 : 0);
    if (modes > 1) {
      throw new CliException(ExitCode.USAGE, "--from/--to, --diff and --exposure exclude each other — choose one");
    }
    if (modes == 1 && format != ReportFormat.TXT && format != ReportFormat.JSON) {
      throw new CliException(ExitCode.USAGE, "--format " + format.name().toLowerCase(Locale.ROOT)
          + " draws the connection list; --from/--to, --diff and --exposure print txt or json");
    }
  }

  private ReachabilityAnalyzer load(Path input) {
    return report(context().analyze(input, ReachabilityAnalyzer::of, ReachabilityAnalyzer::load));
  }

  private ReachabilityAnalyzer report(ReachabilityAnalyzer analyzer) {
    PrintWriter err = err();
    analyzer.warnings().forEach(w -> err.println("warning: " + w));
    err.flush();
    return analyzer;
  }

  private ReachabilityAnalyzer loadLive() {
    try (LiveCluster target = context().connect(liveOptions.cluster())) {
      try {
        return report(ReachabilityAnalyzer.fromCluster(target.client()));
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot read the objects to analyze from " + target.description()
            + ": " + e.getMessage() + " — check the connection and your permissions (reach lists Namespaces, "
            + "Pods, workloads and NetworkPolicies)", e);
      }
    }
  }

  private ReachVerdict query(ReachabilityAnalyzer analyzer) {
    Peer source = peer(analyzer, "--from", from);
    Peer destination = peer(analyzer, "--to", to);
    Protocol protocol = port == null ? Protocol.TCP : port.protocol();
    try {
      return analyzer.canReach(source, destination, Optional.ofNullable(port).map(ReachPort::number), protocol);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage() + " — name a workload as NAMESPACE/NAME", e);
    }
  }

  private static Peer peer(ReachabilityAnalyzer analyzer, String option, String text) {
    try {
      return analyzer.peer(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, option + ": " + e.getMessage(), e);
    }
  }
}
