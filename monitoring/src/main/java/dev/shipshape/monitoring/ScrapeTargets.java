package dev.shipshape.monitoring;

import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what Prometheus should scrape in a spec. A Service port named as a metrics port becomes a ServiceMonitor
 * target (when the Service has labels to select it by); a workload's container port named so becomes a PodMonitor
 * target, unless a metrics Service already selects the workload's pods. Services select pods with their
 * {@code spec.selector} (equality only, as the API defines), in their own namespace; objects without a namespace
 * are in {@code default}.
 */
final class ScrapeTargets {
  private ScrapeTargets() {}

  static List<ScrapeTarget> find(Monitoring monitoring, List<HasMetadata> objects) {
    Set<String> names = monitoring.metricsPortNames();
    MonitorCandidates candidates = MonitorCandidates.of(objects);
    List<HasMetadata> workloads = candidates.workloads(Optional.empty());
    List<ScrapeTarget> targets = new ArrayList<>();
    Set<HasMetadata> covered = new HashSet<>();
    for (Service service : candidates.services(Optional.empty())) {
      Map<String, String> labels = service.getMetadata().getLabels();
      if (service.getSpec() == null || service.getSpec().getPorts() == null || labels == null || labels.isEmpty()) {
        continue;
      }
      for (ServicePort port : service.getSpec().getPorts()) {
        if (port.getName() == null || !names.contains(port.getName())) continue;
        List<HasMetadata> backends = selected(service, candidates);
        covered.addAll(backends);
        Optional<Integer> number = backends.stream().map(w -> containerPort(w, port)).flatMap(Optional::stream)
            .findFirst();
        targets.add(new ScrapeTarget("ServiceMonitor", service.getMetadata().getNamespace(),
            service.getMetadata().getName(), Map.copyOf(labels), port.getName(), backends.stream()
            .map(ScrapeTargets::peer).toList(), number, backends.stream().map(ScrapeTargets::podLabels).toList()));
        break;
      }
    }
    for (HasMetadata w : workloads) {
      if (covered.contains(w) || podLabels(w).isEmpty()) continue;
      metricsPort(w, names).ifPresent(p -> targets.add(new ScrapeTarget("PodMonitor", w.getMetadata().getNamespace(),
          w.getMetadata().getName(), podLabels(w), p.getName(), List.of(peer(w)),
          Optional.ofNullable(p.getContainerPort()), List.of(podLabels(w)))));
    }
    // Spec order and plan order differ; the targets (and so the generated objects) must not depend on either.
    targets.sort(Comparator.comparing(ScrapeTarget::namespace).thenComparing(ScrapeTarget::name)
        .thenComparing(ScrapeTarget::kind));
    return targets;
  }

  static String peer(HasMetadata workload) {
    return workload.getMetadata().getNamespace() + "/" + workload.getMetadata().getName() + "["
        + workload.getKind() + "]";
  }

  static Map<String, String> podLabels(HasMetadata workload) {
    PodTemplateSpec template = Workloads.podTemplate(workload).orElseThrow();
    return template.getMetadata() == null || template.getMetadata().getLabels() == null ? Map.of()
        : Map.copyOf(template.getMetadata().getLabels());
  }

  private static List<HasMetadata> selected(Service service, MonitorCandidates candidates) {
    Map<String, String> selector = service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) return List.of();
    return candidates.workloads(Optional.of(List.of(Rules.namespaceOf(service)))).stream()
        .filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet()))
        .toList();
  }

  /** The pods' port number behind a Service port: a numeric targetPort, a named one, or the port itself. */
  private static Optional<Integer> containerPort(HasMetadata workload, ServicePort port) {
    IntOrString target = port.getTargetPort();
    if (target == null) return Optional.ofNullable(port.getPort());
    if (target.getIntVal() != null) return Optional.of(target.getIntVal());
    return containerPorts(workload).stream().filter(p -> target.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort).findFirst();
  }

  private static Optional<ContainerPort> metricsPort(HasMetadata workload, Set<String> names) {
    return containerPorts(workload).stream().filter(p -> p.getName() != null && names.contains(p.getName()))
        .findFirst();
  }

  static List<ContainerPort> containerPorts(HasMetadata workload) {
    List<ContainerPort> ports = new ArrayList<>();
    for (Container c : Workloads.podTemplate(workload).orElseThrow().getSpec().getContainers()) {
      if (c.getPorts() != null) ports.addAll(c.getPorts());
    }
    return ports;
  }
}
