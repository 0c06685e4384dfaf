package dev.shipshape.networking.reach.internal;

import dev.shipshape.core.LabelSelectorMatcher;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A label selector compiled for the reachability engine: its {@code matchLabels} and requirements, which
 * {@link ClassIndex} turns into bit-set operations over pod classes, and core's {@link LabelSelectorMatcher} for
 * matching one label set and for explanations.
 */
public final class Selector {
  static final Selector EVERYTHING = new Selector(LabelSelectorMatcher.everything(), List.of());

  /** One {@code matchExpressions} entry. */
  record Requirement(String key, String operator, List<String> values) {}

  final Map<String, String> matchLabels;
  final List<Requirement> expressions;
  private final LabelSelectorMatcher matcher;

  private Selector(LabelSelectorMatcher matcher, List<Requirement> expressions) {
    this.matchLabels = matcher.matchLabels();
    this.expressions = expressions;
    this.matcher = matcher;
  }

  /** The compiled form of a fabric8 selector; {@code null} stays {@code null} (absent). */
  public static Selector of(LabelSelector selector) {
    if (selector == null) return null;
    LabelSelectorMatcher matcher = LabelSelectorMatcher.of(selector).orElseThrow();
    if (matcher.matchesEverything()) return EVERYTHING;
    List<Requirement> expressions = new ArrayList<>();
    for (LabelSelectorRequirement r : matcher.requirements()) {
      expressions.add(new Requirement(r.getKey(), r.getOperator(), List.copyOf(r.getValues())));
    }
    return new Selector(matcher, List.copyOf(expressions));
  }

  boolean isEmpty() {
    return matcher.matchesEverything();
  }

  public boolean matches(Map<String, String> labels) {
    return matcher.matches(labels);
  }

  /** {@code {}} or {@code app=web,tier in (a,b)}, for explanations. */
  @Override
  public String toString() {
    return matcher.toString();
  }
}
