package dev.shipshape.backup.internal;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** Every workload of the spec that has a pod template, in spec order. */
  static List<PodWorkload> all(SpecContext context) {
    return context.resources().stream()
        .filter(Workloads::runsPods)
        .map(PodWorkload::of)
        .flatMap(Optional::stream)
        .collect(Collectors.toList());
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
