package dev.shipshape.helm;

import dev.shipshape.core.ShipshapeStyle;
import org.immutables.value.Value;

/** A Helm release as {@code helm list} shows it: name, namespace, revision, status, chart and app version. */
@Value.Immutable
@ShipshapeStyle
public abstract class HelmRelease {

  public abstract String name();

  public abstract String namespace();

  /** The revision, counting from 1, as {@code helm history} numbers it. */
  public abstract int revision();

  /** Helm's status, such as {@code deployed}, {@code failed} or {@code pending-install}. */
  public abstract String status();

  /** The chart as {@code name-version}. */
  public abstract String chart();

  public abstract String appVersion();

  static HelmRelease of(com.marcnuri.helm.Release release) {
    return ImmutableHelmRelease.builder().name(release.getName()).namespace(release.getNamespace())
        .revision(Integer.parseInt(release.getRevision().trim())).status(release.getStatus())
        .chart(release.getChart()).appVersion(String.valueOf(release.getAppVersion())).build();
  }

  /** {@code web (shop) revision 2 deployed web-0.1.0}. */
  @Override
  public String toString() {
    return name() + " (" + namespace() + ") revision " + revision() + " " + status() + " " + chart();
  }
}
