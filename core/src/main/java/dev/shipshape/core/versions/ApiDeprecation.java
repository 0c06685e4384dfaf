package dev.shipshape.core.versions;

import dev.shipshape.core.KubernetesVersion;
import java.util.Optional;

/** One deprecated apiVersion of a kind: when it was deprecated, when it stopped being served, what replaces it. */
public final class ApiDeprecation {
  private final String apiVersion;
  private final String kind;
  private final Optional<KubernetesVersion> deprecatedIn;
  private final Optional<KubernetesVersion> removedIn;
  private final Optional<String> replacement;

  ApiDeprecation(String apiVersion, String kind, Optional<KubernetesVersion> deprecatedIn,
      Optional<KubernetesVersion> removedIn, Optional<String> replacement) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.deprecatedIn = deprecatedIn;
    this.removedIn = removedIn;
    this.replacement = replacement;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  public Optional<KubernetesVersion> deprecatedIn() {
    return deprecatedIn;
  }

  /** The first version that no longer serves it; empty while it is still served. */
  public Optional<KubernetesVersion> removedIn() {
    return removedIn;
  }

  /** The apiVersion to move to; empty when nothing replaces it (such as PodSecurityPolicy). */
  public Optional<String> replacement() {
    return replacement;
  }

  /** True when {@code target} no longer serves this apiVersion. */
  public boolean removedBy(KubernetesVersion target) {
    return removedIn.filter(target::isAtLeast).isPresent();
  }

  /** True when {@code target} still serves this apiVersion but deprecates it. */
  public boolean deprecatedBy(KubernetesVersion target) {
    return !removedBy(target) && deprecatedIn.filter(target::isAtLeast).isPresent();
  }

  /** What to do, such as "use policy/v1" or "it has no replacement: remove the object". */
  public String advice() {
    return replacement.map(r -> "use " + r).orElse("it has no replacement: remove the object");
  }
}
