package dev.shipshape.backup.internal;

import dev.shipshape.backup.WorkloadSelector;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A workload of the spec as backup hooks see it: its namespace, pod labels and container names. */
final class PodWorkload {
  final ResourceRef ref;
  final String namespace;
  final Map<String, String> podLabels;
  final List<String> containers;

  private PodWorkload(ResourceRef ref, Map<String, String> podLabels, List<String> containers) {
    this.ref = ref;
    this.namespace = ref.namespace().orElse("");
    this.podLabels = podLabels;
    this.containers = containers;
  }

  /** Every workload of the spec that has a pod template, in spec order; read once per plan. */
  static List<PodWorkload> all(SpecContext context) {
    return index(context).all;
  }

  /**
   * The workloads of the spec in namespaces that both selections cover, in spec order. When either names its
   * namespaces one by one, only the workloads of those namespaces are looked at, not all of the spec's.
   */
  static List<PodWorkload> coveredByBoth(SpecContext context, NamespaceSelection a, NamespaceSelection b) {
    Index index = index(context);
    if (!a.literalOnly() && !b.literalOnly()) {
      return index.all.stream().filter(w -> a.covers(w.namespace) && b.covers(w.namespace))
          .collect(Collectors.toList());
    }
    Set<String> namespaces = new LinkedHashSet<>(a.literalOnly() ? a.literalIncludes() : b.literalIncludes());
    List<PodWorkload> found = new ArrayList<>();
    for (String ns : namespaces) {
      if (!a.covers(ns) || !b.covers(ns)) continue;
      found.addAll(index.byNamespace.getOrDefault(ns, List.of()));
    }
    found.sort(Comparator.comparingInt(index.position::get));
    return found;
  }

  /**
   * The workloads of the spec that {@code selector} takes, in spec order: those of its namespace only, so that a
   * selector per tenant does not make each tenant's check look at every tenant's workloads.
   */
  static List<PodWorkload> selectedBy(SpecContext context, WorkloadSelector selector) {
    return index(context).byNamespace.getOrDefault(selector.namespace(), List.of()).stream()
        .filter(w -> w.ref.namespace().isPresent() && w.matches(selector.podLabels()))
        .collect(Collectors.toList());
  }

  private static Index index(SpecContext context) {
    return context.shared(Index.class, Index::new);
  }

  /** The pod workloads of a plan, in spec order and by namespace. */
  private static final class Index {
    final List<PodWorkload> all;
    final Map<String, List<PodWorkload>> byNamespace = new HashMap<>();
    final Map<PodWorkload, Integer> position = new IdentityHashMap<>();

    Index(SpecContext context) {
      all = context.resources().stream()
          .filter(Workloads::runsPods)
          .map(PodWorkload::of)
          .flatMap(Optional::stream)
          .collect(Collectors.toUnmodifiableList());
      for (int i = 0; i < all.size(); i++) {
        position.put(all.get(i), i);
        byNamespace.computeIfAbsent(all.get(i).namespace, k -> new ArrayList<>()).add(all.get(i));
      }
    }
  }

  static Optional<PodWorkload> of(HasMetadata object) {
    Optional<PodTemplateSpec> template = Workloads.podTemplate(object);
    if (template.isEmpty()) return Optional.empty();
    Map<String, String> labels = template.get().getMetadata() == null
        || template.get().getMetadata().getLabels() == null ? Map.of() : template.get().getMetadata().getLabels();
    List<String> containers = template.get().getSpec().getContainers() == null ? List.of()
        : template.get().getSpec().getContainers().stream().map(Container::getName).collect(Collectors.toList());
    return Optional.of(new PodWorkload(ResourceRef.of(object), labels, containers));
  }

  /** True when the pod labels include every entry of {@code selector} (Kubernetes {@code matchLabels}). */
  boolean matches(Map<String, String> selector) {
    return podLabels.entrySet().containsAll(selector.entrySet());
  }

  /** {@code db (Deployment t1/db)} for each container, for messages. */
  String describeContainers() {
    return containers.stream().map(c -> c + " (" + ref.kind() + " " + ref.qualifiedName() + ")")
        .collect(Collectors.joining(", "));
  }
}
