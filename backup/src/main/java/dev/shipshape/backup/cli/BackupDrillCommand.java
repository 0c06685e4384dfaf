package dev.shipshape.backup.cli;

import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.backup.drill.DrillResult;
import dev.shipshape.backup.drill.DrillRunner;
import dev.shipshape.backup.drill.RestoreDrill;
import dev.shipshape.backup.model.BackupSpec;
import dev.shipshape.backup.model.Schedule;
import dev.shipshape.backup.model.ScheduleSpec;
import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.DurationConverter;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.FindingOptions;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.LiveOptions;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shipshape backup drill SCHEDULE [--live]}: rehearses a restore of a schedule's newest backup into scratch
 * namespaces; prints the steps, or with {@code --live} runs them and reports.
 */
@Command(name = "drill",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Rehearses restoring SCHEDULE's newest completed backup into scratch namespaces (<namespace>-drill),"
        + " leaving the originals alone. Without --live: prints the drill's steps as commands. With --live: finds the"
        + " backup, reads its resource list through Velero, creates the Restore (in the cluster of --to-context, "
        + "for a migration), waits for it, compares the restored objects with the backup's by kind and name, "
        + "reports, and deletes the scratch namespaces, restored volumes and the Restore (unless --keep).",
        "A failed step is high, a gap in what could be compared medium; by default the command fails at high."})
final class BackupDrillCommand extends PluginCommand {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
  /** Stands for the schedule's namespaces, unknown until it is read, when the options are checked. */
  private static final String PLACEHOLDER_NAMESPACE = "ns";

  BackupDrillCommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", paramLabel = "SCHEDULE", description = "The Velero Schedule's name.")
  String schedule;

  @Option(names = "--namespace", paramLabel = "NS", description = "A namespace to restore; repeat for several. By "
      + "default, the namespaces the schedule names (required without --live).")
  List<String> namespaces = new ArrayList<>();

  @Option(names = "--velero-namespace", paramLabel = "NS", defaultValue = "velero", description = "The namespace "
      + "Velero runs in. By default, ${DEFAULT-VALUE}.")
  String veleroNamespace;

  @Option(names = "--suffix", paramLabel = "S", defaultValue = "-drill", description = "Appended to each "
      + "namespace's name for its scratch copy. By default, ${DEFAULT-VALUE}.")
  String suffix;

  @Mixin
  LiveOptions liveOptions;

  @Option(names = "--to-context", paramLabel = "NAME", description = "Restore into the cluster of this kubeconfig "
      + "context instead (--live): a migration rehearsal. Its Velero must see the same backup storage location.")
  String toContext;

  @Option(names = "--to-velero-namespace", paramLabel = "NS", description = "The namespace Velero runs in on the "
      + "--to-context cluster. By default, --velero-namespace.")
  String toVeleroNamespace;

  @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class, description = "The longest "
      + "wait for Velero, such as 1h (--live). By default, 30m.")
  Duration timeout;

  @Option(names = "--keep", description = "Leave the scratch namespaces, restored volumes and the Restore for "
      + "inspection (--live).")
  boolean keep;

  @Mixin
  FindingOptions findingOptions;

  @Override
  public Integer call() {
    liveOptions.requireLiveForClusterOptions();
    if (!liveOptions.live() && (toContext != null || toVeleroNamespace != null || keep)) {
      throw new CliException(ExitCode.USAGE, "--to-context, --to-velero-namespace and --keep belong to a drill that"
          + " runs — add --live");
    }
    if (!liveOptions.live() && timeout != null) {
      throw new CliException(ExitCode.USAGE, "--timeout bounds the waits of a drill that runs — add --live, or drop"
          + " it to print the steps");
    }
    Duration wait = Optional.ofNullable(timeout).orElse(DEFAULT_TIMEOUT);
    if (wait.isZero()) {
      throw new CliException(ExitCode.USAGE, "--timeout 0s leaves the drill no time — give how long to wait for "
          + "Velero, such as 30m");
    }
    if (!liveOptions.live()) {
      if (namespaces.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "name the namespaces to restore with --namespace, or add --live to"
            + " read them from the schedule");
      }
      Output.print(out(), steps(drill(Optional.empty(), namespaces)));
      return ExitCode.OK.code();
    }
    // Every option is checked before the cluster is contacted: the names the drill makes from them.
    drill(Optional.empty(), namespaces.isEmpty() ? List.of(PLACEHOLDER_NAMESPACE) : namespaces);
    try (LiveCluster source = context().connect(liveOptions.cluster())) {
      RestoreDrill drill = drill(liveSchedule(source), namespaces);
      DrillRunner runner = DrillRunner.on(source.client()).timeout(wait).keepRestored(keep);
      if (toContext == null) return print(runner.run(drill));
      try (LiveCluster target = context().connect(liveOptions.cluster(), toContext)) {
        return print(runner.restoringInto(target.client(), Optional.ofNullable(toVeleroNamespace)
            .orElse(veleroNamespace)).run(drill));
      }
    }
  }

  /**
   * The steps of a drill that does not run, in {@code --format}: commands, a JSON object, or SARIF without results
   * (only a drill that runs has findings) and a note saying so.
   */
  private String steps(RestoreDrill drill) {
    switch (findingOptions.format()) {
      case JSON:
        return drill.toJson();
      case SARIF:
        return FindingReport.builder().check("backup drill").addNotes("the drill did not run, so it has no "
            + "findings: without --live only its steps are printed (--format text or json)").build().toSarif();
      default:
        return drill.instructions();
    }
  }

  /** The result as {@code --fail-on} and {@code --exclude} make it, and the exit code it gives. */
  private int print(DrillResult result) {
    DrillResult shown = result.withFindings(findingOptions.shown(result.findings(), Optional.of(Severity.HIGH)));
    Output.print(out(), shown.render(findingOptions.format()));
    return (shown.findings().failed() ? ExitCode.NO : ExitCode.OK).code();
  }

  /** The schedule as the cluster has it. */
  private Optional<Schedule> liveSchedule(LiveCluster cluster) {
    Schedule live;
    try {
      live = cluster.client().resources(Schedule.class).inNamespace(veleroNamespace).withName(schedule).get();
    } catch (KubernetesClientException e) {
      throw new CliException(ExitCode.CLUSTER, "cannot read Schedule " + veleroNamespace + "/" + schedule + " from "
          + cluster.description() + " (HTTP " + e.getCode() + "): are Velero's CRDs installed?", e);
    }
    if (live == null) {
      throw new CliException(ExitCode.CLUSTER, "there is no Schedule " + veleroNamespace + "/" + schedule + " in "
          + cluster.description() + " — check the name and --velero-namespace");
    }
    return Optional.of(live);
  }

  /**
   * The drill of the namespaces {@code restored} (when empty, the live schedule's own) of the live schedule, or of
   * a stand-in schedule without it; a usage error naming what is wrong with the options.
   */
  private RestoreDrill drill(Optional<Schedule> live, List<String> restored) {
    Optional<BackupSpec> template = live.map(Schedule::getSpec).map(ScheduleSpec::template);
    try {
      // The drill uses the schedule's name and namespaces, not its cron; without the live one any cron will do.
      VeleroSchedule scheduled = VeleroSchedule.builder().name(schedule)
          .schedule(live.map(Schedule::getSpec).map(ScheduleSpec::schedule).orElse("@daily"))
          .veleroNamespace(veleroNamespace)
          .addAllIncludedNamespaces(template.map(BackupSpec::includedNamespaces).orElse(List.of()))
          .addAllExcludedNamespaces(template.map(BackupSpec::excludedNamespaces).orElse(List.of()))
          .build();
      return RestoreDrill.forSchedule(scheduled).namespaces(restored).suffix(suffix).build();
    } catch (SpecValidationException e) {
      throw new CliException(ExitCode.USAGE, "cannot drill Schedule " + veleroNamespace + "/" + schedule + ":"
          + System.lineSeparator() + e.getMessage(), e);
    }
  }
}
