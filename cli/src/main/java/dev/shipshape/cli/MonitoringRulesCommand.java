package dev.shipshape.cli;

import dev.shipshape.core.plan.Plan;
import dev.shipshape.monitoring.RuleFiles;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape monitoring rules SPEC [--out DIR]}: the spec's PrometheusRules as plain rule files. */
@Command(name = "rules",
    mixinStandardHelpOptions = true,
    description = {"Validates the spec and writes each of its PrometheusRules as a rule file in Prometheus' own "
        + "format ('groups:' at the top), which 'promtool check rules' checks and a Prometheus without the operator "
        + "loads through rule_files. Without --out, the files go to standard output, each after a '# FILE' line.",
        "Specs get their rules from Monitoring.builder()...build().addTo(spec), or from PrometheusRules of their own."},
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {
        "0:written",
        "1:the spec is invalid (every problem is listed, one per line), or it has no PrometheusRule",
        "2:usage error, or DIR cannot be written",
        "3:the spec cannot be loaded",
        "6:internal error"})
final class MonitoringRulesCommand implements Callable<Integer> {
  @ParentCommand
  MonitoringCommand parent;

  @Mixin
  SpecOptions specOptions;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write the files into DIR (created if missing),"
      + " named NAMESPACE-NAME.rules.yaml after their PrometheusRule.")
  Path out;

  @Override
  public Integer call() {
    Plan plan = specOptions.plan(ExitCode.INVALID_OR_CHANGED);
    PrintWriter stdout = parent.spec.commandLine().getOut();
    Map<String, String> files = RuleFiles.of(plan);
    if (files.isEmpty()) {
      throw new CliException(ExitCode.NO, "the spec has no PrometheusRule — add monitoring with"
          + " Monitoring.builder().build().addTo(spec)");
    }
    if (out == null) {
      files.forEach((name, text) -> stdout.print("# " + name + System.lineSeparator() + text));
    } else {
      List<Path> written;
      try {
        written = RuleFiles.write(plan, out);
      } catch (UncheckedIOException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage() + ": " + e.getCause().getMessage()
            + " — pass a writable directory to --out", e);
      }
      written.forEach(p -> stdout.println("Wrote " + p));
    }
    stdout.flush();
    return ExitCode.OK;
  }
}
