package dev.shipshape.networking;

import java.util.Locale;
import java.util.Optional;

/** The transport protocols a NetworkPolicy port can name. When a policy port names none, it means TCP. */
public enum Protocol {
  TCP,
  UDP,
  SCTP;

  /** The protocol of this name, ignoring case; empty for names Kubernetes does not know. */
  public static Optional<Protocol> parse(String name) {
    if (name == null) return Optional.empty();
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
