package dev.shipshape.mesh.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.LiveOptions;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.mesh.analysis.IstioAnalyzeJson;
import dev.shipshape.mesh.analysis.IstioMessage;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code shipshape mesh analyze SPEC|PATH|--live}: Istio configuration analysis, compatible with istioctl's. */
@Command(name = "analyze",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Analyzes Istio configuration as istioctl analyze does: VirtualService destinations, gateways, "
        + "subsets and shadowed rules, DestinationRule subsets and CA certificates, Gateway ports, conflicts and "
        + "secrets, ServiceEntries, Sidecars, AuthorizationPolicies, Telemetry, Service port names, Deployments "
        + "and Pods, and sidecar injection. Messages carry Istio's codes (IST0101, …).",
        "--format json prints what istioctl analyze -o json prints: an array of messages with code, level, "
            + "message and origin."})
final class MeshAnalyzeCommand extends PluginCommand {
  MeshAnalyzeCommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A spec script (*.jsh), whose "
      + "plan is analyzed, or a manifest file or a directory of them. Or --live.")
  Path path;

  @Mixin
  LiveOptions liveOptions;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "With --live: only these namespaces "
      + "(and istio-system). By default, every namespace.")
  List<String> namespaces = List.of();

  @Option(names = "--analyzer", paramLabel = "NAME", description = "Run only these analyzers, by the names "
      + "istioctl analyze --list-analyzers prints, such as virtualservice.GatewayAnalyzer.")
  List<String> analyzers = List.of();

  @Option(names = "--format", paramLabel = "F", defaultValue = "text", converter = FormatConverter.class,
      description = "text, json (istioctl analyze -o json) or sarif. By default, ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "Error", converter = LevelConverter.class,
      description = "Exit with 1 when a message has this level or a worse one: Info, Warning or Error. By "
          + "default, ${DEFAULT-VALUE}.")
  IstioMessage.Level failOn;

  @Override
  public Integer call() {
    liveOptions.requireLiveForClusterOptions();
    if ((path == null) == !liveOptions.live()) {
      throw new CliException(ExitCode.USAGE, path == null ? "nothing to analyze — pass a PATH (spec script or "
          + "manifests) or --live" : "PATH and --live exclude each other — analyze one or the other");
    }
    MeshAnalyzer analyzer;
    try {
      analyzer = analyzers.isEmpty() ? MeshAnalyzer.all() : MeshAnalyzer.only(analyzers);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage(), e);
    }
    FindingReport report = path != null
        ? context().analyze(path, analyzer::analyze, p -> analyzer.analyzeFiles(List.of(p)))
        : runLive(analyzer);
    report = report.failingAt(failOn.severity());
    String text = format.equals("json") ? IstioAnalyzeJson.render(report)
        : format.equals("sarif") ? report.toSarif() : report.toText();
    Output.print(out(), text);
    return (report.failed() ? ExitCode.NO : ExitCode.OK).code();
  }

  private FindingReport runLive(MeshAnalyzer analyzer) {
    try (LiveCluster target = context().connect(liveOptions.cluster())) {
      try {
        return analyzer.analyzeLive(target.client(), namespaces);
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot read the objects to analyze from " + target.description()
            + ": " + e.getMessage() + " — check the connection and your permissions", e);
      }
    }
  }

  /** {@code --format} values. */
  static final class FormatConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.toLowerCase(java.util.Locale.ROOT);
      if (!List.of("text", "json", "sarif").contains(v)) {
        throw new TypeConversionException("format '" + value + "' is not one of text, json, sarif");
      }
      return v;
    }
  }

  /** {@code --fail-on} values. */
  static final class LevelConverter implements ITypeConverter<IstioMessage.Level> {
    @Override
    public IstioMessage.Level convert(String value) {
      try {
        return IstioMessage.Level.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
