package dev.shipshape.helm.internal;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.ShowCommand;
import com.marcnuri.helm.TemplateCommand;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.helm.ChartSource;
import dev.shipshape.helm.HelmChart;
import dev.shipshape.helm.ValueLayer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Renders a {@link HelmChart} with the bundled Helm library, offline for local charts, as {@code helm template}. */
public final class ChartRenderer {
  private static final String REPOSITORY_ALIAS = "shipshape-chart-repository";

  private ChartRenderer() {}

  /** The chart's objects in install-order groups; Helm's errors as one validation exception. */
  public static RenderedChart render(HelmChart chart) {
    Path work = createPrivateDirectory();
    try {
      Optional<Path> local = chart.source().isLocal() ? Optional.of(LocalChart.prepare(chart.source(), work))
          : Optional.empty();
      List<HasMetadata> crds = chart.includeCrds() ? parse(chart, showCrds(chart, local)) : List.of();
      List<HasMetadata> objects = parse(chart, template(chart, local, work));
      Set<String> clusterScopedCustomKinds = clusterScopedKinds(crds);
      objects.forEach(o -> {
        LocalChart.restoreHooks(o.getMetadata().getAnnotations());
        defaultNamespace(o, chart.namespace(), clusterScopedCustomKinds);
      });
      RenderedChart rendered = Hooks.group(crds, objects, chart.includeTests());
      return local.isPresent() ? rendered : rendered.withNote("hooks of remote charts are not rendered: the "
          + "bundled Helm library returns only a release's manifest; use a local copy of the chart (directory or "
          + ".tgz) to include its hooks");
    } finally {
      deleteRecursively(work);
    }
  }

  private static String template(HelmChart chart, Optional<Path> local, Path work) {
    TemplateCommand template = local.map(dir -> new Helm(dir).template())
        .orElseGet(() -> remoteTemplateCommand(chart.source(), work)).withName(chart.release())
        .withNamespace(chart.namespace());
    chart.source().version().filter(v -> !chart.source().isLocal()).ifPresent(template::withVersion);
    int index = 0;
    for (ValueLayer layer : chart.valueLayers()) {
      if (layer.map().isPresent()) {
        template.withValuesFile(writeValues(work, index, layer));
      } else if (layer.file().isPresent()) {
        template.withValuesFile(layer.file().get());
      }
      index++;
    }
    chart.valueLayers().stream().filter(ValueLayer::isSet)
        .forEach(l -> template.set(l.setPath().orElseThrow(), l.setValue().orElseThrow()));
    return call(chart, template::call);
  }

  private static TemplateCommand remoteTemplateCommand(ChartSource source, Path work) {
    if (source.kind() == ChartSource.Kind.OCI) return Helm.template(source.location());
    Path config = work.resolve("repositories.yaml");
    Helm.repo().add().withRepositoryConfig(config).withName(REPOSITORY_ALIAS)
        .withUrl(URI.create(source.location())).call();
    return Helm.template(REPOSITORY_ALIAS + "/" + source.chart().orElseThrow()).withRepositoryConfig(config);
  }

  private static String showCrds(HelmChart chart, Optional<Path> local) {
    ChartSource source = chart.source();
    if (source.kind() == ChartSource.Kind.REPOSITORY) return "";
    ShowCommand show = local.map(dir -> new Helm(dir).show()).orElseGet(() -> Helm.show(source.location()));
    ShowCommand.ShowSubcommand crds = show.crds();
    source.version().filter(v -> !source.isLocal()).ifPresent(crds::withVersion);
    return call(chart, crds::call);
  }

  private static String call(HelmChart chart, java.util.function.Supplier<String> helm) {
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

  private static Path writeValues(Path work, int index, ValueLayer layer) {
    Path file = work.resolve("values-" + index + ".yaml");
    try {
      Files.writeString(file, Manifests.toYaml(layer.map().orElseThrow()));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart values to " + file, e);
    }
  }

  /** Values may hold secrets: the files Helm reads them from are readable by this user only, and deleted after. */
  private static Path createPrivateDirectory() {
    try {
      return Files.createTempDirectory("shipshape-helm",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for chart values", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).collect(Collectors.toCollection(ArrayList::new));
      for (Path p : all) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
