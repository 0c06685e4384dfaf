package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterTarget;
import dev.shipshape.cli.progress.ProgressBar;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.DurationConverter;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.FieldManagerCheck;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.PreflightException;
import dev.shipshape.core.apply.PrintingApplyListener;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape apply SPEC}: validates the spec, then applies it wave by wave with live progress. */
@Command(name = "apply",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Validates the spec and applies it wave by wave: server-side apply as the field manager, waiting "
        + "between waves for what the next wave needs. Nothing is applied when the spec is invalid. Progress is a "
        + "bar per wave on a terminal, plain lines otherwise (or when CI is set); the report lists what was "
        + "created, updated, pruned, failed (with the server's reason) or not attempted.")
final class ApplyCommand implements Callable<Integer> {

  /** How progress is shown. */
  enum Progress { AUTO, BAR, PLAIN }

  @ParentCommand
  Shipshape parent;

  @Mixin
  SpecOptions specOptions;

  @Mixin
  ClusterOptions clusterOptions;

  @Option(names = "--prune", description = "Delete objects this spec applied before that are no longer in it "
      + "(tracked with an ApplySet; objects outside the set are never touched).")
  boolean prune;

  @Option(names = "--dry-run", description = "Server-side dry run (dryRun=All): the server checks every object, "
      + "nothing is persisted.")
  boolean dryRun;

  @Option(names = "--field-manager", paramLabel = "M", defaultValue = "shipshape",
      description = "The field manager of server-side apply. By default, ${DEFAULT-VALUE}.")
  String fieldManager;

  @Option(names = "--force-conflicts", description = "Take over fields owned by other field managers instead "
      + "of reporting the conflicts.")
  boolean forceConflicts;

  @Option(names = "--wait", description = "Also wait, between waves, for Deployments, StatefulSets, DaemonSets, "
      + "Jobs and PVCs to be ready.")
  boolean waitForWorkloads;

  @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m", converter = DurationConverter.class,
      description = "The longest wait for one readiness gate, such as 90s, 5m or 1h. By default, ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
      description = "Requests in flight at once within a wave. By default, ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--strategy", paramLabel = "S", converter = StrategyConverter.class,
      completionCandidates = StrategyConverter.Names.class, description = "How objects are written: "
          + "${COMPLETION-CANDIDATES}. By default, server-side; auto (server-side, falling back to "
          + "create/merge-patch) with --embedded.")
  ApplyStrategy strategy;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", description = "auto, bar or plain. By "
      + "default, auto: a bar on an interactive terminal without CI set.")
  Progress progress;

  @Mixin
  FormatOption formatOption;

  @Override
  public Integer call() {
    if (concurrency < 1) {
      throw new CliException(ExitCode.USAGE, "--concurrency must be at least 1, not " + concurrency);
    }
    FieldManagerCheck.check(fieldManager);
    // A missing spec file before the kubeconfig (both cheap), the kubeconfig before the script compiles.
    SpecSource.requireExists(specOptions.spec());
    clusterOptions.check(parent.environment());
    PrintWriter stdout = parent.spec.commandLine().getOut();
    PendingConnection connection = clusterOptions.connectAhead(parent.environment());
    Plan plan = connection.during(() -> formatOption.plan(specOptions, stdout));
    // With --format json, standard output holds only the report; the plan and progress go to standard error.
    PrintWriter out = formatOption.json() ? parent.spec.commandLine().getErr() : stdout;
    out.print(plan.summary());
    out.println();
    out.flush();
    PartialReport partial = new PartialReport();
    try (ClusterTarget target = connection.join()) {
      out.println("Target: " + target.description());
      out.flush();
      KubernetesExecutor executor = KubernetesExecutor.builder(target.client())
          .strategy(strategy != null ? strategy : target.defaultStrategy())
          .fieldManager(fieldManager)
          .forceConflicts(forceConflicts)
          .concurrency(concurrency)
          .waitForWorkloads(waitForWorkloads)
          .timeout(timeout)
          .build();
      ApplyOptions options = ApplyOptions.builder()
          .dryRun(dryRun)
          .prune(prune)
          .listener(ApplyListener.composite(partial, listener(out)))
          .build();
      ApplyReport report;
      // Ctrl-C ends the command with exit code 130: print what was done before it goes.
      Runnable unregister = parent.environment().onInterrupt(() -> {
        if (!partial.interrupted()) return;
        out.println();
        out.print(partial.interruptedText());
        out.flush();
      });
      try {
        report = executor.apply(plan, options);
      } catch (PreflightException e) {
        // Checked before the first write: every problem at once, nothing written.
        throw new CliException(ExitCode.APPLY_FAILED, e.getMessage(), e);
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot apply to " + target.description() + ": " + e.getMessage()
            + " — check the connection and your permissions", e);
      } finally {
        unregister.run();
      }
      if (formatOption.json()) {
        FormatOption.print(stdout, report.toJson());
      } else {
        out.println();
        out.print(report.toText());
        out.flush();
      }
      return (report.isSuccess() ? ExitCode.OK : ExitCode.APPLY_FAILED).code();
    }
  }

  private ApplyListener listener(PrintWriter out) {
    boolean bar = progress == Progress.BAR
        || (progress == Progress.AUTO && parent.environment().interactiveTerminal());
    if (bar) return ProgressBar.start(out);
    return new PrintingApplyListener(new PrintStream(new LineOutputStream(out), true, StandardCharsets.UTF_8));
  }
}
