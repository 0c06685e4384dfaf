package dev.shipshape.helm;

/** Who owns a chart's objects on the cluster. */
public enum ReleaseMode {
  /**
   * Shipshape renders the chart and applies its objects with the rest of the spec (server-side apply, pruned with
   * the spec). Helm keeps no release record: {@code helm list} does not show it. The default.
   */
  RENDERED,
  /**
   * Helm owns the release: {@link HelmReleases} installs, upgrades and rolls it back through the bundled Helm, so
   * {@code helm list} and {@code helm history} show it. The spec's plan then holds none of the chart's objects.
   */
  RELEASED
}
