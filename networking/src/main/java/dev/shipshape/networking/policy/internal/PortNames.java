package dev.shipshape.networking.policy.internal;

import java.util.Optional;

/** The rule for the name of a container port that a NetworkPolicy port refers to. */
public final class PortNames {
  private PortNames() {}

  /**
   * What makes {@code name} no port name, as Kubernetes' IsValidPortName judges a NetworkPolicy's named port (an
   * IANA_SVC_NAME): at most 15 characters, lower-case letters, digits and single hyphens inside, one letter at
   * least.
   */
  public static Optional<String> problem(String name) {
    if (name.length() > 15) return Optional.of("it has more than 15 characters");
    if (!name.matches("[a-z0-9-]*")) return Optional.of("it may hold lower-case letters, digits and hyphens only");
    if (!name.matches(".*[a-z].*")) return Optional.of("it needs a letter");
    if (name.startsWith("-") || name.endsWith("-") || name.contains("--")) {
      return Optional.of("hyphens may only stand alone between other characters");
    }
    return Optional.empty();
  }
}
