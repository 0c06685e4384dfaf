package dev.shipshape.helm;

import dev.shipshape.core.ShipshapeStyle;
import java.nio.file.Path;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where a chart comes from: a local directory, a packaged {@code .tgz}, a chart repository (URL, chart name and
 * version) or an OCI registry reference. Remote charts must be pinned to one exact version: a range such as
 * {@code ^1.2} would let the same spec render different objects on different days.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ChartSource {

  /** The kinds of source. */
  public enum Kind {
    /** An unpacked chart directory holding {@code Chart.yaml}. */
    DIRECTORY,
    /** A packaged chart, {@code name-version.tgz}. */
    ARCHIVE,
    /** A chart of a classic chart repository ({@code index.yaml} at a URL). */
    REPOSITORY,
    /** A chart in an OCI registry, {@code oci://registry/path/name}. */
    OCI
  }

  @Value.Parameter
  public abstract Kind kind();

  /** The directory or archive path, the repository URL, or the {@code oci://} reference. */
  @Value.Parameter
  public abstract String location();

  /** The chart name inside a repository; empty for the other kinds. */
  @Value.Parameter
  public abstract Optional<String> chart();

  /** The pinned chart version of a remote chart; empty for local charts (their {@code Chart.yaml} says it). */
  @Value.Parameter
  public abstract Optional<String> version();

  public static ChartSource directory(Path directory) {
    return ImmutableChartSource.of(Kind.DIRECTORY, directory.toString(), Optional.empty(), Optional.empty());
  }

  public static ChartSource archive(Path tgz) {
    return ImmutableChartSource.of(Kind.ARCHIVE, tgz.toString(), Optional.empty(), Optional.empty());
  }

  /** A chart of the repository at {@code url}, such as {@code https://charts.example.com}, at {@code version}. */
  public static ChartSource repository(String url, String chart, String version) {
    return ImmutableChartSource.of(Kind.REPOSITORY, url, Optional.of(chart), Optional.of(version));
  }

  /** A chart at {@code oci://registry/path/name}, at {@code version}. */
  public static ChartSource oci(String reference, String version) {
    return ImmutableChartSource.of(Kind.OCI, reference, Optional.empty(), Optional.of(version));
  }

  /** True for charts read from this machine. */
  public boolean isLocal() {
    return kind() == Kind.DIRECTORY || kind() == Kind.ARCHIVE;
  }

  /** {@code ./charts/web}, {@code https://charts.example.com web 1.2.3}, {@code oci://… 1.2.3}. */
  @Override
  public String toString() {
    return location() + chart().map(c -> " " + c).orElse("") + version().map(v -> " " + v).orElse("");
  }
}
