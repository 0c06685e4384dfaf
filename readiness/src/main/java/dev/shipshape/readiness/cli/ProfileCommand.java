package dev.shipshape.readiness.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.FindingOptions;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.LiveOptions;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.cli.spi.SpecArguments;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.cluster.ClusterProfileDetector;
import dev.shipshape.core.cluster.ProfileDetection;
import dev.shipshape.core.cluster.ProfileReport;
import dev.shipshape.core.cluster.ProviderOwnedObjects;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code shipshape profile [--live] [SPEC]}: where the cluster runs (detected from its nodes), checked against the
 * spec's declared profile, the spec's objects that the provider owns, and what to set on the provider's side.
 */
@Command(name = "profile",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Shows where a cluster runs and what its provider owns. With --live: the profile detected from the "
        + "cluster, read-only (kubeadm's kube-system/kubeadm-config, else the nodes' control-plane label, "
        + "providerIDs and labels), with the evidence and how many nodes agree.",
        "With SPEC: the profile the spec declares (clusterProfile), checked against the detection with --live "
        + "(cluster-profile-mismatch is an error), the objects of its plan that the provider owns and overwrites "
        + "(provider-owned-object, an error), and for the declared (else detected) profile what to set on the "
        + "provider's side: etcd encryption at rest, control-plane audit logs, Kubernetes version upgrades and "
        + "kube-proxy's mode, each with the provider's command or console setting and its documentation.",
        "Give --live, SPEC or both. By default the command fails at high: an error finding (--fail-on changes it)."})
final class ProfileCommand extends PluginCommand {
  private static final List<String> RULES = List.of("cluster-profile-mismatch", "cluster-profile-undeclared",
      "cluster-profile-unknown", ProviderOwnedObjects.RULE.id());

  ProfileCommand(CliContext context) {
    super(context);
  }

  @ArgGroup(exclusive = false, heading = "%nSpec (optional):%n")
  SpecArguments specArguments;

  @Mixin
  LiveOptions liveOptions;

  @Mixin
  FindingOptions findingOptions;

  @Override
  public Integer call() {
    liveOptions.requireLiveForClusterOptions();
    if (!liveOptions.live() && specArguments == null) {
      throw new CliException(ExitCode.USAGE, "nothing to check: give --live to detect the cluster's profile, SPEC "
          + "to check a spec's, or both");
    }
    for (String excluded : findingOptions.excluded()) {
      if (!RULES.contains(excluded)) {
        throw new CliException(ExitCode.USAGE, "--exclude " + excluded + " names no profile rule — use one of "
            + String.join(", ", RULES));
      }
    }
    Optional<ClusterSpec> spec = Optional.ofNullable(specArguments).map(a -> context().load(a));
    Optional<Plan> plan = spec.map(s -> context().plan(s, specArguments));
    Optional<ProfileDetection> detection = liveOptions.live() ? Optional.of(detect()) : Optional.empty();
    ProfileReport report = spec.isPresent()
        ? ProfileReport.check(spec.get().clusterProfile(), plan.get().resources().stream()
            .map(PlannedResource::object).collect(Collectors.toList()), detection)
        : ProfileReport.detected(detection.orElseThrow());
    FindingReport shown = findingOptions.shown(report.findings(), Optional.of(Severity.HIGH));
    Output.print(out(), report.withFindings(shown).render(findingOptions.format()));
    return (shown.failed() ? ExitCode.NO : ExitCode.OK).code();
  }

  private ProfileDetection detect() {
    try (LiveCluster target = context().connect(liveOptions.cluster())) {
      try {
        return ClusterProfileDetector.detect(target.client());
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot read the cluster's nodes from " + target.description()
            + ": " + e.getMessage() + " — check the connection and your permissions (profile gets ConfigMap "
            + "kube-system/kubeadm-config and lists nodes)", e);
      }
    }
  }
}
