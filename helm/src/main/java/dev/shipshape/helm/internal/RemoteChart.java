package dev.shipshape.helm.internal;

import com.marcnuri.helm.Helm;
import dev.shipshape.helm.ChartSource;
import java.net.URI;
import java.nio.file.Path;

/**
 * How Helm names a remote chart: an OCI reference as it is, a repository chart as {@code alias/chart} of a
 * repository configuration file written into a private working directory (the bundled library has no
 * {@code --repo} flag).
 */
public final class RemoteChart {
  private static final String REPOSITORY_ALIAS = "shipshape-chart-repository";

  private RemoteChart() {}

  /** The repository configuration file for {@code source}, in {@code work}; configured on first use. */
  public static Path repositoryConfig(Path work) {
    return work.resolve("repositories.yaml");
  }

  /** The chart reference to give Helm; adds the repository to {@link #repositoryConfig} first when needed. */
  public static String reference(ChartSource source, Path work) {
    if (source.kind() == ChartSource.Kind.OCI) return source.location();
    Helm.repo().add().withRepositoryConfig(repositoryConfig(work)).withName(REPOSITORY_ALIAS)
        .withUrl(URI.create(source.location())).call();
    return REPOSITORY_ALIAS + "/" + source.chart().orElseThrow();
  }
}
