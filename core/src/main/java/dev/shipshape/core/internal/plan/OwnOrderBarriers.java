package dev.shipshape.core.internal.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * One kind rule, in one scope, between prerequisites that their components order themselves
 * ({@link OwnOrderLevels}) and the rule's dependents: a dependent of another component waits for every such
 * prerequisite, a dependent of the same component only for those at its own level or an earlier one (all of them
 * when the component gives it no level).
 *
 * <p>Each component's levels form a chain of barriers (a level's barrier is reached by the levels before it), and
 * two chains run across the components (all components up to this one, all from this one on), so a dependent takes
 * at most three edges: the rule costs edges in proportion to its objects and components, not components ×
 * dependents, which a chart per tenant with a cluster-wide kind would make quadratic.
 */
final class OwnOrderBarriers {
  private final DependencyGraph graph;
  private final String label;

  OwnOrderBarriers(DependencyGraph graph, String label) {
    this.graph = graph;
    this.label = label;
  }

  /**
   * Links the prerequisites, by component and then level, to the dependents; nothing when there are none.
   *
   * @param ordered prerequisites by component and level, both in ascending order
   * @param componentOf the component of an object id
   */
  void link(Map<String, TreeMap<Integer, List<Integer>>> ordered, List<Integer> dependents, OwnOrderLevels own,
      IntFunction<String> componentOf) {
    if (ordered.isEmpty()) return;
    List<String> components = new ArrayList<>(ordered.keySet());
    int count = components.size();
    Map<String, Integer> position = new HashMap<>();
    List<TreeMap<Integer, Integer>> upToLevel = new ArrayList<>(count);
    int[] whole = new int[count];
    for (int c = 0; c < count; c++) {
      position.put(components.get(c), c);
      TreeMap<Integer, Integer> chain = new TreeMap<>();
      int previous = -1;
      for (Map.Entry<Integer, List<Integer>> level : ordered.get(components.get(c)).entrySet()) {
        int barrier = graph.addBarrier(label);
        if (previous >= 0) graph.edge(previous, barrier);
        level.getValue().forEach(p -> graph.edge(p, barrier));
        chain.put(level.getKey(), barrier);
        previous = barrier;
      }
      upToLevel.add(chain);
      whole[c] = previous;
    }
    int[] upTo = new int[count];
    int[] from = new int[count];
    for (int c = 0; c < count; c++) upTo[c] = c == 0 ? whole[c] : joined(upTo[c - 1], whole[c]);
    for (int c = count - 1; c >= 0; c--) from[c] = c == count - 1 ? whole[c] : joined(whole[c], from[c + 1]);
    // Each node's prerequisites in component and then level order: a cycle is reported through the first component
    // on it, as when each level was linked to each dependent.
    for (int d : dependents) {
      Integer c = position.get(componentOf.apply(d));
      if (c == null) {
        graph.edge(upTo[count - 1], d);
        continue;
      }
      if (c > 0) graph.edge(upTo[c - 1], d);
      Optional<Integer> level = own.level(d);
      Map.Entry<Integer, Integer> reached = level.isPresent()
          ? upToLevel.get(c).floorEntry(level.get()) : upToLevel.get(c).lastEntry();
      if (reached != null) graph.edge(reached.getValue(), d);
      if (c < count - 1) graph.edge(from[c + 1], d);
    }
  }

  private int joined(int first, int second) {
    int barrier = graph.addBarrier(label);
    graph.edge(first, barrier);
    graph.edge(second, barrier);
    return barrier;
  }
}
