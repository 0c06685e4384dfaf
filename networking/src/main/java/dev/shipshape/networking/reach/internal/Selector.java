package dev.shipshape.networking.reach.internal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compiled label selector. An empty selector selects everything; an unknown operator selects nothing, as the API
 * server would have rejected it (see "Labels and Selectors" in the Kubernetes documentation).
 */
public final class Selector {
  static final Selector EVERYTHING = new Selector(Map.of(), List.of());

  /** One {@code matchExpressions} entry. */
  record Requirement(String key, String operator, List<String> values) {}

  final Map<String, String> matchLabels;
  final List<Requirement> expressions;

  private Selector(Map<String, String> matchLabels, List<Requirement> expressions) {
    this.matchLabels = matchLabels;
    this.expressions = expressions;
  }

  /** The compiled form of a fabric8 selector; {@code null} stays {@code null} (absent). */
  public static Selector of(LabelSelector selector) {
    if (selector == null) return null;
    Map<String, String> labels = selector.getMatchLabels() == null
        ? Map.of() : new TreeMap<>(selector.getMatchLabels());
    List<Requirement> expressions = new ArrayList<>();
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        expressions.add(new Requirement(r.getKey(), String.valueOf(r.getOperator()),
            r.getValues() == null ? List.of() : List.copyOf(r.getValues())));
      }
    }
    return labels.isEmpty() && expressions.isEmpty() ? EVERYTHING : new Selector(labels, List.copyOf(expressions));
  }

  boolean isEmpty() {
    return matchLabels.isEmpty() && expressions.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) return false;
    }
    for (Requirement r : expressions) {
      String value = labels.get(r.key());
      boolean ok;
      switch (r.operator()) {
        case "In":
          ok = value != null && r.values().contains(value);
          break;
        case "NotIn":
          ok = value == null || !r.values().contains(value);
          break;
        case "Exists":
          ok = value != null;
          break;
        case "DoesNotExist":
          ok = value == null;
          break;
        default:
          ok = false;
      }
      if (!ok) return false;
    }
    return true;
  }

  /** {@code {}} or {@code app=web,tier in (a,b)}, for explanations. */
  @Override
  public String toString() {
    if (isEmpty()) return "{}";
    List<String> parts = new ArrayList<>();
    matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
    for (Requirement r : expressions) {
      switch (r.operator()) {
        case "Exists":
          parts.add(r.key());
          break;
        case "DoesNotExist":
          parts.add("!" + r.key());
          break;
        default:
          parts.add(r.key() + " " + r.operator().toLowerCase(java.util.Locale.ROOT) + " ("
              + String.join(",", r.values()) + ")");
      }
    }
    return String.join(",", parts);
  }
}
