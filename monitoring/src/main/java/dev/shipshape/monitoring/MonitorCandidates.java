package dev.shipshape.monitoring;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Services and pod-running workloads of a spec by namespace (objects without one in {@code default}), in spec
 * order: what monitors and Services select from. Built once per plan, so that a monitor or Service per tenant
 * looks at its own namespaces' objects instead of the whole spec.
 */
final class MonitorCandidates {
  private final Map<String, List<Service>> services = new LinkedHashMap<>();
  private final Map<String, List<HasMetadata>> workloads = new LinkedHashMap<>();

  private MonitorCandidates(List<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      if ("Service".equals(o.getKind()) && "v1".equals(o.getApiVersion())) {
        Service service = o instanceof Service s ? s : Manifests.convert(o, Service.class);
        services.computeIfAbsent(Rules.namespaceOf(o), k -> new ArrayList<>()).add(service);
      } else if (Workloads.podTemplate(o).isPresent()) {
        workloads.computeIfAbsent(Rules.namespaceOf(o), k -> new ArrayList<>()).add(o);
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
    return in(services, namespaces);
  }

  /** The workloads whose pod template has a spec, in {@code namespaces}; in every namespace when empty. */
  List<HasMetadata> workloads(Optional<? extends Collection<String>> namespaces) {
    return in(workloads, namespaces);
  }

  private static <T> List<T> in(Map<String, List<T>> byNamespace, Optional<? extends Collection<String>> namespaces) {
    List<T> out = new ArrayList<>();
    if (namespaces.isEmpty()) {
      byNamespace.values().forEach(out::addAll);
    } else {
      namespaces.get().stream().distinct().forEach(ns -> out.addAll(byNamespace.getOrDefault(ns, List.of())));
    }
    return out;
  }
}
