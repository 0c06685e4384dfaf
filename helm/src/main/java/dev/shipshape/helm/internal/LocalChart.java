package dev.shipshape.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.helm.ValueLayer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A private copy of a chart, prepared so that the bundled Helm library renders its hooks for the target version. The library's
 * {@code template} returns only the release manifest, which by Helm's rules holds no hook (hooks are the objects
 * annotated {@code helm.sh/hook}); in the copy every {@code helm.sh/hook*} annotation key of the templates is
 * written under {@value #SHADOW} instead, and so is every mention in the charts' values.yaml files and in the values
 * given ({@link #shadowValues}), so Helm renders hooks as plain objects; {@link #restoreHooks} puts the text back in
 * Helm's output. The target Kubernetes version is written into the templates ({@link Capabilities}).
 */
final class LocalChart {
  static final String SHADOW = "shipshape.dev/helm-hook";
  private static final String HOOK = "helm.sh/hook";
  private static final Pattern KUBE_VERSION_LINE = Pattern.compile("(?m)^kubeVersion:.*\\R?");
  private static final List<String> TEMPLATE_ENDINGS = List.of(".yaml", ".yml", ".tpl", ".json", ".txt");

  private LocalChart() {}

  /**
   * A chart copy ready for rendering, with the chart's {@code kubeVersion} constraint taken out of it; {@code
   * templates}, the text of the chart's and its subcharts' templates as written, by path in the copy; {@code
   * valuesShadowed} when a values.yaml of the copy says {@value #SHADOW} where the chart says {@code helm.sh/hook}.
   */
  record Prepared(Path directory, Optional<String> kubeVersion, List<String> notes, Map<String, String> templates,
      boolean valuesShadowed) {}

  /**
   * Copies (or unpacks) the chart at {@code location} into {@code work} with {@code capabilities} written into its
   * templates and, when {@code shadowHooks}, shadowed hook keys; takes the {@code kubeVersion} constraint out of its
   * Chart.yaml (Helm would check it against its own default, v1.20.0: the caller checks it against the target).
   */
  static Prepared prepare(Path location, boolean archive, Path work, Capabilities capabilities,
      boolean shadowHooks) {
    Path target = work.resolve(shadowHooks ? "chart" : "chart-as-written");
    try {
      if (archive) {
        unpack(location, target);
        try (Stream<Path> top = Files.list(target)) {
          List<Path> roots = top.filter(Files::isDirectory).collect(Collectors.toList());
          if (roots.size() != 1) throw new IllegalArgumentException("a chart archive holds one chart directory");
          target = roots.get(0);
        }
      } else {
        copy(location, target);
      }
      Subcharts.unpack(target);
      boolean valuesShadowed = false;
      if (shadowHooks) {
        for (Path chart : Subcharts.charts(target)) valuesShadowed |= shadowChartValues(chart.resolve("values.yaml"));
      }
      List<String> notes = new ArrayList<>();
      Map<String, String> templates = rewriteTemplates(target, capabilities, shadowHooks, notes);
      headCrdFiles(target, chartName(target));
      Subcharts.mark(target);
      return new Prepared(target, takeKubeVersion(target.resolve("Chart.yaml")), notes, templates, valuesShadowed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare chart " + location, e);
    }
  }

  private static Optional<String> takeKubeVersion(Path chartYaml) throws IOException {
    String text = Files.readString(chartYaml);
    JsonNode chart = Manifests.parseYamlTrees(text, chartYaml.toString()).stream().findFirst().orElse(null);
    String constraint = chart == null ? "" : chart.path("kubeVersion").asText("");
    if (constraint.isBlank()) return Optional.empty();
    Files.writeString(chartYaml, KUBE_VERSION_LINE.matcher(text).replaceAll(""));
    return Optional.of(constraint);
  }

  /**
   * Helm's output (or error) with {@value #SHADOW} back to {@code helm.sh/hook} wherever it stands: in annotation
   * keys, and in any text of the chart or its values that merely mentions it.
   */
  static String restoreHooks(String rendered) {
    return rendered == null ? null : rendered.replace(SHADOW, HOOK);
  }

  /**
   * {@code file}, or when it mentions {@code helm.sh/hook} a copy in {@code work} that says {@value #SHADOW}
   * instead: a chart that takes its hook annotations from values ({@code annotations: {helm.sh/hook: pre-install}})
   * renders hooks as well, which the library's release manifest would leave out.
   */
  static Path shadowValues(Path file, Path work) {
    try {
      String text = Files.readString(file);
      if (!text.contains(HOOK)) return file;
      Path copy = Files.createTempFile(work, "values-shadowed-", ".yaml");
      Files.writeString(copy, text.replace(HOOK, SHADOW));
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read values file " + file, e);
    }
  }

  /** Whether a value layer of {@code chart} mentions {@code helm.sh/hook}, which its copy given to Helm shadows. */
  static boolean mentionHooks(List<ValueLayer> layers) {
    for (ValueLayer layer : layers) {
      String text = layer.setExpression().orElse("") + layer.map().map(Manifests::toYaml).orElse("");
      if (layer.file().isPresent()) {
        try {
          text = Files.readString(layer.file().get());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read values file " + layer.file().get(), e);
        }
      }
      if (text.contains(HOOK)) return true;
    }
    return false;
  }

  /**
   * Takes the {@code values.schema.json} out of the chart and its subcharts: the copy with shadowed hook keys would
   * be checked with other text than the values have (a pattern or an enum that names {@code helm.sh/hook}), so it is
   * checked where the chart is rendered as written.
   */
  static void dropSchemas(Path root) {
    try {
      for (Path chart : Subcharts.charts(root)) Files.deleteIfExists(chart.resolve("values.schema.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare chart " + root, e);
    }
  }

  /** A chart's own values.yaml, with hook keys shadowed as in the templates; true when it mentions them. */
  private static boolean shadowChartValues(Path valuesYaml) throws IOException {
    if (!Files.isRegularFile(valuesYaml)) return false;
    String text = Files.readString(valuesYaml);
    if (!text.contains(HOOK)) return false;
    Files.writeString(valuesYaml, text.replace(HOOK, SHADOW));
    return true;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) Files.createDirectories(target);
        else Files.copy(source, target);
      }
    }
  }

  /**
   * The JDK's gzip reader: {@code helm package} writes a gzip extra field that is not made of subfields, which
   * stricter readers refuse.
   */
  static void unpack(Path archive, Path to) throws IOException {
    Files.createDirectories(to);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = to.resolve(entry.getName()).normalize();
        if (!target.startsWith(to)) throw new IOException("archive entry " + entry.getName() + " leaves the chart");
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        }
      }
    }
  }

  /**
   * Templates of the chart and of its unpacked subcharts; notes on templates that keep Helm's capabilities. The
   * templates' text as written, by path.
   */
  private static Map<String, String> rewriteTemplates(Path chart, Capabilities capabilities, boolean shadowHooks,
      List<String> notes) throws IOException {
    Map<String, String> templates = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.walk(chart)) {
      for (Path file : (Iterable<Path>) paths.sorted()::iterator) {
        if (!Files.isRegularFile(file) || !isTemplate(chart.relativize(file))) continue;
        String text = Files.readString(file);
        templates.put(chart.relativize(file).toString().replace(java.io.File.separatorChar, '/'), text);
        boolean shadow = shadowHooks && text.contains(HOOK);
        String rewritten = capabilities.rewrite(shadow ? text.replace(HOOK, SHADOW) : text);
        if (!rewritten.equals(text)) Files.writeString(file, rewritten);
        if (Capabilities.unrewritten(rewritten)) {
          notes.add(chart.relativize(file) + " reads .Capabilities in a form that cannot be given the target "
              + "version: that use sees the bundled Helm's defaults (Kubernetes v1.20.0)");
        }
      }
    }
    return templates;
  }

  /**
   * Starts each file of a {@code crds/} folder (the chart's, and its unpacked subcharts') with a document separator
   * and a {@code # Source:} line, as {@code helm template} heads each template: {@code helm show crds} writes the
   * files one after the other without a separator, so two files that do not start with {@code ---} would read as
   * one document. Subcharts packed as archives are unpacked by then ({@link Subcharts#unpack}).
   */
  private static void headCrdFiles(Path chart, String chartName) throws IOException {
    try (Stream<Path> paths = Files.walk(chart)) {
      for (Path file : (Iterable<Path>) paths.sorted()::iterator) {
        Path relative = chart.relativize(file);
        if (!Files.isRegularFile(file) || !isCrdFile(relative)) continue;
        String path = relative.toString().replace(java.io.File.separatorChar, '/');
        Files.writeString(file, "---\n# Source: " + chartName + "/" + path + "\n" + Files.readString(file));
      }
    }
  }

  /** The chart's name as Helm writes it in {@code # Source:} lines, from its Chart.yaml. */
  private static String chartName(Path chart) throws IOException {
    Path chartYaml = chart.resolve("Chart.yaml");
    JsonNode parsed = Manifests.parseYamlTrees(Files.readString(chartYaml), chartYaml.toString()).stream()
        .findFirst().orElse(null);
    String name = parsed == null ? "" : parsed.path("name").asText("");
    return name.isBlank() ? chart.getFileName().toString() : name;
  }

  /** {@code crds/NAME.yaml} of a chart or of a subchart below {@code charts/}, as Helm reads CRDs. */
  private static boolean isCrdFile(Path relative) {
    int crds = -1;
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      if (relative.getName(i).toString().equals("crds")) {
        crds = i;
        break;
      }
    }
    if (crds < 0 || crds % 2 != 0) return false;
    // Before crds/: charts/SUB pairs only (a subchart's own crds/), nothing else.
    for (int i = 0; i < crds; i += 2) {
      if (!relative.getName(i).toString().equals("charts")) return false;
    }
    String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean isTemplate(Path relative) {
    String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean inTemplates = false;
    for (Path part : relative) inTemplates |= part.toString().equals("templates");
    return inTemplates && TEMPLATE_ENDINGS.stream().anyMatch(name::endsWith);
  }
}
