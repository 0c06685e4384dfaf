package dev.shipshape.mesh.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ClusterSelection;
import dev.shipshape.cli.spi.DurationConverter;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.FieldManagerCheck;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.PlanExecutor;
import dev.shipshape.core.readiness.ConditionResult;
import dev.shipshape.mesh.release.Release;
import dev.shipshape.mesh.release.ReleaseListener;
import dev.shipshape.mesh.release.ReleaseReport;
import dev.shipshape.mesh.release.ReleaseRunner;
import dev.shipshape.mesh.release.ReleaseStep;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipshape mesh release SPEC}: runs a canary release or A/B test defined in a spec script, step by step. */
@Command(name = "release",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Runs the release (a CanaryRelease or AbTest) that a spec script assigns to a variable, by "
        + "default 'release', on top of the script's 'spec': each step is the spec's plan with the step's routes, "
        + "applied with server-side apply; after each step but the last the release's gate is polled until it "
        + "holds or times out. A failed step or gate applies the rollback step (all traffic to the stable "
        + "version). Every step is planned before the first is applied, so an invalid step changes nothing.",
        "Progress is one line per step, gate check and rollback, and the counts of each step's apply (created, "
            + "updated, unchanged, failed).",
        "Exits with 0 when every step applied and every gate held, 3 when the script cannot be loaded or the "
            + "spec or a step is invalid (nothing is applied), 5 when the release was rolled back (the reason is "
            + "printed)."})
final class MeshReleaseCommand extends PluginCommand {
  MeshReleaseCommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", paramLabel = "SPEC", description = "A spec script (*.jsh) that assigns a ClusterSpec to "
      + "'spec' and a release to the variable --release names.")
  Path script;

  @Mixin
  ClusterSelection cluster;

  @Option(names = "--release", paramLabel = "VARIABLE", defaultValue = "release", description = "The script's "
      + "variable that holds the release. By default, ${DEFAULT-VALUE}.")
  String variable;

  @Option(names = "--poll-interval", paramLabel = "D", defaultValue = "2s", converter = DurationConverter.class,
      description = "How often a gate is checked while it does not hold. By default, ${DEFAULT-VALUE}.")
  Duration pollInterval;

  @Option(names = "--field-manager", paramLabel = "M", defaultValue = "shipshape",
      description = "The field manager of server-side apply. By default, ${DEFAULT-VALUE}.")
  String fieldManager;

  @Override
  public Integer call() {
    FieldManagerCheck.check(fieldManager);
    if (!script.getFileName().toString().endsWith(".jsh")) {
      throw new CliException(ExitCode.INVALID_INPUT, script + " is not a spec script (*.jsh); a release is defined in "
          + "one, next to its spec");
    }
    Map<String, Object> variables = context().scriptVariables(script);
    Release release = release(variables);
    ClusterSpec base = (ClusterSpec) variables.get("spec");
    checkSteps(release, base);
    PrintWriter out = out();
    out.println("Release: " + release.name() + " (" + release.steps().size() + " steps"
        + release.gate().map(g -> ", gate: " + g).orElse("") + ")");
    try (LiveCluster target = context().connect(cluster)) {
      out.println("Target: " + target.description());
      out.flush();
      ApplyOptions options = ApplyOptions.builder().build();
      KubernetesExecutor kubernetes = KubernetesExecutor.builder(target.client()).strategy(target.defaultStrategy())
          .fieldManager(fieldManager).build();
      PlanExecutor executor = (plan, ignored) -> {
        ApplyReport applied = kubernetes.apply(plan, options);
        out.println("  applied: " + applied.counts().entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
            .collect(java.util.stream.Collectors.joining(", ")) + " in " + applied.elapsed().toMillis() + " ms");
        out.flush();
        return applied;
      };
      ReleaseReport report;
      try {
        report = ReleaseRunner.using(executor, target.client()).pollInterval(pollInterval)
            .listener(new Progress(out, release.steps().size())).run(release, base);
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot run the release on " + target.description() + ": "
            + e.getMessage() + " — check the connection and your permissions", e);
      }
      out.println(report.completed() ? "Release completed: " + report.completedSteps()
          : "Release rolled back: " + report.rollbackReason().orElseThrow() + "; steps completed before: "
              + report.completedSteps());
      out.flush();
      return (report.completed() ? ExitCode.OK : ExitCode.APPLY_FAILED).code();
    }
  }

  private Release release(Map<String, Object> variables) {
    Object value = variables.get(variable);
    if (value instanceof Release) return (Release) value;
    String why = !variables.containsKey(variable) ? "declares no variable '" + variable + "'"
        : "assigns " + (value == null ? "null" : "a " + value.getClass().getSimpleName()) + " to '" + variable
            + "', not a CanaryRelease or AbTest";
    throw new CliException(ExitCode.INVALID_INPUT, script + " " + why + " — add, for example, CanaryRelease "
        + variable + " = CanaryRelease.of(TrafficRoutes.forService(\"shop\", \"web\")).stable(\"v1\").canary(\"v2\");");
  }

  /** Plans the base spec, every step and the rollback, so that nothing is applied when one of them is invalid. */
  private void checkSteps(Release release, ClusterSpec base) {
    List<ReleaseStep> all = new ArrayList<>(release.steps());
    all.add(release.rollback());
    List<String> problems = new ArrayList<>();
    try {
      base.plan();
    } catch (SpecValidationException e) {
      e.problems().forEach(p -> problems.add("spec: " + p));
    }
    for (ReleaseStep step : all) {
      try {
        ReleaseRunner.plan(base, step);
      } catch (SpecValidationException e) {
        e.problems().stream().filter(dev.shipshape.core.Problem::isError)
            .forEach(p -> problems.add("step " + step.name() + ": " + p));
      }
    }
    if (problems.isEmpty()) return;
    throw new CliException(ExitCode.INVALID_INPUT, "the release " + release.name() + " is invalid, nothing "
        + "was applied:" + System.lineSeparator() + String.join(System.lineSeparator(), problems));
  }

  /** One line per event, flushed at once. */
  private static final class Progress implements ReleaseListener {
    private final PrintWriter out;
    private final int steps;
    private int started;

    Progress(PrintWriter out, int steps) {
      this.out = out;
      this.steps = steps;
    }

    @Override
    public void stepStart(ReleaseStep step) {
      print("step " + (++started) + "/" + steps + " " + step.name() + ": applying weights " + step.routes().split());
    }

    @Override
    public void stepEnd(ReleaseStep step) {
      print("step " + step.name() + ": applied");
    }

    @Override
    public void stepFailed(ReleaseStep step, String reason) {
      print("step " + step.name() + ": FAILED " + reason);
    }

    @Override
    public void gateChecked(ReleaseStep step, ConditionResult result) {
      print("  gate after " + step.name() + ": " + (result.isMet() ? "holds" : "not yet") + " (" + result.reason()
          + ")");
    }

    @Override
    public void rollbackStart(ReleaseStep rollback, String reason) {
      print("ROLLING BACK: " + rollback.name() + ", weights " + rollback.routes().split() + " — " + reason);
    }

    private void print(String line) {
      out.println(line);
      out.flush();
    }
  }
}
