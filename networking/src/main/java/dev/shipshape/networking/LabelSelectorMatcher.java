package dev.shipshape.networking;

import dev.shipshape.networking.reach.internal.Selector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes label selector, compiled once and matched against label sets as the API server matches them
 * ("Labels and Selectors" in the Kubernetes documentation): every {@code matchLabels} entry and every
 * {@code matchExpressions} requirement must hold; an empty selector matches everything; a requirement with an
 * unknown operator matches nothing (the API server would have rejected it). Immutable and thread-safe.
 *
 * <pre>{@code
 * boolean covered = LabelSelectorMatcher.of(pdb.getSpec().getSelector())
 *     .map(s -> s.matches(podLabels)).orElse(false);
 * }</pre>
 */
public final class LabelSelectorMatcher {
  private static final LabelSelectorMatcher EVERYTHING = new LabelSelectorMatcher(Selector.of(new LabelSelector()));

  private final Selector selector;

  private LabelSelectorMatcher(Selector selector) {
    this.selector = selector;
  }

  /**
   * The compiled form of {@code selector}; empty when it is absent ({@code null}), which selects nothing in some
   * fields (a PodDisruptionBudget's) and everything in others: the caller decides.
   */
  public static Optional<LabelSelectorMatcher> of(LabelSelector selector) {
    return Optional.ofNullable(Selector.of(selector)).map(LabelSelectorMatcher::new);
  }

  /** The empty selector, which matches every label set. */
  public static LabelSelectorMatcher everything() {
    return EVERYTHING;
  }

  /** Whether an object with these labels is selected. */
  public boolean matches(Map<String, String> labels) {
    return selector.matches(Objects.requireNonNull(labels, "labels == null"));
  }

  /** {@code {}} or the selector in kubectl's syntax, such as {@code app=web,tier in (a,b),!canary}. */
  @Override
  public String toString() {
    return selector.toString();
  }
}
