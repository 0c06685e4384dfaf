package dev.shipshape.helm.internal;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.helm.ChartSource;
import dev.shipshape.helm.HelmChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
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
      LocalChart.Prepared prepared = source.isLocal()
          ? LocalChart.prepare(Path.of(source.location()), source.kind() == ChartSource.Kind.ARCHIVE, work,
              capabilities)
          : LocalChart.prepare(RemoteChart.fetch(chart, work), true, work, capabilities);
      checkKubeVersion(chart, prepared, capabilities, work);
      Helm helm = new Helm(prepared.directory());
      RenderedObjects rendered = new RenderedObjects(chart);
      String manifest = LocalChart.restoreHooks(template(chart, helm, values, work));
      // helm install reads the CRDs after dropping the subcharts that conditions and tags disable.
      dropCrdsOfDisabledSubcharts(prepared.directory(), Subcharts.enabled(manifest));
      String crdFiles = call(chart, () -> helm.show().crds().call());
      List<HasMetadata> crds = chart.includeCrds() ? rendered.crds(crdFiles) : List.of();
      List<HasMetadata> objects = rendered.templates(Subcharts.withoutMarkers(manifest));
      rendered.throwIfInvalid();
      // The chart's CRDs say which of its custom kinds are cluster-scoped even when they are installed apart
      // (includeCrds(false), as helm install --skip-crds): the cluster knows their scope all the same.
      Set<String> clusterScopedCustomKinds = clusterScopedKinds(chart.includeCrds() ? crds
          : new RenderedObjects(chart).crds(crdFiles));
      objects.forEach(o -> defaultNamespace(o, chart.namespace(), clusterScopedCustomKinds));
      RenderedChart grouped = Hooks.group(crds, objects, chart.includeTests());
      for (String note : prepared.notes()) grouped = grouped.withNote(note);
      return grouped;
    }
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

  private static String template(HelmChart chart, Helm helm, ValueFiles values, Path work) {
    TemplateCommand template = helm.template().withName(chart.release()).withNamespace(chart.namespace());
    values.apply(chart, file -> template.withValuesFile(LocalChart.shadowValues(file, work)), template::set);
    return call(chart, template::call);
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
    return crds.stream().filter(CustomResourceDefinition.class::isInstance).map(CustomResourceDefinition.class::cast)
        .filter(crd -> "Cluster".equals(crd.getSpec().getScope()))
        .map(crd -> crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getKind())
        .collect(Collectors.toSet());
  }

  /**
   * {@code helm install} creates objects that set no namespace in the release namespace; a plan needs it written
   * out. Built-in kinds say whether they are namespaced through fabric8's {@link Namespaced} marker; custom kinds
   * are namespaced unless the chart's own CRD declares them cluster-scoped.
   */
  public static void defaultNamespace(HasMetadata object, String namespace, Set<String> clusterScopedCustomKinds) {
    if (object.getMetadata() == null) object.setMetadata(new ObjectMeta());
    if (object.getMetadata().getNamespace() != null && !object.getMetadata().getNamespace().isEmpty()) return;
    boolean typed = !(object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource);
    boolean namespaced = typed ? object instanceof Namespaced
        : !clusterScopedCustomKinds.contains(dev.shipshape.core.ResourceRef.groupOf(object.getApiVersion()) + "/"
            + object.getKind());
    if (namespaced) object.getMetadata().setNamespace(namespace);
  }
}
