package dev.shipshape.core.internal.plan;

import dev.shipshape.core.LabelIndex;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Namespaces components may look at while they compile, shared by the contexts of one round, with their labels
 * indexed: a component per tenant that asks for the namespaces with some labels is answered from the namespaces
 * with one of those labels, not from every namespace.
 */
final class SpecNamespaces {
  private final LabelIndex<Namespace> namespaces = new LabelIndex<>();

  SpecNamespaces(List<Namespace> namespaces) {
    namespaces.forEach(ns -> this.namespaces.add(ns, ns.getMetadata() == null ? null : ns.getMetadata().getLabels()));
  }

  /** Copies of the Namespaces, in spec order. */
  List<Namespace> copies() {
    return namespaces.all().stream().map(Manifests::copy).collect(Collectors.toList());
  }

  /** The names of the Namespaces whose labels include every entry of {@code labels}, in spec order, once each. */
  List<String> labelled(Map<String, String> labels) {
    return namespaces.candidates(labels).stream()
        .filter(ns -> ns.getMetadata() != null && ns.getMetadata().getLabels() != null
            && ns.getMetadata().getLabels().entrySet().containsAll(labels.entrySet()))
        .map(ns -> ns.getMetadata().getName())
        .distinct()
        .collect(Collectors.toList());
  }
}
