package dev.shipshape.core.versions;

import dev.shipshape.core.KubernetesVersion;
import java.util.Optional;

/**
 * The Kubernetes minor versions that still get patches: the three newest ("Version Skew Policy" and "Patch
 * Releases" in the Kubernetes documentation). The newest known minor is the SDK's default target.
 */
public final class SupportWindow {
  /** The newest Kubernetes minor version this SDK knows; specs without a target version are planned for it. */
  public static final KubernetesVersion NEWEST_KNOWN = KubernetesVersion.of(1, 35);

  private final KubernetesVersion newest;

  private SupportWindow(KubernetesVersion newest) {
    this.newest = newest;
  }

  /** The window whose newest minor is {@link #NEWEST_KNOWN}. */
  public static SupportWindow current() {
    return new SupportWindow(NEWEST_KNOWN);
  }

  /** The window whose newest minor is {@code newest}, such as a newer release than the SDK knows. */
  public static SupportWindow endingAt(KubernetesVersion newest) {
    return new SupportWindow(newest);
  }

  public KubernetesVersion newest() {
    return newest;
  }

  /** The oldest minor still supported: two before the newest. */
  public KubernetesVersion oldest() {
    return KubernetesVersion.of(newest.major(), Math.max(0, newest.minor() - 2));
  }

  /**
   * Why {@code version} is outside the window, such as "Kubernetes 1.31 is outside the supported window 1.33–1.35";
   * empty when it is inside (a version newer than the newest known counts as inside).
   */
  public Optional<String> problem(KubernetesVersion version) {
    if (version.compareTo(oldest()) >= 0) return Optional.empty();
    return Optional.of("Kubernetes " + version + " is outside the supported window " + oldest() + "–" + newest
        + " (the three newest minor versions) and no longer gets patches");
  }
}
