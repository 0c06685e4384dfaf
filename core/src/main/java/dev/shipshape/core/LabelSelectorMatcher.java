package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Kubernetes label selector, compiled once and matched against label sets as the API server matches them
 * ("Labels and Selectors" in the Kubernetes documentation): every {@code matchLabels} entry and every
 * {@code matchExpressions} requirement must hold; an empty selector matches everything; a requirement with an
 * unknown operator matches nothing (the API server would have rejected it). A {@code null} where a string belongs,
 * as raw YAML can write it ({@code app: null}, {@code values: [null]}, a label {@code tier: ~}), reads as the empty
 * string, as the API server decodes it; a {@code null} requirement has no operator and matches nothing. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * boolean covered = LabelSelectorMatcher.of(pdb.getSpec().getSelector())
 *     .map(s -> s.matches(podLabels)).orElse(false);
 * }</pre>
 */
public final class LabelSelectorMatcher {
  private static final LabelSelectorMatcher EVERYTHING = new LabelSelectorMatcher(Map.of(), List.of());

  /** One {@code matchExpressions} entry. */
  private record Requirement(String key, String operator, List<String> values) {
    boolean holds(Map<String, String> labels) {
      String value = value(labels, key);
      switch (operator) {
        case "In":
          return value != null && values.contains(value);
        case "NotIn":
          return value == null || !values.contains(value);
        case "Exists":
          return value != null;
        case "DoesNotExist":
          return value == null;
        default:
          return false;
      }
    }

    @Override
    public String toString() {
      switch (operator) {
        case "Exists":
          return key;
        case "DoesNotExist":
          return "!" + key;
        default:
          return key + " " + operator.toLowerCase(Locale.ROOT) + " (" + String.join(",", values) + ")";
      }
    }
  }

  private final Map<String, String> matchLabels;
  private final List<Requirement> requirements;

  private LabelSelectorMatcher(Map<String, String> matchLabels, List<Requirement> requirements) {
    this.matchLabels = matchLabels;
    this.requirements = requirements;
  }

  /**
   * The compiled form of {@code selector}; empty when it is absent ({@code null}), which selects nothing in some
   * fields (a PodDisruptionBudget's) and everything in others: the caller decides.
   */
  public static Optional<LabelSelectorMatcher> of(LabelSelector selector) {
    if (selector == null) return Optional.empty();
    Map<String, String> labels = new TreeMap<>();
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((key, value) -> labels.put(orEmpty(key), orEmpty(value)));
    }
    List<Requirement> requirements = new ArrayList<>();
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        LabelSelectorRequirement given = r == null ? new LabelSelectorRequirement() : r;
        List<String> values = new ArrayList<>();
        if (given.getValues() != null) given.getValues().forEach(v -> values.add(orEmpty(v)));
        requirements.add(new Requirement(orEmpty(given.getKey()), orEmpty(given.getOperator()),
            List.copyOf(values)));
      }
    }
    return Optional.of(labels.isEmpty() && requirements.isEmpty() ? EVERYTHING
        : new LabelSelectorMatcher(Collections.unmodifiableMap(labels), List.copyOf(requirements)));
  }

  /** The empty selector, which matches every label set. */
  public static LabelSelectorMatcher everything() {
    return EVERYTHING;
  }

  /** Whether this is the empty selector, which matches every label set. */
  public boolean matchesEverything() {
    return matchLabels.isEmpty() && requirements.isEmpty();
  }

  /** The {@code matchLabels} entries, sorted by key. */
  public Map<String, String> matchLabels() {
    return matchLabels;
  }

  /**
   * The {@code matchExpressions} requirements in their order, as fresh copies whose key, operator and values are
   * never {@code null} (a {@code null} read as the empty string, a {@code null} requirement as one with neither key
   * nor operator), for callers that evaluate requirements in their own way, such as an index of label sets.
   */
  public List<LabelSelectorRequirement> requirements() {
    List<LabelSelectorRequirement> copies = new ArrayList<>();
    for (Requirement r : requirements) {
      copies.add(new LabelSelectorRequirement(r.key(), r.operator(), new ArrayList<>(r.values())));
    }
    return copies;
  }

  /** Whether an object with these labels is selected. */
  public boolean matches(Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels == null");
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(value(labels, e.getKey()))) return false;
    }
    for (Requirement r : requirements) {
      if (!r.holds(labels)) return false;
    }
    return true;
  }

  /** The value of label {@code key}, the empty string for a {@code null} one, or {@code null} when it is absent. */
  private static String value(Map<String, String> labels, String key) {
    String value = labels.get(key);
    return value != null || !labels.containsKey(key) ? value : "";
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  /** {@code {}} or the selector in kubectl's syntax, such as {@code app=web,tier in (a,b),!canary}. */
  @Override
  public String toString() {
    if (matchesEverything()) return "{}";
    List<String> parts = new ArrayList<>();
    matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
    requirements.forEach(r -> parts.add(r.toString()));
    return String.join(",", parts);
  }
}
