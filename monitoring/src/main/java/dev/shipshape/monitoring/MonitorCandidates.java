package dev.shipshape.monitoring;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Services and pod-running workloads of a spec, found by namespace and given in spec order: what monitors and
 * Services select from. Built once per plan, so that a monitor or Service per tenant looks at its own namespaces'
 * objects instead of the whole spec. Objects without a namespace count as in {@code default}, as monitors and
 * Services read them (core's {@code Workloads.inNamespace} leaves them out, and has no Services).
 */
final class MonitorCandidates {
  private final List<Service> services = new ArrayList<>();
  private final List<HasMetadata> workloads = new ArrayList<>();
  private final Map<String, List<Integer>> servicesByNamespace = new HashMap<>();
  private final Map<String, List<Integer>> workloadsByNamespace = new HashMap<>();

  private MonitorCandidates(List<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      if ("Service".equals(o.getKind()) && "v1".equals(o.getApiVersion())) {
        servicesByNamespace.computeIfAbsent(Rules.namespaceOf(o), k -> new ArrayList<>()).add(services.size());
        services.add(o instanceof Service s ? s : Manifests.convert(o, Service.class));
      } else if (Workloads.podTemplate(o).isPresent()) {
        workloadsByNamespace.computeIfAbsent(Rules.namespaceOf(o), k -> new ArrayList<>()).add(workloads.size());
        workloads.add(o);
      }
    }
  }

  /** The candidates among {@code objects}. */
  static MonitorCandidates of(List<HasMetadata> objects) {
    return new MonitorCandidates(objects);
  }

  /** The candidates of the spec, computed once per plan. */
  static MonitorCandidates of(SpecContext context) {
    return context.shared(MonitorCandidates.class, c -> of(c.resources()));
  }

  /** The Services in {@code namespaces}; in every namespace when empty. */
  List<Service> services(Optional<? extends Collection<String>> namespaces) {
    return in(services, servicesByNamespace, namespaces);
  }

  /** The workloads whose pod template has a spec, in {@code namespaces}; in every namespace when empty. */
  List<HasMetadata> workloads(Optional<? extends Collection<String>> namespaces) {
    return in(workloads, workloadsByNamespace, namespaces);
  }

  private static <T> List<T> in(List<T> all, Map<String, List<Integer>> byNamespace,
      Optional<? extends Collection<String>> namespaces) {
    if (namespaces.isEmpty()) return Collections.unmodifiableList(all);
    List<Integer> positions = new ArrayList<>();
    namespaces.get().stream().distinct().forEach(ns -> positions.addAll(byNamespace.getOrDefault(ns, List.of())));
    Collections.sort(positions);
    return positions.stream().map(all::get).toList();
  }
}
