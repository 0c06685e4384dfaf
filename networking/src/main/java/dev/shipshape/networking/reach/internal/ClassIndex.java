package dev.shipshape.networking.reach.internal;

import dev.shipshape.core.LabelIndex;
import dev.shipshape.networking.reach.internal.Selector.Requirement;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
  private final LabelIndex<String> namespaces = new LabelIndex<>();

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
    topology.namespaces.forEach(namespaces::add);
  }

  /** The classes of one namespace. */
  BitSet inNamespace(String namespace) {
    BitSet b = byNamespace.get(namespace);
    return b == null ? new BitSet() : (BitSet) b.clone();
  }

  /** The classes in namespaces that {@code namespaceSelector} matches. */
  BitSet inNamespaces(Selector namespaceSelector) {
    Map<String, List<String>> in = new HashMap<>();
    for (Requirement r : namespaceSelector.expressions) {
      // Another In on the same key narrows further; the first is enough to find the candidates.
      if (r.operator().equals("In")) in.putIfAbsent(r.key(), r.values());
    }
    BitSet out = new BitSet(size);
    for (String name : namespaces.candidates(namespaceSelector.matchLabels, in)) {
      if (namespaceSelector.matches(topology.namespaces.get(name))) {
        BitSet b = byNamespace.get(name);
        if (b != null) out.or(b);
      }
    }
    return out;
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
