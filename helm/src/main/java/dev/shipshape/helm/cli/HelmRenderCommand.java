package dev.shipshape.helm.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.helm.HelmChart;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipshape helm render CHART [--values F] [--set k=v]}: a chart's objects as a plan would apply them. */
@Command(name = "render",
    mixinStandardHelpOptions = true,
    description = "Renders a local chart (directory or .tgz) with the bundled Helm and prints its objects as a spec's "
        + "plan applies them: CRDs and hooks in install order, the release namespace written into namespaced "
        + "objects, multi-document YAML.")
final class HelmRenderCommand extends PluginCommand {
  HelmRenderCommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", paramLabel = "CHART", description = "A chart directory or a packaged chart (.tgz).")
  Path chart;

  @Option(names = {"-f", "--values"}, paramLabel = "FILE", description = "A values file; repeatable, later files win.")
  List<Path> valuesFiles = new ArrayList<>();

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "A value at a dotted path, typed as Helm types "
      + "it; repeatable; applied after every values file.")
  Map<String, String> sets = new java.util.LinkedHashMap<>();

  @Option(names = "--release", paramLabel = "NAME", description = "The release name (default: the chart "
      + "directory's or archive's name).")
  String release;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", defaultValue = "default",
      description = "The release namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--include-tests", description = "Add the chart's test hooks, after everything else.")
  boolean includeTests;

  @Override
  public Integer call() {
    HelmChart.Builder builder = (Files.isDirectory(chart) ? HelmChart.directory(chart) : HelmChart.archive(chart))
        .release(release != null ? release : defaultRelease()).namespace(namespace).includeTests(includeTests);
    valuesFiles.forEach(builder::valuesFile);
    sets.forEach(builder::set);
    HelmChart helmChart = builder.build();
    Plan plan;
    try {
      plan = ClusterSpec.builder().name("helm-render").preExistingNamespace(namespace).component(helmChart).build()
          .plan();
    } catch (SpecValidationException e) {
      throw new CliException(ExitCode.INVALID_INPUT, chart + " cannot be rendered:" + System.lineSeparator()
          + e.problems().stream().filter(Problem::isError).map(p -> "  " + p).collect(Collectors.joining(
              System.lineSeparator())), e);
    }
    PrintWriter stdout = out();
    stdout.print(plan.toYaml());
    stdout.flush();
    PrintWriter stderr = err();
    helmChart.renderNotes().forEach(n -> stderr.println("note: " + n));
    stderr.flush();
    return ExitCode.OK.code();
  }

  /** {@code charts/web} → {@code web}, {@code web-1.2.3.tgz} → {@code web}. */
  private String defaultRelease() {
    String name = chart.toAbsolutePath().normalize().getFileName().toString();
    return name.replaceFirst("(-v?\\d+\\.\\d+\\.\\d+.*)?\\.t(ar\\.)?gz$", "");
  }
}
