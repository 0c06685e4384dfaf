package dev.shipshape.mesh.analysis.internal;

import java.util.Map;

/** Equality-based label selectors, as Istio's workload selectors and Service selectors use them. */
public final class Selectors {
  private Selectors() {}

  /** True when every pair of the selector is among the labels; an empty selector selects everything. */
  public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) return false;
    }
    return true;
  }
}
