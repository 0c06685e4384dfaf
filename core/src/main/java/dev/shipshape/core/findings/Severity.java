package dev.shipshape.core.findings;

import java.util.Locale;

/**
 * How serious a {@link Finding} is, from {@link #INFO} to {@link #CRITICAL}; ordered, so it can be compared. One
 * scale for every check of the SDK (audit, backup, Pod Security, mesh, storage drift, readiness).
 */
public enum Severity {
  /** Worth knowing; nothing to fix. */
  INFO,
  /** Hygiene: worth fixing, rarely exploitable on its own. */
  LOW,
  /** Weakens isolation or reliability; exploitable together with another weakness. */
  MEDIUM,
  /** A direct path to data or to other workloads. */
  HIGH,
  /** A direct path to cluster administrator or to every Secret. */
  CRITICAL;

  /** True when this severity is {@code other} or worse. */
  public boolean isAtLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /**
   * Parses {@code info}, {@code low}, {@code medium}, {@code high} or {@code critical}, in any letter case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Severity parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "severity '" + text + "' is not one of info, low, medium, high, critical", e);
    }
  }

  /** Lower-case name, as reports print it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
