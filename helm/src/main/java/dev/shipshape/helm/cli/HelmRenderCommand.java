package dev.shipshape.helm.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.KubernetesVersionConverter;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.versions.SupportWindow;
import dev.shipshape.helm.HelmChart;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shipshape helm render CHART [--values F] [--set EXPRESSION] [--set-string EXPRESSION]}: a chart's objects as
 * a plan would apply them.
 */
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

  @Option(names = "--set", paramLabel = "EXPRESSION", description = "Values as Helm's --set reads them: PATH=VALUE "
      + "assignments separated by ',' (a.b=x,a.c=y), {a,b} lists, name[0] list items, \\, and \\. for a literal "
      + "comma and dot, true/false/null and integers typed as Helm types them; repeatable; applied after every "
      + "values file.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--set-string", paramLabel = "EXPRESSION", description = "As --set, every value a string; "
      + "repeatable; applied after every --set.")
  List<String> stringSets = new ArrayList<>();

  @Option(names = "--release", paramLabel = "NAME", description = "The release name (default: the chart "
      + "directory's or archive's name).")
  String release;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", defaultValue = "default",
      description = "The release namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--include-tests", description = "Add the chart's test hooks, after everything else.")
  boolean includeTests;

  @Option(names = "--kubernetes-version", paramLabel = "V", converter = KubernetesVersionConverter.class,
      description = "The Kubernetes version the templates see in .Capabilities and Chart.yaml's kubeVersion is "
          + "checked against, such as 1.33 (default: the newest the SDK knows).")
  KubernetesVersion kubernetesVersion = SupportWindow.NEWEST_KNOWN;

  @Override
  public Integer call() {
    HelmChart.Builder builder = (Files.isDirectory(chart) ? HelmChart.directory(chart) : HelmChart.archive(chart))
        .release(release != null ? release : defaultRelease()).namespace(namespace).includeTests(includeTests);
    valuesFiles.forEach(builder::valuesFile);
    sets.forEach(builder::set);
    stringSets.forEach(builder::setString);
    HelmChart helmChart = builder.build();
    Plan plan;
    try {
      plan = ClusterSpec.builder().name("helm-render").kubernetesVersion(kubernetesVersion)
          .preExistingNamespace(namespace).component(helmChart).build().plan();
    } catch (SpecValidationException e) {
      throw new CliException(ExitCode.INVALID_INPUT, chart + " cannot be rendered:" + System.lineSeparator()
          + e.problems().stream().filter(Problem::isError).map(p -> "  " + p).collect(Collectors.joining(
              System.lineSeparator())), e);
    }
    PrintWriter stdout = out();
    stdout.print(plan.toYaml());
    stdout.flush();
    PrintWriter stderr = err();
    helmChart.renderNotes(kubernetesVersion).forEach(n -> stderr.println("note: " + n));
    stderr.flush();
    return ExitCode.OK.code();
  }

  /** {@code charts/web} → {@code web}, {@code web-1.2.3.tgz} → {@code web}. */
  private String defaultRelease() {
    String name = chart.toAbsolutePath().normalize().getFileName().toString();
    return name.replaceFirst("(-v?\\d+\\.\\d+\\.\\d+.*)?\\.t(ar\\.)?gz$", "");
  }
}
