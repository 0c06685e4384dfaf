package dev.shipshape.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes minor version such as {@code 1.33}, as targeted by a spec. Patch numbers and a leading {@code v}
 * are accepted and dropped ({@code v1.33.2} is {@code 1.33}).
 */
public final class KubernetesVersion implements Comparable<KubernetesVersion> {
  private static final Pattern FORMAT = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[-+].*)?");

  private final int major;
  private final int minor;

  private KubernetesVersion(int major, int minor) {
    this.major = major;
    this.minor = minor;
  }

  /**
   * Parses {@code 1.33}, {@code v1.33} or {@code 1.33.4}.
   *
   * @throws IllegalArgumentException when the text is not a version, with the expected form
   */
  public static KubernetesVersion parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Kubernetes version '" + text + "' is not of the form major.minor, such as 1.33");
    }
    return new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  public static KubernetesVersion of(int major, int minor) {
    return new KubernetesVersion(major, minor);
  }

  public int major() {
    return major;
  }

  public int minor() {
    return minor;
  }

  /** True when this version is {@code other} or newer. */
  public boolean isAtLeast(KubernetesVersion other) {
    return compareTo(other) >= 0;
  }

  /** True when this version is older than {@code major.minor}. */
  public boolean isBefore(int major, int minor) {
    return compareTo(of(major, minor)) < 0;
  }

  @Override
  public int compareTo(KubernetesVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubernetesVersion && compareTo((KubernetesVersion) o) == 0;
  }

  @Override
  public int hashCode() {
    return major * 1000 + minor;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
