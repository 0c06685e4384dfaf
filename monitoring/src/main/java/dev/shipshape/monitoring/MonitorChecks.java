package dev.shipshape.monitoring;

import dev.shipshape.core.LabelSelectorMatcher;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.NamespaceSelector;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks ServiceMonitors and PodMonitors against the spec: the selector selects a Service (or a workload's pods)
 * in the namespaces the monitor looks at — its own unless {@code namespaceSelector} says otherwise — and each
 * endpoint's named port exists there.
 */
final class MonitorChecks {
  private MonitorChecks() {}

  static void serviceMonitor(HasMetadata object, SpecContext context, List<Problem> problems) {
    ServiceMonitor monitor = object instanceof ServiceMonitor s ? s : Manifests.convert(object, ServiceMonitor.class);
    if (monitor.getSpec() == null) return;
    ResourceRef ref = ResourceRef.of(object);
    LabelSelectorMatcher selector = selector(monitor.getSpec().getSelector());
    List<Service> services = MonitorCandidates.of(context)
        .services(namespaces(monitor, monitor.getSpec().getNamespaceSelector())).stream()
        .filter(s -> selector.matches(labels(s)))
        .toList();
    if (services.isEmpty()) {
      problems.add(Problem.warning(ref, "spec.selector", "selects no Service of the spec (selector " + selector
          + ")", "match the labels of the Service to scrape, or remove the ServiceMonitor"));
      return;
    }
    List<Endpoint> endpoints = monitor.getSpec().getEndpoints() == null ? List.of() : monitor.getSpec().getEndpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      String port = endpoints.get(i).getPort();
      if (port == null) continue;
      boolean found = services.stream().flatMap(s -> s.getSpec().getPorts().stream()).map(ServicePort::getName)
          .anyMatch(port::equals);
      if (!found) {
        problems.add(Problem.warning(ref, "spec.endpoints[" + i + "].port", "no selected Service has a port named '"
            + port + "'", "use the name of a port of " + services.stream().map(s -> s.getMetadata().getName())
            .toList()));
      }
    }
  }

  static void podMonitor(HasMetadata object, SpecContext context, List<Problem> problems) {
    PodMonitor monitor = object instanceof PodMonitor p ? p : Manifests.convert(object, PodMonitor.class);
    if (monitor.getSpec() == null) return;
    ResourceRef ref = ResourceRef.of(object);
    LabelSelectorMatcher selector = selector(monitor.getSpec().getSelector());
    List<HasMetadata> workloads = MonitorCandidates.of(context)
        .workloads(namespaces(monitor, monitor.getSpec().getNamespaceSelector())).stream()
        .filter(o -> selector.matches(ScrapeTargets.podLabels(o)))
        .toList();
    if (workloads.isEmpty()) {
      problems.add(Problem.warning(ref, "spec.selector", "selects the pods of no workload of the spec (selector "
          + selector + ")", "match the pod template labels of the workload to scrape, or remove the PodMonitor"));
      return;
    }
    List<PodMetricsEndpoint> endpoints = monitor.getSpec().getPodMetricsEndpoints() == null ? List.of()
        : monitor.getSpec().getPodMetricsEndpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      String port = endpoints.get(i).getPort();
      if (port == null) continue;
      boolean found = workloads.stream().flatMap(w -> ScrapeTargets.containerPorts(w).stream())
          .map(p -> p.getName()).anyMatch(port::equals);
      if (!found) {
        problems.add(Problem.warning(ref, "spec.podMetricsEndpoints[" + i + "].port", "no container of the"
            + " selected pods has a port named '" + port + "'", "name the container port, or use its name here"));
      }
    }
  }

  private static LabelSelectorMatcher selector(LabelSelector selector) {
    return LabelSelectorMatcher.of(selector).orElseGet(LabelSelectorMatcher::everything);
  }

  private static Map<String, String> labels(HasMetadata o) {
    return o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
  }

  /** The namespaces a monitor looks at: its own unless its selector says otherwise; empty for every namespace. */
  private static Optional<List<String>> namespaces(HasMetadata monitor, NamespaceSelector selector) {
    if (selector != null && Boolean.TRUE.equals(selector.getAny())) return Optional.empty();
    if (selector != null && selector.getMatchNames() != null && !selector.getMatchNames().isEmpty()) {
      return Optional.of(selector.getMatchNames());
    }
    return Optional.of(List.of(Rules.namespaceOf(monitor)));
  }
}
