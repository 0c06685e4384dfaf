package dev.shipshape.backup.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Items (schedules) found by the namespaces their {@link NamespaceSelection} may cover: by name where the selection
 * names its namespaces one by one, so that a schedule per tenant is not tested against every namespace; the few
 * that select by pattern or every namespace are kept apart, to be tested against each. In the order added.
 */
final class SelectionIndex<T> {
  private final Map<String, List<T>> naming = new HashMap<>();
  private final List<T> broad = new ArrayList<>();

  void add(NamespaceSelection selection, T item) {
    if (!selection.literalOnly()) {
      broad.add(item);
      return;
    }
    for (String ns : new LinkedHashSet<>(selection.literalIncludes())) {
      naming.computeIfAbsent(ns, k -> new ArrayList<>()).add(item);
    }
  }

  /** The items whose selection names {@code namespace} (it may still exclude it). */
  List<T> naming(String namespace) {
    return Collections.unmodifiableList(naming.getOrDefault(namespace, List.of()));
  }

  /** The items whose selection is a pattern or every namespace. */
  List<T> broad() {
    return Collections.unmodifiableList(broad);
  }
}
