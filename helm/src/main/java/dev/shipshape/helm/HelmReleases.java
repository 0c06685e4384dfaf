package dev.shipshape.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.UpgradeCommand;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.helm.internal.ChartRenderer;
import dev.shipshape.helm.internal.GoSignals;
import dev.shipshape.helm.internal.ReleaseRecords;
import dev.shipshape.helm.internal.ReleaseState;
import dev.shipshape.helm.internal.SecretValues;
import dev.shipshape.helm.internal.ChartChecks;
import dev.shipshape.helm.internal.RemoteChart;
import dev.shipshape.helm.internal.RenderedChart;
import dev.shipshape.helm.internal.ValueFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Charts in {@link ReleaseMode#RELEASED} mode: Helm owns the release. Installs or upgrades it through the bundled
 * Helm library with the chart's values, so {@code helm list} and {@code helm history} show it; shows what an upgrade
 * would change ({@link #diff}), lists releases and their history, and rolls a release back.
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

  /**
   * The chart and values Helm would record for {@code chart} now, from a client-only dry run of its install (Helm
   * merges the value layers itself, as a real install would). Talks to no cluster.
   *
   * @throws SpecValidationException listing the chart's problems, or Helm's error
   */
  ReleaseState plannedState(HelmChart chart) {
    List<dev.shipshape.core.Problem> problems = ChartChecks.beforeRendering(chart);
    if (!problems.isEmpty()) throw new SpecValidationException("HelmChart " + chart.name(), problems);
    try (ValueFiles values = ValueFiles.create()) {
      InstallCommand install = installCommand(chart.source(), chart.plainHttp(), values.directory())
          .withName(chart.release()).withNamespace(chart.namespace()).dryRun().clientOnly().debug();
      chart.source().version().ifPresent(install::withVersion);
      values.apply(chart, install::withValuesFile, install::set);
      return ReleaseState.ofDryRun(call(chart, install::call).getOutput());
    }
  }

  /** The release's latest revision as Helm recorded it (status, chart, values, manifest), if Helm knows it. */
  Optional<JsonNode> latestRecord(String name, String namespace) {
    List<JsonNode> history = ReleaseRecords.history(kubeconfig, name, namespace);
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
  }

  /** The releases of {@code namespace}, in every status. */
  public List<HelmRelease> list(String namespace) {
    return GoSignals.restoring(Helm.list().all().withNamespace(namespace).withKubeConfig(kubeconfig)::call).stream()
        .map(HelmRelease::of).collect(Collectors.toList());
  }

  /** The release named {@code name} in {@code namespace}, if Helm knows it. */
  public Optional<HelmRelease> find(String name, String namespace) {
    return list(namespace).stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Every revision of the release, oldest first, as {@code helm history} lists them; empty when Helm does not know it. */
  public List<HelmRelease> history(String name, String namespace) {
    return ReleaseRecords.history(kubeconfig, name, namespace).stream().map(HelmReleases::fromRecord)
        .collect(Collectors.toList());
  }

  /**
   * What {@link #installOrUpgrade} would change: the deployed revision's manifest against what the chart renders
   * now for the cluster's Kubernetes version (the bundled library's dry run does not return its manifest, so the
   * chart is rendered as its dry run renders it, client-side). Talks to the cluster only to read.
   *
   * @throws SpecValidationException listing the chart's problems
   */
  public ReleaseDiff diff(HelmChart chart) {
    KubernetesVersion version;
    try (KubernetesClient client = ReleaseRecords.client(kubeconfig)) {
      VersionInfo info = client.getKubernetesVersion();
      version = KubernetesVersion.of(Integer.parseInt(info.getMajor().replaceAll("\\D", "")),
          Integer.parseInt(info.getMinor().replaceAll("\\D", "")));
    }
    RenderedChart rendered = chart.rendered(version);
    Map<ResourceRef, HasMetadata> proposed = byRef(rendered.manifestObjects());
    List<JsonNode> history = ReleaseRecords.history(kubeconfig, chart.release(), chart.namespace());
    Optional<JsonNode> deployed = history.stream().filter(r -> r.path("info").path("status").asText()
        .equals("deployed")).reduce((a, b) -> b);
    ReleaseDiff.Builder diff = ReleaseDiff.builder().release(chart.release()).namespace(chart.namespace());
    Map<ResourceRef, HasMetadata> live = new LinkedHashMap<>();
    deployed.ifPresent(r -> {
      diff.revision(r.path("version").asInt());
      List<HasMetadata> objects = Manifests.parse(r.path("manifest").asText(""));
      objects.forEach(o -> ChartRenderer.defaultNamespace(o, chart.namespace(), rendered.clusterScopedKinds()));
      live.putAll(byRef(objects));
    });
    int unchanged = 0;
    for (Map.Entry<ResourceRef, HasMetadata> p : proposed.entrySet()) {
      HasMetadata before = live.get(p.getKey());
      if (before == null) diff.addAdded(p.getKey());
      else if (!Manifests.toTree(before).equals(Manifests.toTree(p.getValue()))) diff.addChanged(p.getKey());
      else unchanged++;
    }
    live.keySet().stream().filter(ref -> !proposed.containsKey(ref)).forEach(diff::addRemoved);
    return diff.unchanged(unchanged).build();
  }

  /**
   * Rolls the release back to {@code revision}, as {@code helm rollback NAME REVISION}: a new revision, described
   * "Rollback to N", made of that revision's chart and values. The bundled library has no rollback command, so the
   * release is upgraded with the chart and values Helm recorded for {@code revision} (Helm's own rollback re-applies
   * the recorded manifest instead; both end with the same objects for a chart without {@code lookup} calls). Charts
   * with subcharts cannot be rolled back this way: Helm's record does not keep subcharts.
   *
   * @throws IllegalArgumentException when the release has no such revision or its chart had subcharts
   */
  public HelmRelease rollback(String name, String namespace, int revision, Duration wait) {
    JsonNode record = ReleaseRecords.history(kubeconfig, name, namespace).stream()
        .filter(r -> r.path("version").asInt() == revision).findFirst().orElseThrow(() ->
            new IllegalArgumentException("release " + namespace + "/" + name + " has no revision " + revision
                + " (helm history lists the revisions)"));
    try (ValueFiles work = ValueFiles.create()) {
      Path chart = ReleaseRecords.writeChart(record, work.directory().resolve("chart"));
      Path values = work.directory().resolve("values.yaml");
      Files.writeString(values, Manifests.toYaml(record.path("config")));
      UpgradeCommand upgrade = new Helm(chart).upgrade().withName(name).withNamespace(namespace)
          .withKubeConfig(kubeconfig).withValuesFile(values).resetValues()
          .withDescription("Rollback to " + revision);
      if (!wait.isZero()) upgrade.waitReady().withTimeout(timeoutSeconds(wait));
      return HelmRelease.of(GoSignals.restoring(upgrade::call));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the values of revision " + revision, e);
    }
  }

  private static HelmRelease fromRecord(JsonNode record) {
    JsonNode metadata = record.path("chart").path("metadata");
    return ImmutableHelmRelease.builder().name(record.path("name").asText())
        .namespace(record.path("namespace").asText()).revision(record.path("version").asInt())
        .status(record.path("info").path("status").asText())
        .chart(metadata.path("name").asText() + "-" + metadata.path("version").asText())
        .appVersion(metadata.path("appVersion").asText("")).build();
  }

  private static Map<ResourceRef, HasMetadata> byRef(List<HasMetadata> objects) {
    Map<ResourceRef, HasMetadata> map = new LinkedHashMap<>();
    objects.forEach(o -> map.put(ResourceRef.of(o), o));
    return map;
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
    // The spec states every value: an upgrade without values goes back to the chart's defaults, where Helm would
    // reuse the values of the last release.
    UpgradeCommand upgrade = upgradeCommand(chart.source(), chart.plainHttp(), values.directory())
        .withName(chart.release()).withNamespace(chart.namespace()).withKubeConfig(kubeconfig).resetValues();
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
      return GoSignals.restoring(helm);
    } catch (RuntimeException e) {
      throw new SpecValidationException("HelmChart " + chart.name(),
          List.of(ChartChecks.error(chart, "source", "Helm cannot install or upgrade the release: "
              + SecretValues.redact(chart, String.valueOf(e.getMessage())).trim(),
              "fix the chart, its values or the cluster connection")));
    }
  }
}
