package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Namespaces components may look at while they compile, shared by the contexts of one round, with their labels
 * indexed: a component per tenant that asks for the namespaces with some labels is answered from the namespaces
 * with one of those labels, not from every namespace.
 */
final class SpecNamespaces {
  private final List<Namespace> namespaces;
  private final List<Integer> all;
  private final Map<Map.Entry<String, String>, List<Integer>> byLabel = new HashMap<>();

  SpecNamespaces(List<Namespace> namespaces) {
    this.namespaces = List.copyOf(namespaces);
    this.all = IntStream.range(0, this.namespaces.size()).boxed().collect(Collectors.toUnmodifiableList());
    for (int i = 0; i < this.namespaces.size(); i++) {
      Namespace ns = this.namespaces.get(i);
      if (ns.getMetadata() == null || ns.getMetadata().getLabels() == null) continue;
      int position = i;
      // A label may have no value: SimpleImmutableEntry takes null, Map.entry does not.
      ns.getMetadata().getLabels().forEach((key, value) -> byLabel
          .computeIfAbsent(new SimpleImmutableEntry<>(key, value), k -> new ArrayList<>()).add(position));
    }
  }

  /** Copies of the Namespaces, in spec order. */
  List<Namespace> copies() {
    return namespaces.stream().map(Manifests::copy).collect(Collectors.toList());
  }

  /** The names of the Namespaces whose labels include every entry of {@code labels}, in spec order, once each. */
  List<String> labelled(Map<String, String> labels) {
    List<Integer> candidates = all;
    for (Map.Entry<String, String> label : labels.entrySet()) {
      List<Integer> withLabel = byLabel.getOrDefault(label, List.of());
      if (withLabel.size() < candidates.size()) candidates = withLabel;
    }
    return candidates.stream().map(namespaces::get)
        .filter(ns -> ns.getMetadata() != null && ns.getMetadata().getLabels() != null
            && ns.getMetadata().getLabels().entrySet().containsAll(labels.entrySet()))
        .map(ns -> ns.getMetadata().getName())
        .distinct()
        .collect(Collectors.toList());
  }
}
