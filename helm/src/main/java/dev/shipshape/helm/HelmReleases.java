package dev.shipshape.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.UpgradeCommand;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.helm.internal.ChartChecks;
import dev.shipshape.helm.internal.RemoteChart;
import dev.shipshape.helm.internal.ValueFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Charts in {@link ReleaseMode#RELEASED} mode: Helm owns the release. Installs or upgrades it through the bundled
 * Helm library with the chart's values, so {@code helm list} and {@code helm history} show it, and lists releases.
 * Local charts only need the cluster; remote charts are fetched by Helm.
 *
 * <pre>{@code
 * HelmReleases helm = HelmReleases.forKubeconfig(Path.of(System.getProperty("user.home"), ".kube/config"));
 * HelmRelease release = helm.installOrUpgrade(chart, Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Not thread-safe per release: Helm itself refuses concurrent operations on one release.
 */
public final class HelmReleases {
  private final Path kubeconfig;

  private HelmReleases(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** Releases of the cluster of {@code kubeconfig}'s current context. */
  public static HelmReleases forKubeconfig(Path kubeconfig) {
    return new HelmReleases(kubeconfig);
  }

  /**
   * Installs the chart's release, or upgrades it when {@code helm list} already shows it, and waits up to {@code
   * wait} for its objects to be ready (Helm's {@code --wait}); {@link Duration#ZERO} does not wait.
   *
   * @throws SpecValidationException listing the chart's problems, or Helm's error
   */
  public HelmRelease installOrUpgrade(HelmChart chart, Duration wait) {
    List<dev.shipshape.core.Problem> problems = ChartChecks.beforeRendering(chart);
    if (!problems.isEmpty()) throw new SpecValidationException("HelmChart " + chart.name(), problems);
    boolean installed = find(chart.release(), chart.namespace()).isPresent();
    try (ValueFiles values = ValueFiles.create()) {
      return installed ? upgrade(chart, wait, values) : install(chart, wait, values);
    }
  }

  /** The releases of {@code namespace}, in every status. */
  public List<HelmRelease> list(String namespace) {
    return Helm.list().all().withNamespace(namespace).withKubeConfig(kubeconfig).call().stream()
        .map(HelmRelease::of).collect(Collectors.toList());
  }

  /** The release named {@code name} in {@code namespace}, if Helm knows it. */
  public Optional<HelmRelease> find(String name, String namespace) {
    return list(namespace).stream().filter(r -> r.name().equals(name)).findFirst();
  }

  private HelmRelease install(HelmChart chart, Duration wait, ValueFiles values) {
    InstallCommand install = installCommand(chart.source(), chart.plainHttp(), values.directory()).withName(chart.release())
        .withNamespace(chart.namespace()).withKubeConfig(kubeconfig);
    chart.source().version().ifPresent(install::withVersion);
    if (!wait.isZero()) install.waitReady().withTimeout(timeoutSeconds(wait));
    values.apply(chart, install::withValuesFile, install::set);
    return HelmRelease.of(call(chart, install::call));
  }

  private HelmRelease upgrade(HelmChart chart, Duration wait, ValueFiles values) {
    UpgradeCommand upgrade = upgradeCommand(chart.source(), chart.plainHttp(), values.directory()).withName(chart.release())
        .withNamespace(chart.namespace()).withKubeConfig(kubeconfig);
    chart.source().version().ifPresent(upgrade::withVersion);
    if (!wait.isZero()) upgrade.waitReady().withTimeout(timeoutSeconds(wait));
    values.apply(chart, upgrade::withValuesFile, upgrade::set);
    return HelmRelease.of(call(chart, upgrade::call));
  }

  private static InstallCommand installCommand(ChartSource source, boolean plainHttp, Path work) {
    if (source.isLocal()) return new Helm(Path.of(source.location())).install();
    InstallCommand install = Helm.install(RemoteChart.reference(source, work))
        .withRepositoryConfig(RemoteChart.repositoryConfig(work));
    return plainHttp ? install.plainHttp() : install;
  }

  private static UpgradeCommand upgradeCommand(ChartSource source, boolean plainHttp, Path work) {
    if (source.isLocal()) return new Helm(Path.of(source.location())).upgrade();
    UpgradeCommand upgrade = Helm.upgrade(RemoteChart.reference(source, work))
        .withRepositoryConfig(RemoteChart.repositoryConfig(work));
    return plainHttp ? upgrade.plainHttp() : upgrade;
  }

  private static int timeoutSeconds(Duration wait) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toSeconds()));
  }

  private static com.marcnuri.helm.Release call(HelmChart chart, java.util.function.Supplier<com.marcnuri.helm.Release>
      helm) {
    try {
      return helm.get();
    } catch (RuntimeException e) {
      throw new SpecValidationException("HelmChart " + chart.name(),
          List.of(ChartChecks.error(chart, "source", "Helm cannot install or upgrade the release: "
              + String.valueOf(e.getMessage()).trim(), "fix the chart, its values or the cluster connection")));
    }
  }
}
