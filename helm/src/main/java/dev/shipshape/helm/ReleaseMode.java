package dev.shipshape.helm;

/** Who owns a chart's objects on the cluster. */
public enum ReleaseMode {
  /**
   * Shipshape renders the chart and applies its objects with the rest of the spec (server-side apply, pruned with
   * the spec). Helm keeps no release record: {@code helm list} does not show it. The default.
   */
  RENDERED,
  /**
   * Helm owns the release: it is installed or upgraded (with {@code --wait}) through the bundled Helm, so {@code helm
   * list} and {@code helm history} show it. The spec's plan holds none of the chart's objects but one step that an
   * executor runs in its wave, and that a diff asks for Helm's view of the change; {@link HelmReleases} also lists,
   * diffs and rolls releases back directly.
   */
  RELEASED
}
