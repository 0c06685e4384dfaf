package dev.shipshape.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Items (Namespaces, pods, objects of any kind) indexed by their labels, so that a check that matches a label
 * selector against them tests only the items that carry one of the selector's labels instead of every item: with a
 * selector per tenant, testing every item would make the check quadratic.
 *
 * <p>{@link #candidates} gives the items that may match, a superset of those that do; the caller still tests each
 * against the whole selector, with the selector's own semantics. Answers keep the order in which items were added.
 * Labels may have a null value (a YAML label without one). Not thread-safe: build it, then read it from one thread.
 *
 * <pre>{@code
 * LabelIndex<Namespace> namespaces = new LabelIndex<>();
 * context.namespaces().forEach(ns -> namespaces.add(ns, ns.getMetadata().getLabels()));
 * List<Namespace> tenants = namespaces.candidates(Map.of("tier", "tenant"));   // then test each
 * }</pre>
 *
 * <p>Items are also known by their position (counted from 0 in the order added), so that labels an item gains
 * later, as amendments add them, can be indexed too ({@link #addLabels}).
 */
public final class LabelIndex<T> {
  /** One label; a record, as a label's value may be null. */
  private record Label(String key, String value) {}

  private final List<T> items = new ArrayList<>();
  // Positions in items, ascending.
  private final Map<Label, List<Integer>> byLabel = new HashMap<>();

  /** Adds an item with its labels (null for none) and returns its position, counted from 0 in the order added. */
  public int add(T item, Map<String, String> labels) {
    int position = items.size();
    items.add(item);
    if (labels != null) labels.forEach((key, value) -> byLabel.computeIfAbsent(new Label(key, value),
        k -> new ArrayList<>()).add(position));
    return position;
  }

  /**
   * Records labels given to the item at {@code position} after it was added (null for none); labels it had stay
   * indexed.
   */
  public void addLabels(int position, Map<String, String> labels) {
    if (position < 0 || position >= items.size()) {
      throw new IndexOutOfBoundsException("no item at position " + position + " of " + items.size());
    }
    if (labels == null) return;
    labels.forEach((key, value) -> {
      List<Integer> positions = byLabel.computeIfAbsent(new Label(key, value), k -> new ArrayList<>());
      int at = Collections.binarySearch(positions, position);
      if (at < 0) positions.add(-at - 1, position);
    });
  }

  /** Every item, in the order added (a copy). */
  public List<T> all() {
    return Collections.unmodifiableList(new ArrayList<>(items));
  }

  /**
   * The items that may match a selector with these {@code matchLabels}: those that carry its rarest label, in the
   * order added; every item when it has none.
   */
  public List<T> candidates(Map<String, String> matchLabels) {
    return candidates(matchLabels, Map.of());
  }

  /**
   * The items that may match a selector with these {@code matchLabels} and {@code In} requirements (key to values):
   * those that carry its rarest label or one of the values of its rarest requirement, whichever are fewest, in the
   * order added; every item when it has neither. Other operators ({@code NotIn}, {@code Exists}, …) narrow nothing
   * here, nor need a second {@code In} on a key already given: candidates may be more than the matches.
   */
  public List<T> candidates(Map<String, String> matchLabels, Map<String, ? extends Collection<String>> in) {
    Collection<Integer> fewest = null;
    for (Map.Entry<String, String> label : matchLabels.entrySet()) {
      List<Integer> carrying = byLabel.getOrDefault(new Label(label.getKey(), label.getValue()), List.of());
      if (fewest == null || carrying.size() < fewest.size()) fewest = carrying;
    }
    for (Map.Entry<String, ? extends Collection<String>> requirement : in.entrySet()) {
      TreeSet<Integer> carrying = new TreeSet<>();
      for (String value : requirement.getValue()) {
        carrying.addAll(byLabel.getOrDefault(new Label(requirement.getKey(), value), List.of()));
      }
      if (fewest == null || carrying.size() < fewest.size()) fewest = carrying;
    }
    if (fewest == null) return all();
    List<T> out = new ArrayList<>(fewest.size());
    for (int position : fewest) out.add(items.get(position));
    return Collections.unmodifiableList(out);
  }
}
