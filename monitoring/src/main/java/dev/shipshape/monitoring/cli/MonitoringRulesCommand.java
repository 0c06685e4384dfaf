package dev.shipshape.monitoring.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.cli.spi.SpecArguments;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.monitoring.RuleFiles;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shipshape monitoring rules SPEC [--out DIR]}: the spec's PrometheusRules as plain rule files. */
@Command(name = "rules",
    mixinStandardHelpOptions = true,
    description = {"Validates the spec and writes each of its PrometheusRules as a rule file in Prometheus' own "
        + "format ('groups:' at the top), which 'promtool check rules' checks and a Prometheus without the operator "
        + "loads through rule_files. Without --out, the files go to standard output, each after a '# FILE' line.",
        "Specs get their rules from Monitoring.builder()...build().addTo(spec), or from PrometheusRules of their own."})
final class MonitoringRulesCommand extends PluginCommand {
  MonitoringRulesCommand(CliContext context) {
    super(context);
  }

  @Mixin
  SpecArguments specArguments;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write the files into DIR (created if missing),"
      + " named NAMESPACE-NAME.rules.yaml after their PrometheusRule.")
  Path out;

  @Override
  public Integer call() {
    if (out != null) Output.requireDirectoryOrAbsent(out, "to print the rule files on standard output");
    Plan plan = context().plan(specArguments);
    PrintWriter stdout = out();
    Map<String, String> files = RuleFiles.of(plan);
    if (files.isEmpty()) {
      // An environment may leave monitoring out on purpose (a laptop): say so rather than advise adding it.
      throw new CliException(ExitCode.NO, plan.environment()
          .map(env -> "the spec has no PrometheusRule in environment " + env + ": the environment leaves monitoring "
              + "out, or the spec adds none — run without --env for the spec's own rules")
          .orElse("the spec has no PrometheusRule — add monitoring with Monitoring.builder().build().addTo(spec)"));
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
    return ExitCode.OK.code();
  }
}
