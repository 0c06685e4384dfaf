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
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.readiness.AddOn;
import dev.shipshape.readiness.ProductionReadiness;
import dev.shipshape.readiness.ReadinessReport;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shipshape readiness SPEC [--env NAME] [--live]}: the gaps between a laptop setup and production. */
@Command(name = "readiness",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Reports the gaps between a laptop setup and production, grouped by pitfall with a score each "
        + "(0-100, the share of checks without a gap): availability (single replicas without a "
        + "PodDisruptionBudget, budgets that block drains, replicas not spread), resources (requests, limits, "
        + "probes), images (mutable tags), network (default deny), rbac (over-broad grants), backups (claims "
        + "without a schedule, no location off the cluster), etcd (encryption at rest), audit-logs (the API "
        + "server's audit log), kube-proxy (iptables at a size where nftables or IPVS is advised), monitoring "
        + "(no alerts on what is provisioned) and versions (support window, deprecated APIs, add-on versions).",
        "With SPEC: its plan (for --env NAME, that environment's). With --live: the cluster, read-only, for its "
        + "server version, and the versions of the add-ons it recognises (Velero, Istio, Prometheus Operator) "
        + "against those the spec's own Deployments of them show or --expect-version gives.",
        "By default the command fails at high: an error-level gap (--fail-on changes it)."})
final class ReadinessCommand extends PluginCommand {
  ReadinessCommand(CliContext context) {
    super(context);
  }

  @Mixin
  SpecArguments specArguments;

  @Mixin
  LiveOptions liveOptions;

  @Option(names = "--expect-version", paramLabel = "ADDON=V", description = "The version of an add-on the cluster "
      + "should run (--live), such as velero=1.16; add-ons: velero, istio, prometheus-operator. Repeat for several. "
      + "By default, the versions of the add-on Deployments in the spec; without either, versions are reported as "
      + "info.")
  List<String> expectedVersions = new ArrayList<>();

  @Mixin
  FindingOptions findingOptions;

  @Override
  public Integer call() {
    liveOptions.requireLiveForClusterOptions();
    ProductionReadiness readiness = readiness();
    checkExcludedRules(readiness.rules());
    ClusterSpec spec = context().load(specArguments);
    Plan plan = context().plan(spec, specArguments);
    ReadinessReport report = liveOptions.live() ? live(readiness, plan) : readiness.check(spec, plan);
    ReadinessReport shown = report.excluding(findingOptions.excluded())
        .failingAt(findingOptions.failOn(Optional.of(Severity.HIGH)).get());
    Output.print(out(), shown.render(findingOptions.format()));
    return (shown.failed() ? ExitCode.NO : ExitCode.OK).code();
  }

  private ProductionReadiness readiness() {
    ProductionReadiness.Builder builder = ProductionReadiness.builder();
    for (String pair : expectedVersions) {
      int eq = pair.indexOf('=');
      Optional<AddOn> addOn = eq < 0 ? Optional.empty() : AddOn.ofId(pair.substring(0, eq));
      if (addOn.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "--expect-version " + pair + " is not ADDON=VERSION with ADDON one"
            + " of velero, istio, prometheus-operator — such as velero=1.16");
      }
      builder.putExpectedVersions(addOn.get(), pair.substring(eq + 1));
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage(), e);
    }
  }

  private ReadinessReport live(ProductionReadiness readiness, Plan plan) {
    try (LiveCluster target = context().connect(liveOptions.cluster())) {
      try {
        return readiness.checkLive(target.client(), plan);
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot read the cluster's objects from " + target.description()
            + ": " + e.getMessage() + " — check the connection and your permissions (readiness lists workloads, "
            + "Services, NetworkPolicies, RBAC objects, claims, CRDs and Velero and Prometheus Operator objects)", e);
      }
    }
  }

  /** An {@code --exclude} that names no readiness rule (nor an equivalent id of one) is a usage error. */
  private void checkExcludedRules(List<FindingRule> rules) {
    for (String excluded : findingOptions.excluded()) {
      if (rules.stream().noneMatch(r -> r.id().equals(excluded) || r.equivalents().contains(excluded))) {
        throw new CliException(ExitCode.USAGE, "--exclude " + excluded + " names no readiness rule — use a rule id"
            + " such as replicas-not-spread, or an equivalent id such as polaris:missingPodDisruptionBudget");
      }
    }
  }
}
