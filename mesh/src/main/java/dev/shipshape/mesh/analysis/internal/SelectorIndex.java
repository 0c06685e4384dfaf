package dev.shipshape.mesh.analysis.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Objects with an equality selector (Services, RequestAuthentications…), found by the labels they select: each is
 * filed under the pair of its selector that the fewest selectors share, so a look-up only tests the objects filed
 * under the labels' own pairs, plus, where an empty selector selects everything, those with an empty selector.
 */
final class SelectorIndex {
  /** What an empty selector selects: everything (Istio's rule for its analyzers), or nothing (a Service's). */
  enum Empty { SELECTS_ALL, SELECTS_NONE }

  /** An object, its position in the input and its selector. */
  private record Filed(int order, MeshObject object, Map<String, String> selector) { }

  /** A namespace and one pair of a selector; a null key and value for the empty selector, unlike any label. */
  private record Pair(String namespace, String key, String value) { }

  private final Map<Pair, List<Filed>> filed = new HashMap<>();

  /**
   * Indexes the objects by the selector each one has, in their namespace; those with an empty selector are left out
   * where it selects nothing.
   */
  SelectorIndex(List<MeshObject> objects, Function<MeshObject, Map<String, String>> selectorOf, Empty empty) {
    List<Filed> all = new ArrayList<>();
    Map<Pair, Integer> shared = new HashMap<>();
    for (int i = 0; i < objects.size(); i++) {
      MeshObject o = objects.get(i);
      Filed f = new Filed(i, o, selectorOf.apply(o));
      if (f.selector().isEmpty() && empty == Empty.SELECTS_NONE) continue;
      all.add(f);
      f.selector().forEach((k, v) -> shared.merge(new Pair(o.namespace(), k, v), 1, Integer::sum));
    }
    for (Filed f : all) {
      Pair rarest = new Pair(f.object().namespace(), null, null);
      int count = Integer.MAX_VALUE;
      for (Map.Entry<String, String> e : f.selector().entrySet()) {
        Pair pair = new Pair(f.object().namespace(), e.getKey(), e.getValue());
        if (shared.get(pair) < count) {
          rarest = pair;
          count = shared.get(pair);
        }
      }
      filed.computeIfAbsent(rarest, p -> new ArrayList<>()).add(f);
    }
  }

  /** The objects of the namespace whose selector {@link Selectors#selects} the labels, in input order. */
  List<MeshObject> selecting(String namespace, Map<String, String> labels) {
    List<Filed> found = new ArrayList<>();
    addSelecting(new Pair(namespace, null, null), labels, found);
    labels.forEach((k, v) -> addSelecting(new Pair(namespace, k, v), labels, found));
    found.sort(Comparator.comparingInt(Filed::order));
    List<MeshObject> objects = new ArrayList<>();
    for (Filed f : found) objects.add(f.object());
    return objects;
  }

  private void addSelecting(Pair pair, Map<String, String> labels, List<Filed> found) {
    for (Filed f : filed.getOrDefault(pair, List.of())) {
      if (Selectors.selects(f.selector(), labels)) found.add(f);
    }
  }
}
