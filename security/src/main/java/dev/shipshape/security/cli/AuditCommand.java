package dev.shipshape.security.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.FindingOptions;
import dev.shipshape.cli.spi.KubernetesVersionConverter;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.LiveOptions;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.security.audit.SecurityAudit;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipshape audit PATH|--live}: the security audit of a spec, of manifests or of a live cluster. */
@Command(name = "audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Audits a spec (its plan, before it is applied), manifests, or a live cluster (read-only) for "
        + "security weaknesses: privileged or root containers, host namespaces and paths, missing limits and "
        + "probes, mutable image tags, risky RBAC, missing default-deny policies, exposed Services, deprecated "
        + "API versions, an unsupported Kubernetes version, and more. Each finding has a rule id, a severity, the "
        + "object and field, a remediation, and the ids of the equivalent Polaris, kube-linter, kubescape and CIS "
        + "checks.",
        "The deprecated-API rule uses the SDK's bundled data, or a newer file in Pluto's versions.yaml format "
        + "(--deprecations or SHIPSHAPE_DEPRECATIONS), and needs a target version; the support-window rule needs "
        + "--newest-version. Without them, those rules are skipped with a note."})
final class AuditCommand extends PluginCommand {
  /** The environment variable naming Pluto's {@code versions.yaml} when {@code --deprecations} is not given. */
  static final String DEPRECATIONS_VARIABLE = "SHIPSHAPE_DEPRECATIONS";
  /** The id of the audit rule that reads the deprecation data. */
  private static final String DEPRECATED_API_RULE = "deprecated-api-version";

  AuditCommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A spec script (*.jsh), whose "
      + "plan is audited, or a manifest file (*.yaml, *.yml, *.json) or a directory of them. Or --live.")
  Path path;

  @Mixin
  LiveOptions liveOptions;

  @Mixin
  FindingOptions findingOptions;

  @Option(names = "--deprecations", paramLabel = "FILE", description = "Pluto's versions.yaml, the data of "
      + "deprecated and removed API versions. By default, the file named by " + DEPRECATIONS_VARIABLE
      + "; without either, the SDK's bundled data.")
  Path deprecations;

  @Option(names = "--kubernetes-version", paramLabel = "V", converter = KubernetesVersionConverter.class,
      description = "The Kubernetes version the objects are for, such as 1.33. By default, the spec's, or the "
          + "live cluster's; manifests have none.")
  KubernetesVersion targetVersion;

  @Option(names = "--newest-version", paramLabel = "V", converter = KubernetesVersionConverter.class,
      description = "The newest Kubernetes release, such as 1.36: the target must be it or one of the two "
          + "minor versions before it. Without it, the support-window rule is skipped with a note.")
  KubernetesVersion newestVersion;

  @Override
  public Integer call() {
    liveOptions.requireLiveForClusterOptions();
    if ((path == null) == !liveOptions.live()) {
      throw new CliException(ExitCode.USAGE, path == null ? "nothing to audit — pass a PATH (spec script or "
          + "manifests) or --live" : "PATH and --live exclude each other — audit one or the other");
    }
    SecurityAudit audit = audit();
    FindingReport report = path != null ? context().analyze(path, audit::run, audit::run) : runLive(audit);
    return findingOptions.print(out(), report, Optional.empty());
  }

  private SecurityAudit audit() {
    SecurityAudit.Builder builder = SecurityAudit.builder();
    deprecationsFile().ifPresent(builder::deprecationsFile);
    if (targetVersion != null) builder.targetVersion(targetVersion);
    if (newestVersion != null) builder.newestVersion(newestVersion);
    checkExcludedRules();
    return builder.build();
  }

  private Optional<Path> deprecationsFile() {
    Optional<Path> file;
    if (deprecations != null) {
      if (!Files.isRegularFile(deprecations)) {
        throw new CliException(ExitCode.USAGE, "--deprecations " + deprecations + " is not a file — pass Pluto's "
            + "versions.yaml");
      }
      file = Optional.of(deprecations);
    } else {
      file = context().variable(DEPRECATIONS_VARIABLE).map(Path::of);
      file.filter(f -> !Files.isRegularFile(f)).ifPresent(f -> {
        throw new CliException(ExitCode.USAGE, DEPRECATIONS_VARIABLE + "=" + f + " names no file — point it at "
            + "Pluto's versions.yaml, or pass --deprecations FILE");
      });
    }
    file.ifPresent(AuditCommand::checkDeprecations);
    return file;
  }

  /**
   * Reads the deprecation data up front, by running its rule on no objects, so that a file in another format is
   * reported as such rather than mistaken for a broken manifest later.
   */
  private static void checkDeprecations(Path file) {
    try {
      SecurityAudit.builder().deprecationsFile(file).targetVersion(KubernetesVersion.of(1, 0))
          .only(DEPRECATED_API_RULE).build().run(List.of());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CliException(ExitCode.INVALID_INPUT, e.getMessage() + " — pass Pluto's versions.yaml to "
          + "--deprecations or " + DEPRECATIONS_VARIABLE, e);
    }
  }

  private FindingReport runLive(SecurityAudit audit) {
    try (LiveCluster target = context().connect(liveOptions.cluster())) {
      try {
        return audit.runLive(target.client());
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot read the objects to audit from " + target.description()
            + ": " + e.getMessage() + " — check the connection and your permissions (the audit lists workloads, "
            + "Services, NetworkPolicies and RBAC objects)", e);
      }
    }
  }

  /** An {@code --exclude} that names no audit rule (nor an equivalent id of one) is a usage error. */
  private void checkExcludedRules() {
    List<FindingRule> rules = SecurityAudit.builder().build().rules();
    for (String excluded : findingOptions.excluded()) {
      boolean known = rules.stream().anyMatch(r -> r.id().equals(excluded) || r.equivalents().contains(excluded));
      if (!known) {
        throw new CliException(ExitCode.USAGE, "--exclude " + excluded + " names no audit rule — use a rule id"
            + " (such as privileged-container) or an equivalent id (such as polaris:runAsPrivileged); "
            + "'shipshape audit --help' lists where to find them");
      }
    }
  }
}
