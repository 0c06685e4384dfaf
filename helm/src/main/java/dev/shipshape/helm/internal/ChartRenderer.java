package dev.shipshape.helm.internal;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.shipshape.core.BuiltInKinds;
import dev.shipshape.core.DefinedKind;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.helm.ChartSource;
import dev.shipshape.helm.HelmChart;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a {@link HelmChart} with the bundled Helm library, offline for local charts, as {@code helm template
 * --kube-version} renders it for the spec's target version.
 */
public final class ChartRenderer {
  private ChartRenderer() {}

  /**
   * The chart's objects in install-order groups, rendered for {@code target}; Helm's errors as one validation
   * exception. Remote charts are fetched first, so every chart is rendered from a private local copy.
   */
  public static RenderedChart render(HelmChart chart, KubernetesVersion target) {
    try (ValueFiles values = ValueFiles.create()) {
      Path work = values.directory();
      Capabilities capabilities = Capabilities.of(target, HelmProbe.defaultApiVersions(), chart.apiVersions());
      ChartSource source = chart.source();
      Path location = source.isLocal() ? Path.of(source.location()) : RemoteChart.fetch(chart, work);
      boolean archive = !source.isLocal() || source.kind() == ChartSource.Kind.ARCHIVE;
      LocalChart.Prepared prepared = LocalChart.prepare(location, archive, work, capabilities, true);
      checkKubeVersion(chart, prepared, capabilities, work);
      RenderedObjects rendered = new RenderedObjects(chart);
      String manifest;
      String withHooks = null;
      Optional<String> apart = reasonToRenderApart(chart, prepared);
      if (apart.isEmpty()) {
        // One render, as Helm renders once: what a template generates (genCA, randAlphaNum) is the same in the
        // hooks and in the chart's other objects.
        manifest = template(chart, prepared.directory(), values, work, true);
      } else {
        // The renamed key would change text that a non-hook object takes from hook text other than as plain output
        // (a checksum over an included hook) or from values (a schema's pattern, a hash of the values): the chart as
        // written gives the release's objects and checks the values, and the renamed copy, without schemas, only
        // its hooks.
        Path asWritten = LocalChart.prepare(location, archive, work, capabilities, false).directory();
        manifest = template(chart, asWritten, values, work, false);
        LocalChart.dropSchemas(prepared.directory());
        withHooks = template(chart, prepared.directory(), values, work, true);
      }
      Helm helm = new Helm(prepared.directory());
      // helm install reads the CRDs after dropping the subcharts that conditions and tags disable.
      dropCrdsOfDisabledSubcharts(prepared.directory(), Subcharts.enabled(manifest));
      String crdFiles = call(chart, () -> helm.show().crds().call());
      List<HasMetadata> crds = chart.includeCrds() ? rendered.crds(crdFiles) : List.of();
      List<HasMetadata> objects = new ArrayList<>(rendered.templates(Subcharts.withoutMarkers(manifest)));
      if (withHooks != null) objects.addAll(rendered.templates(Subcharts.withoutMarkers(withHooks), Hooks::isHook));
      rendered.throwIfInvalid();
      // The chart's CRDs say which of its custom kinds are cluster-scoped even when they are installed apart
      // (includeCrds(false), as helm install --skip-crds): the cluster knows their scope all the same.
      Set<String> clusterScopedCustomKinds = new LinkedHashSet<>(clusterScopedKinds(chart.includeCrds() ? crds
          : new RenderedObjects(chart).crds(crdFiles)));
      clusterScopedCustomKinds.addAll(chart.clusterScopedKinds());
      Set<ResourceRef> placed = new LinkedHashSet<>();
      for (HasMetadata object : objects) {
        if (defaultNamespace(object, chart.namespace(), clusterScopedCustomKinds)) placed.add(ResourceRef.of(object));
      }
      RenderedChart grouped = Hooks.group(crds, objects, chart.includeTests())
          .withScopes(clusterScopedCustomKinds, placed);
      for (String note : prepared.notes()) grouped = grouped.withNote(note);
      if (apart.isPresent() && HookTextReach.callsRandom(prepared.templates())) {
        grouped = grouped.withWarning(renderedApart(chart, apart.get()));
      }
      return grouped;
    }
  }

  /**
   * Why the chart must be rendered as written besides the copy with renamed hook keys, if it must: values that name
   * {@code helm.sh/hook} (the chart's, its subcharts' or those given), or a template that uses hook text other than
   * as plain output ({@link HookTextReach}).
   */
  private static Optional<String> reasonToRenderApart(HelmChart chart, LocalChart.Prepared prepared) {
    if (prepared.valuesShadowed() || LocalChart.mentionHooks(chart.valueLayers())) {
      return Optional.of("its values name helm.sh/hook");
    }
    return HookTextReach.changedBy(prepared.templates()).map(template -> template + " uses the text of a template "
        + "that holds helm.sh/hook other than as plain output");
  }

  private static Problem renderedApart(HelmChart chart, String reason) {
    return Problem.builder().severity(ProblemSeverity.WARNING).component(chart.name()).field("templates")
        .message("the chart's objects and its hooks were rendered separately (" + reason + "), and its templates "
            + "call functions whose result changes from one render to the next (genCA, randAlphaNum, ...): a "
            + "value generated once for both a hook and another object, such as a CA in a hook Secret and in a "
            + "webhook configuration, differs between them, where Helm renders the chart once")
        .fix("give the generated value to the chart as a value, or generate it only in the hooks or only in the "
            + "chart's other objects")
        .build();
  }

  /** Helm's own check of Chart.yaml's kubeVersion, against the target instead of Helm's default version. */
  private static void checkKubeVersion(HelmChart chart, LocalChart.Prepared prepared, Capabilities capabilities,
      Path work) {
    if (prepared.kubeVersion().isEmpty()) return;
    String constraint = prepared.kubeVersion().get();
    boolean meets;
    try {
      meets = HelmProbe.meets(constraint, capabilities.kubeVersion(), work);
    } catch (RuntimeException e) {
      throw new SpecValidationException("HelmChart " + chart.name(), List.of(ChartChecks.error(chart, "source",
          "the chart's kubeVersion '" + constraint + "' is not a version constraint: "
              + String.valueOf(e.getMessage()).trim(), "fix kubeVersion in the chart's Chart.yaml")));
    }
    if (!meets) {
      throw new SpecValidationException("HelmChart " + chart.name(), List.of(ChartChecks.error(chart, "source",
          "chart requires kubeVersion " + constraint + ", which is incompatible with the spec's target Kubernetes "
              + capabilities.kubeVersion(), "use a chart version made for Kubernetes " + capabilities.kubeVersion()
              + ", or target a Kubernetes version the chart supports")));
    }
  }

  private static void dropCrdsOfDisabledSubcharts(Path chart, Set<String> enabled) {
    try {
      Subcharts.dropCrdsOfDisabled(chart, enabled);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare chart " + chart, e);
    }
  }

  /** Helm's manifest of the chart copy at {@code directory}, with hook keys restored; {@code shadowHooks} in values. */
  private static String template(HelmChart chart, Path directory, ValueFiles values, Path work,
      boolean shadowHooks) {
    TemplateCommand template = new Helm(directory).template().withName(chart.release())
        .withNamespace(chart.namespace());
    values.apply(chart, file -> template.withValuesFile(shadowHooks ? LocalChart.shadowValues(file, work) : file),
        template::set);
    return LocalChart.restoreHooks(call(chart, template::call));
  }

  static String call(HelmChart chart, java.util.function.Supplier<String> helm) {
    try {
      return GoSignals.restoring(helm);
    } catch (RuntimeException e) {
      List<Problem> problems = HelmErrors.problems(chart, LocalChart.restoreHooks(String.valueOf(e.getMessage())));
      throw new SpecValidationException("HelmChart " + chart.name(), problems);
    }
  }

  private static Set<String> clusterScopedKinds(List<HasMetadata> crds) {
    return crds.stream().map(DefinedKind::of).flatMap(Optional::stream).filter(kind -> !kind.namespaced())
        .map(DefinedKind::groupKind).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * {@code helm install} creates objects that set no namespace in the release namespace, unless the cluster's REST
   * mapping says their kind is cluster-scoped; a plan needs the namespace written out. Offline, the kinds known are:
   * the built-in ones (fabric8's {@link Namespaced} marker for the versions it models, {@link
   * BuiltInKinds} for the others: scope belongs to a group and kind, whatever the version) and {@code
   * clusterScopedKinds} ({@code Kind.group}: those the chart's CRDs declare cluster-scoped, and those the chart is
   * told are). Any other custom kind is taken to be namespaced, as most are. True when the namespace was set.
   */
  public static boolean defaultNamespace(HasMetadata object, String namespace, Set<String> clusterScopedKinds) {
    if (object.getMetadata() == null) object.setMetadata(new ObjectMeta());
    if (object.getMetadata().getNamespace() != null && !object.getMetadata().getNamespace().isEmpty()) return false;
    String group = ResourceRef.groupOf(object.getApiVersion());
    String groupKind = group.isEmpty() ? object.getKind() : object.getKind() + "." + group;
    boolean namespaced = object instanceof GenericKubernetesResource
        ? !BuiltInKinds.isClusterScoped(groupKind) && !clusterScopedKinds.contains(groupKind)
        : object instanceof Namespaced;
    if (namespaced) object.getMetadata().setNamespace(namespace);
    return namespaced;
  }
}
