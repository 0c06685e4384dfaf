package dev.shipshape.security.pss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An environment's Pod Security level: the {@code pod-security.kubernetes.io/enforce} label of every Namespace of
 * the spec that has one (whichever component or YAML file set it), or of the Namespaces named, becomes {@code
 * level}. The {@code audit} and {@code warn} labels stay, so a laptop enforcing {@code baseline} still warns about
 * what production's {@code restricted} would reject. Workloads are checked against the environment's level at plan
 * time, as against the spec's.
 *
 * <pre>{@code
 * Environment.of("laptop", PodSecurityOverride.enforce(PodSecurityLevel.BASELINE));
 * }</pre>
 */
public final class PodSecurityOverride implements EnvironmentOverride {
  private static final String ENFORCE = PodSecurityProfile.LABEL_PREFIX + "enforce";

  private final PodSecurityLevel level;
  private final Set<String> namespaces;

  private PodSecurityOverride(PodSecurityLevel level, Set<String> namespaces) {
    this.level = Objects.requireNonNull(level, "level == null");
    this.namespaces = namespaces;
  }

  /** The enforced level of every Namespace of the spec that enforces one. */
  public static PodSecurityOverride enforce(PodSecurityLevel level) {
    return new PodSecurityOverride(level, Set.of());
  }

  /** The enforced level of these Namespaces of the spec. */
  public static PodSecurityOverride enforce(PodSecurityLevel level, String... namespaces) {
    return new PodSecurityOverride(level, Set.copyOf(List.of(namespaces)));
  }

  @Override
  public String description() {
    return "Pod Security level enforced in " + (namespaces.isEmpty() ? "every namespace that enforces one"
        : "namespaces " + String.join(", ", new java.util.TreeSet<>(namespaces))) + ": " + level.label();
  }

  @Override
  public boolean apply(OverriddenObject object) {
    if (!object.ref().groupKind().equals("Namespace")) return false;
    boolean named = namespaces.contains(object.ref().name());
    JsonNode labels = object.tree().path("metadata").path("labels");
    if (!named && (!namespaces.isEmpty() || !labels.has(ENFORCE))) return false;
    ((ObjectNode) object.tree().with("metadata")).with("labels").put(ENFORCE, level.label());
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PodSecurityOverride o && o.level == level && o.namespaces.equals(namespaces);
  }

  @Override
  public int hashCode() {
    return Objects.hash(level, namespaces);
  }

  @Override
  public String toString() {
    return description();
  }
}
