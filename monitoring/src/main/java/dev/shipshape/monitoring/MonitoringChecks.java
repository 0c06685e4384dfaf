package dev.shipshape.monitoring;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.networking.reach.ReachVerdict;
import dev.shipshape.networking.reach.ReachabilityAnalyzer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@link Monitoring#validate} checks; see there. */
final class MonitoringChecks {
  static final String GROUP = "monitoring.coreos.com";

  private MonitoringChecks() {}

  static List<Problem> check(Monitoring m, SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    // Left out of an environment's plan (Monitoring#disabled): nothing of it to check there.
    if (!m.generated().isEmpty()
        && m.generated().stream().noneMatch(o -> context.find(ResourceRef.of(o)).isPresent())) {
      return problems;
    }
    if (m.generated().isEmpty()) {
      problems.add(Problem.builder().severity(ProblemSeverity.WARNING).component(m.name())
          .message("the component holds no monitors or rules: it was added to the spec without addTo")
          .fix("build the spec with monitoring.addTo(spec), which derives them from the rest of the spec").build());
    } else {
      stale(m, context, problems);
    }
    for (String kind : List.of("ServiceMonitor", "PodMonitor", "PrometheusRule")) {
      List<HasMetadata> objects = context.resources(GROUP, kind);
      for (HasMetadata o : objects) {
        switch (kind) {
          case "ServiceMonitor" -> MonitorChecks.serviceMonitor(o, context, problems);
          case "PodMonitor" -> MonitorChecks.podMonitor(o, context, problems);
          default -> RuleChecks.check(o, context, problems);
        }
      }
    }
    reachability(m, context, problems);
    return problems;
  }

  /** The CRD of a Prometheus Operator kind; empty for other kinds. */
  static Optional<RequiredCrd> requiredCrd(String kind) {
    return switch (kind) {
      case "ServiceMonitor" -> Optional.of(RequiredCrd.of(GROUP, kind, "servicemonitors", "v1"));
      case "PodMonitor" -> Optional.of(RequiredCrd.of(GROUP, kind, "podmonitors", "v1"));
      case "PrometheusRule" -> Optional.of(RequiredCrd.of(GROUP, kind, "prometheusrules", "v1"));
      default -> Optional.empty();
    };
  }

  /** Every target must be reachable from the Prometheus pods under the whole spec's NetworkPolicies. */
  private static void reachability(Monitoring m, SpecContext context, List<Problem> problems) {
    List<HasMetadata> objects = context.resources();
    List<ScrapeTarget> targets = ScrapeTargets.find(m, MonitoringGenerator.inputs(m, context));
    if (targets.isEmpty()) return;
    ReachabilityAnalyzer analyzer = ScrapeAccess.analyzer(m, objects);
    for (ScrapeTarget t : targets) {
      for (String workload : t.workloads()) {
        Optional<ReachVerdict> verdict = ScrapeAccess.verdict(m, analyzer, t, workload);
        if (verdict.isEmpty() || verdict.get().allowed()) continue;
        problems.add(Problem.warning(ResourceRef.namespaced(GROUP, t.kind(), t.namespace(), t.name()), "spec",
            "Prometheus in namespace " + m.prometheusNamespace() + " cannot scrape " + workload + " on port "
                + t.containerPort().get() + ": " + verdict.get().explanation().stream().map(String::trim)
                .collect(java.util.stream.Collectors.joining("; ")),
            "allow TCP " + t.containerPort().get() + " from the Prometheus pods to " + workload
                + " in the NetworkPolicies of both namespaces"));
      }
    }
  }

  /** The spec changed after {@code addTo} when deriving again gives other objects. */
  private static void stale(Monitoring m, SpecContext context, List<Problem> problems) {
    List<String> now = MonitoringGenerator.generate(m, context).stream().map(MonitoringChecks::text).toList();
    List<String> then = m.generated().stream().map(MonitoringChecks::text).toList();
    if (!now.equals(then)) {
      problems.add(Problem.builder().severity(ProblemSeverity.WARNING).component(m.name())
          .message("the spec changed after addTo: deriving the monitors and rules again gives " + now.size()
              + " objects that differ from the " + then.size() + " the component holds")
          .fix("call addTo on the final spec, after every other component and resource was added").build());
    }
  }

  private static String text(HasMetadata o) {
    return Manifests.toTree(o).toString();
  }
}
