package dev.shipshape.core.internal.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The level of each object in its component's own ordering (the longest chain of {@code orderingEdges} leading to
 * it), so kind rules can yield to a component's explicit order: a Helm chart's {@code post-install} ConfigMap hook
 * comes after the chart's Deployment although ConfigMaps otherwise come before pods. A kind-rule edge from {@code b}
 * to {@code a} of the same ordered component is kept only when {@code level(b) <= level(a)}: then {@code a} cannot
 * reach {@code b} through the component's edges, so the rule never contradicts them.
 */
final class OwnOrderLevels {
  private final Map<Integer, Integer> levels = new HashMap<>();

  /** {@code edges} as {@code [prerequisite, dependent]} object ids. */
  OwnOrderLevels(List<int[]> edges) {
    Map<Integer, List<Integer>> next = new HashMap<>();
    Map<Integer, Integer> incoming = new HashMap<>();
    for (int[] edge : edges) {
      next.computeIfAbsent(edge[0], k -> new ArrayList<>()).add(edge[1]);
      incoming.merge(edge[1], 1, Integer::sum);
      incoming.putIfAbsent(edge[0], 0);
    }
    Deque<Integer> ready = new ArrayDeque<>();
    incoming.forEach((node, count) -> {
      if (count == 0) {
        ready.add(node);
        levels.put(node, 0);
      }
    });
    // Kahn's algorithm; nodes on a cycle get no level (the planner reports the cycle).
    while (!ready.isEmpty()) {
      int node = ready.poll();
      for (int dependent : next.getOrDefault(node, List.of())) {
        levels.merge(dependent, levels.get(node) + 1, Math::max);
        if (incoming.merge(dependent, -1, Integer::sum) == 0) ready.add(dependent);
      }
    }
  }

  /** The object's level in its component's own order, if the component orders it. */
  Optional<Integer> level(int object) {
    return Optional.ofNullable(levels.get(object));
  }
}
