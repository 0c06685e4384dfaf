package dev.shipshape.networking.policy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The pods a rule protects, by their labels, within each target namespace of a {@link NetworkPolicySet}. */
public final class PodSelector {
  private static final PodSelector ALL = new PodSelector(Map.of());

  private final Map<String, String> labels;

  private PodSelector(Map<String, String> labels) {
    this.labels = labels;
  }

  /** Every pod of the namespace. */
  public static PodSelector all() {
    return ALL;
  }

  /** Pods carrying the label {@code key=value}. */
  public static PodSelector labelled(String key, String value) {
    return labelled(Map.of(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null")));
  }

  /** Pods carrying every one of these labels. */
  public static PodSelector labelled(Map<String, String> labels) {
    return labels.isEmpty() ? ALL : new PodSelector(Map.copyOf(new TreeMap<>(labels)));
  }

  /** The labels a pod must carry; empty for every pod. */
  public Map<String, String> labels() {
    return new TreeMap<>(labels);
  }

  public boolean isAll() {
    return labels.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PodSelector && labels.equals(((PodSelector) o).labels);
  }

  @Override
  public int hashCode() {
    return labels.hashCode();
  }

  /** {@code all pods} or {@code pods app=web}. */
  @Override
  public String toString() {
    return isAll() ? "all pods" : "pods " + new TreeMap<>(labels);
  }
}
