package dev.shipshape.backup.cli;

import dev.shipshape.backup.BackupChecks;
import dev.shipshape.backup.preflight.VeleroPreflight;
import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.DurationConverter;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.FindingOptions;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.LiveOptions;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipshape backup check SPEC|--live}: the spec's Velero configuration, and Velero on a live cluster. */
@Command(name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Checks backups without taking one. With SPEC: validates its Velero configuration (schedules' "
        + "cron and ttl, include/exclude filters, storage locations, hooks against the spec's workloads, "
        + "namespaces with volumes that no schedule covers, …). With --live: Velero's CRDs, its Deployment, each "
        + "BackupStorageLocation's phase, and whether each schedule's newest backup completed recently. Both "
        + "together give one report.",
        "Prints each finding, worst first, with its fix, then a summary line. A failed check is high, a "
        + "warning medium, a passed check info; by default the command fails at high (--fail-on changes it)."})
final class BackupCheckCommand extends PluginCommand {
  BackupCheckCommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "A spec script (*.jsh), or a "
      + "manifest file or directory, whose backup configuration is validated. Or --live, or both.")
  Path spec;

  @Option(names = "--pre-existing-namespace", paramLabel = "NS", description = "A namespace that exists on the "
      + "cluster although the spec does not create it; repeat for several.")
  List<String> preExistingNamespaces = new ArrayList<>();

  @Mixin
  LiveOptions liveOptions;

  @Option(names = "--velero-namespace", paramLabel = "NS", defaultValue = "velero", description = "The namespace "
      + "Velero runs in (--live). By default, ${DEFAULT-VALUE}.")
  String veleroNamespace;

  @Option(names = "--max-backup-age", paramLabel = "D", converter = DurationConverter.class, description = "The "
      + "greatest age of a schedule's newest completed backup that passes (--live), such as 26h. By default, "
      + "twice the longest time between the schedule's runs.")
  Duration maxBackupAge;

  @Mixin
  FindingOptions findingOptions;

  @Override
  public Integer call() {
    liveOptions.requireLiveForClusterOptions();
    if (maxBackupAge != null && !liveOptions.live()) {
      throw new CliException(ExitCode.USAGE, "--max-backup-age judges the backups of a live cluster — add --live");
    }
    if (spec == null && !liveOptions.live()) {
      throw new CliException(ExitCode.USAGE, "nothing to check — pass a SPEC, --live, or both");
    }
    FindingReport report = spec != null ? BackupChecks.validate(readable(context().load(spec,
        preExistingNamespaces))) : null;
    if (liveOptions.live()) report = report == null ? preflight() : report.plus(preflight());
    return findingOptions.print(out(), report, Optional.of(Severity.HIGH));
  }

  /**
   * The spec, when every manifest it holds could be read: a document that could not is a spec that cannot be
   * loaded (exit 3), never a finding that {@code --exclude} or {@code --fail-on} could hide.
   */
  private ClusterSpec readable(ClusterSpec loaded) {
    if (loaded.manifestProblems().isEmpty()) return loaded;
    throw new CliException(ExitCode.INVALID_INPUT, spec + " holds manifests that cannot be read:"
        + loaded.manifestProblems().stream().map(p -> System.lineSeparator() + "  " + p.message() + " — " + p.fix())
        .collect(Collectors.joining()));
  }

  private FindingReport preflight() {
    try (LiveCluster target = context().connect(liveOptions.cluster())) {
      VeleroPreflight preflight = VeleroPreflight.against(target.client()).namespace(veleroNamespace);
      if (maxBackupAge != null) preflight = preflight.maxBackupAge(maxBackupAge);
      return preflight.run();
    }
  }
}
