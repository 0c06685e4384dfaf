package dev.shipshape.core.internal.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DAG over the objects of a plan plus "barrier" nodes that stand for kind rules, so that a rule between n
 * objects of one kind and m of another costs n + m edges instead of n × m. Waves come from the longest path:
 * an object's wave is one more than the latest wave it depends on; barriers take no wave of their own.
 */
final class DependencyGraph {
  private final int objects;
  private final List<String> barrierLabels = new ArrayList<>();
  private final List<List<Integer>> successors = new ArrayList<>();
  private final List<List<Integer>> predecessors = new ArrayList<>();

  DependencyGraph(int objects) {
    this.objects = objects;
    for (int i = 0; i < objects; i++) addNode();
  }

  private void addNode() {
    successors.add(new ArrayList<>(2));
    predecessors.add(new ArrayList<>(2));
  }

  /** Adds a barrier node, labelled with the rule it stands for, and returns its id. */
  int addBarrier(String label) {
    barrierLabels.add(label);
    addNode();
    return successors.size() - 1;
  }

  /** {@code prerequisite} comes before {@code dependent}. */
  void edge(int prerequisite, int dependent) {
    successors.get(prerequisite).add(dependent);
    predecessors.get(dependent).add(prerequisite);
  }

  boolean isBarrier(int node) {
    return node >= objects;
  }

  String barrierLabel(int node) {
    return barrierLabels.get(node - objects);
  }

  /**
   * The wave of every object (index = object id), or empty when the graph has a cycle; see {@link #findCycle()}.
   * Linear in nodes plus edges (Kahn's algorithm).
   */
  Optional<int[]> waves() {
    int size = successors.size();
    int[] inDegree = new int[size];
    for (int n = 0; n < size; n++) inDegree[n] = predecessors.get(n).size();
    // level[n]: for an object its wave; for a barrier the first wave its dependents may take.
    int[] level = new int[size];
    Deque<Integer> ready = new ArrayDeque<>();
    for (int n = 0; n < size; n++) if (inDegree[n] == 0) ready.add(n);
    int done = 0;
    while (!ready.isEmpty()) {
      int n = ready.poll();
      done++;
      int next = isBarrier(n) ? level[n] : level[n] + 1;
      for (int s : successors.get(n)) {
        level[s] = Math.max(level[s], next);
        if (--inDegree[s] == 0) ready.add(s);
      }
    }
    if (done < size) return Optional.empty();
    return Optional.of(Arrays.copyOf(level, objects));
  }

  /**
   * A cycle, as node ids in dependency order (each depends on the next, the first repeated at the end), starting
   * at an object; an empty list when there is none.
   */
  List<Integer> findCycle() {
    int size = successors.size();
    int[] inDegree = new int[size];
    for (int n = 0; n < size; n++) inDegree[n] = predecessors.get(n).size();
    Deque<Integer> ready = new ArrayDeque<>();
    for (int n = 0; n < size; n++) if (inDegree[n] == 0) ready.add(n);
    boolean[] removed = new boolean[size];
    while (!ready.isEmpty()) {
      int n = ready.poll();
      removed[n] = true;
      for (int s : successors.get(n)) if (--inDegree[s] == 0) ready.add(s);
    }
    int start = -1;
    for (int n = 0; n < size && start < 0; n++) if (!removed[n]) start = n;
    if (start < 0) return List.of();
    // Every node left has a predecessor that is left too, so walking predecessors must come back to itself.
    Map<Integer, Integer> position = new HashMap<>();
    List<Integer> path = new ArrayList<>();
    int current = start;
    while (!position.containsKey(current)) {
      position.put(current, path.size());
      path.add(current);
      for (int p : predecessors.get(current)) {
        if (!removed[p]) {
          current = p;
          break;
        }
      }
    }
    List<Integer> cycle = new ArrayList<>(path.subList(position.get(current), path.size()));
    // Start at an object, never at a barrier: the cycle is reported on its first node. Barriers only link
    // objects, so every cycle holds one.
    int firstObject = 0;
    while (isBarrier(cycle.get(firstObject))) firstObject++;
    Collections.rotate(cycle, -firstObject);
    // Walking predecessors gives "each depends on the next" order already; close the loop.
    cycle.add(cycle.get(0));
    return Collections.unmodifiableList(cycle);
  }
}
