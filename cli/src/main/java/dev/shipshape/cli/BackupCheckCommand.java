package dev.shipshape.cli;

import dev.shipshape.backup.BackupChecks;
import dev.shipshape.backup.preflight.VeleroPreflight;
import dev.shipshape.cli.cluster.ClusterTarget;
import dev.shipshape.cli.script.ScriptException;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

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
        + "warning medium, a passed check info; by default the command fails at high (--fail-on changes it)."},
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {
        "0:no finding reaches the --fail-on severity (by default high: warnings allowed)",
        "1:a finding reaches it (the report says why and how to fix it); also a script whose spec the SDK rejects",
        "2:usage error",
        "3:SPEC cannot be loaded (missing file, unreadable YAML, script error, no 'spec')",
        "4:cluster unusable: no kubeconfig, unknown context, unreachable, credentials rejected",
        "6:internal error"})
final class BackupCheckCommand implements Callable<Integer> {
  @ParentCommand
  BackupCommand parent;

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
    if (spec == null && !liveOptions.live) {
      throw new CliException(ExitCode.USAGE, "nothing to check — pass a SPEC, --live, or both");
    }
    FindingReport report = spec != null ? BackupChecks.validate(load()) : null;
    if (liveOptions.live) report = report == null ? preflight() : report.plus(preflight());
    return findingOptions.print(parent.spec.commandLine().getOut(), report, Optional.of(Severity.HIGH));
  }

  private ClusterSpec load() {
    try {
      return SpecSource.load(spec, Optional.empty(), preExistingNamespaces, List.of());
    } catch (SpecValidationException e) {
      throw new CliException(ExitCode.NO, spec + " is invalid:" + System.lineSeparator() + e.getMessage(), e);
    } catch (ScriptException e) {
      // The script's own build() rejected the spec: the checks cannot run on it, so it fails like a failed check.
      throw new CliException(ExitCode.NO, spec + " builds an invalid spec:" + System.lineSeparator()
          + e.getMessage(), e);
    }
  }

  private FindingReport preflight() {
    try (ClusterTarget target = liveOptions.connect(parent.parent.environment())) {
      VeleroPreflight preflight = VeleroPreflight.against(target.client()).namespace(veleroNamespace);
      if (maxBackupAge != null) preflight = preflight.maxBackupAge(maxBackupAge);
      return preflight.run();
    }
  }
}
