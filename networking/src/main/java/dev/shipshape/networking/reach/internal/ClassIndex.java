package dev.shipshape.networking.reach.internal;

import dev.shipshape.networking.reach.internal.Selector.Requirement;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Pod classes indexed by namespace and by label, so that a selector becomes a few bitset operations instead of a
 * scan of every pod; namespaces indexed by label, so that a namespace selector with {@code matchLabels} (such as
 * {@code kubernetes.io/metadata.name}) or an {@code In} requirement tests only the namespaces that carry one of its
 * labels instead of every namespace.
 */
final class ClassIndex {
  private final Topology topology;
  private final int size;
  private final Map<String, BitSet> byNamespace = new HashMap<>();
  private final Map<String, BitSet> byKey = new HashMap<>();
  private final Map<String, Map<String, BitSet>> byLabel = new HashMap<>();
  private final Map<String, Map<String, Set<String>>> namespacesByLabel = new HashMap<>();

  ClassIndex(Topology topology) {
    this.topology = topology;
    this.size = topology.classes.size();
    for (PodClass c : topology.classes) {
      byNamespace.computeIfAbsent(c.namespace(), k -> new BitSet(size)).set(c.index());
      c.labels().forEach((k, v) -> {
        byKey.computeIfAbsent(k, x -> new BitSet(size)).set(c.index());
        byLabel.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new BitSet(size)).set(c.index());
      });
    }
    topology.namespaces.forEach((name, labels) -> labels.forEach((k, v) -> namespacesByLabel
        .computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new HashSet<>()).add(name)));
  }

  /** The classes of one namespace. */
  BitSet inNamespace(String namespace) {
    BitSet b = byNamespace.get(namespace);
    return b == null ? new BitSet() : (BitSet) b.clone();
  }

  /** The classes in namespaces that {@code namespaceSelector} matches. */
  BitSet inNamespaces(Selector namespaceSelector) {
    BitSet out = new BitSet(size);
    for (String name : namespaceCandidates(namespaceSelector)) {
      if (namespaceSelector.matches(topology.namespaces.get(name))) {
        BitSet b = byNamespace.get(name);
        if (b != null) out.or(b);
      }
    }
    return out;
  }

  /**
   * Namespaces that may match {@code selector}: those with one of its {@code matchLabels}, or with a value of one
   * of its {@code In} requirements, whichever are fewest; every namespace when it has neither.
   */
  private Collection<String> namespaceCandidates(Selector selector) {
    Collection<String> fewest = topology.namespaces.keySet();
    for (Map.Entry<String, String> label : selector.matchLabels.entrySet()) {
      Set<String> names = namespacesWith(label.getKey(), label.getValue());
      if (names.size() < fewest.size()) fewest = names;
    }
    for (Requirement r : selector.expressions) {
      if (!r.operator().equals("In")) continue;
      Set<String> names = new HashSet<>();
      r.values().forEach(v -> names.addAll(namespacesWith(r.key(), v)));
      if (names.size() < fewest.size()) fewest = names;
    }
    return fewest;
  }

  private Set<String> namespacesWith(String key, String value) {
    return namespacesByLabel.getOrDefault(key, Map.of()).getOrDefault(value, Set.of());
  }

  /** Narrows {@code candidates}, in place, to the classes whose labels {@code selector} matches. */
  BitSet narrow(BitSet candidates, Selector selector) {
    selector.matchLabels.forEach((k, v) -> candidates.and(label(k, v)));
    for (Requirement r : selector.expressions) {
      switch (r.operator()) {
        case "In":
          candidates.and(anyOf(r));
          break;
        case "NotIn":
          candidates.andNot(anyOf(r));
          break;
        case "Exists":
          candidates.and(byKey.getOrDefault(r.key(), new BitSet()));
          break;
        case "DoesNotExist":
          candidates.andNot(byKey.getOrDefault(r.key(), new BitSet()));
          break;
        default:
          candidates.clear();
      }
    }
    return candidates;
  }

  private BitSet label(String key, String value) {
    Map<String, BitSet> values = byLabel.get(key);
    BitSet b = values == null ? null : values.get(value);
    return b == null ? new BitSet() : b;
  }

  private BitSet anyOf(Requirement r) {
    BitSet out = new BitSet(size);
    for (String v : r.values()) out.or(label(r.key(), v));
    return out;
  }
}
