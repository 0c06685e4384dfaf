package dev.shipshape.security.pss;

import java.util.Locale;
import java.util.Optional;

/** The three Pod Security Standards levels, from open to locked down ("Pod Security Standards" documentation). */
public enum PodSecurityLevel {
  /** Unrestricted. */
  PRIVILEGED,
  /** Prevents known privilege escalations: no host namespaces, privileged containers, hostPath, … */
  BASELINE,
  /** Baseline plus current hardening: non-root, no privilege escalation, seccomp, all capabilities dropped. */
  RESTRICTED;

  /** {@code privileged}, {@code baseline} or {@code restricted}, as the namespace labels spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level of a label value; empty for anything else. */
  public static Optional<PodSecurityLevel> fromLabel(String value) {
    for (PodSecurityLevel l : values()) if (l.label().equals(value)) return Optional.of(l);
    return Optional.empty();
  }
}
