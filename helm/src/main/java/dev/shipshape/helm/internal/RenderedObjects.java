package dev.shipshape.helm.internal;

import dev.shipshape.core.ManifestReader;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.helm.HelmChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what Helm rendered for one chart into objects, each known by the file it came from, and collects what makes
 * an object unusable: YAML that is not a Kubernetes object, or an object without {@code metadata.name}. Helm's
 * {@code template} writes every document after a comment naming its template, {@code # Source:
 * web/templates/service.yaml}, which problems quote; {@code show crds} writes the {@code crds/} files as they are,
 * which the prepared chart heads likewise ({@code # Source: crds/widgets.yaml}).
 * Every problem of the templates and the CRDs is reported at once by {@link #throwIfInvalid()}.
 */
final class RenderedObjects {
  /** Helm's header of a rendered document: {@code ---} and the template's path within the chart. */
  private static final Pattern SOURCE = Pattern.compile("(?m)^---[ \\t]*\\r?\\n# Source: ([^\\r\\n]+)\\r?\\n");
  private static final String CRDS = "the chart's crds/ folder";

  private final HelmChart chart;
  private final List<Problem> problems = new ArrayList<>();

  RenderedObjects(HelmChart chart) {
    this.chart = chart;
  }

  /** The objects of {@code helm template}'s output (none for null), in its order: Helm's install order of kinds. */
  List<HasMetadata> templates(String yaml) {
    return templates(yaml, o -> true);
  }

  /** The objects of {@code helm template}'s output that {@code keep} takes; only those are checked. */
  List<HasMetadata> templates(String yaml, Predicate<HasMetadata> keep) {
    return bySource(yaml, "the chart's templates", false, keep);
  }

  /**
   * The objects of {@code helm show crds}' output (none for null, which Helm gives for a chart without CRDs), whose
   * files the prepared chart heads with their source ({@link LocalChart}).
   */
  List<HasMetadata> crds(String yaml) {
    return bySource(yaml, CRDS, true, o -> true);
  }

  /**
   * The documents of Helm's output, read part by part between {@code # Source:} headers; {@code crds} for the
   * files of {@code crds/}, which Helm does not template.
   */
  private List<HasMetadata> bySource(String yaml, String firstSource, boolean crds, Predicate<HasMetadata> keep) {
    List<HasMetadata> objects = new ArrayList<>();
    if (yaml == null) return objects;
    Matcher header = SOURCE.matcher(yaml);
    int start = 0;
    String source = firstSource;
    while (header.find()) {
      objects.addAll(read(yaml.substring(start, header.start()), source, crds, keep));
      source = header.group(1).trim();
      start = header.end();
    }
    objects.addAll(read(yaml.substring(start), source, crds, keep));
    return objects;
  }

  /** Throws one exception listing every problem found so far, if any. */
  void throwIfInvalid() {
    if (!problems.isEmpty()) throw new SpecValidationException("HelmChart " + chart.name(), problems);
  }

  private List<HasMetadata> read(String yaml, String source, boolean crds, Predicate<HasMetadata> keep) {
    if (yaml == null || yaml.isBlank()) return List.of();
    List<HasMetadata> objects;
    try {
      objects = ManifestReader.strict().parse(yaml, source).objects();
    } catch (IllegalArgumentException e) {
      problems.add(ChartChecks.error(chart, "source", "the chart renders YAML that is not a Kubernetes object: "
          + e.getMessage(), "fix the chart's templates; 'helm template' shows what they render"));
      return List.of();
    }
    List<HasMetadata> kept = objects.stream().filter(keep).collect(Collectors.toList());
    kept.forEach(o -> checkNamed(o, source, crds));
    return kept;
  }

  /**
   * Every object needs a name: Kubernetes identifies an object by kind, namespace and name
   * (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/), and both {@code helm install} and a
   * server-side apply address the object by it, so Helm refuses such a chart at install time.
   */
  private void checkNamed(HasMetadata object, String source, boolean crds) {
    ObjectMeta metadata = object.getMetadata();
    if (metadata != null && metadata.getName() != null && !metadata.getName().isEmpty()) return;
    String what = metadata == null ? "no metadata, so no metadata.name" : "no metadata.name";
    String example = crds ? ": <plural>.<group>, the name every CustomResourceDefinition must have"
        : ", such as 'name: {{ .Release.Name }}-" + object.getKind().toLowerCase(Locale.ROOT) + "'";
    problems.add(ChartChecks.error(chart, "metadata.name", object.getKind() + " rendered from " + source + " has "
        + what + ": Kubernetes and Helm identify every object by its name",
        "give the object a metadata.name in " + source + example));
  }
}
