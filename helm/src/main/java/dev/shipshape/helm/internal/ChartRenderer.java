package dev.shipshape.helm.internal;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.ShowCommand;
import com.marcnuri.helm.TemplateCommand;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.helm.ChartSource;
import dev.shipshape.helm.HelmChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders a {@link HelmChart} with the bundled Helm library, offline for local charts, as {@code helm template}. */
public final class ChartRenderer {
  private ChartRenderer() {}

  /** The chart's objects in install-order groups; Helm's errors as one validation exception. */
  public static RenderedChart render(HelmChart chart) {
    try (ValueFiles values = ValueFiles.create()) {
      Path work = values.directory();
      Optional<Path> local = chart.source().isLocal() ? Optional.of(LocalChart.prepare(chart.source(), work))
          : Optional.empty();
      List<HasMetadata> crds = chart.includeCrds() ? parse(chart, showCrds(chart, local)) : List.of();
      List<HasMetadata> objects = parse(chart, template(chart, local, values));
      Set<String> clusterScopedCustomKinds = clusterScopedKinds(crds);
      objects.forEach(o -> {
        LocalChart.restoreHooks(o.getMetadata().getAnnotations());
        defaultNamespace(o, chart.namespace(), clusterScopedCustomKinds);
      });
      RenderedChart rendered = Hooks.group(crds, objects, chart.includeTests());
      return local.isPresent() ? rendered : rendered.withNote("hooks of remote charts are not rendered: the "
          + "bundled Helm library returns only a release's manifest; use a local copy of the chart (directory or "
          + ".tgz) to include its hooks");
    }
  }

  private static String template(HelmChart chart, Optional<Path> local, ValueFiles values) {
    TemplateCommand template = local.map(dir -> new Helm(dir).template())
        .orElseGet(() -> remoteTemplateCommand(chart.source(), values.directory())).withName(chart.release())
        .withNamespace(chart.namespace());
    chart.source().version().filter(v -> !chart.source().isLocal()).ifPresent(template::withVersion);
    values.apply(chart, template::withValuesFile, template::set);
    return call(chart, template::call);
  }

  private static TemplateCommand remoteTemplateCommand(ChartSource source, Path work) {
    return Helm.template(RemoteChart.reference(source, work)).withRepositoryConfig(RemoteChart.repositoryConfig(work));
  }

  private static String showCrds(HelmChart chart, Optional<Path> local) {
    ChartSource source = chart.source();
    if (source.kind() == ChartSource.Kind.REPOSITORY) return "";
    ShowCommand show = local.map(dir -> new Helm(dir).show()).orElseGet(() -> Helm.show(source.location()));
    ShowCommand.ShowSubcommand crds = show.crds();
    source.version().filter(v -> !source.isLocal()).ifPresent(crds::withVersion);
    return call(chart, crds::call);
  }

  static String call(HelmChart chart, java.util.function.Supplier<String> helm) {
    try {
      return helm.get();
    } catch (RuntimeException e) {
      List<Problem> problems = HelmErrors.problems(chart, String.valueOf(e.getMessage()));
      throw new SpecValidationException("HelmChart " + chart.name(), problems);
    }
  }

  private static List<HasMetadata> parse(HelmChart chart, String yaml) {
    if (yaml == null || yaml.isBlank()) return List.of();
    try {
      return Manifests.parse(yaml);
    } catch (IllegalArgumentException e) {
      throw new SpecValidationException("HelmChart " + chart.name(), List.of(ChartChecks.error(chart, "source",
          "the chart renders YAML that is not a Kubernetes object: " + e.getMessage(),
          "fix the chart's templates; 'helm template' shows what they render")));
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
  private static void defaultNamespace(HasMetadata object, String namespace, Set<String> clusterScopedCustomKinds) {
    if (object.getMetadata().getNamespace() != null && !object.getMetadata().getNamespace().isEmpty()) return;
    boolean typed = !(object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource);
    boolean namespaced = typed ? object instanceof Namespaced
        : !clusterScopedCustomKinds.contains(dev.shipshape.core.ResourceRef.groupOf(object.getApiVersion()) + "/"
            + object.getKind());
    if (namespaced) object.getMetadata().setNamespace(namespace);
  }
}
