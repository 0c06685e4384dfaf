package dev.shipshape.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The subcharts of a chart's private copy, as Helm loads them: every directory and every {@code .tgz} archive of a
 * chart's {@code charts/} folder whose name starts with neither {@code _} nor {@code .} (Helm's chart loader skips
 * those), at any depth.
 *
 * <p>Archives are unpacked in place, so that their templates get the same treatment as the parent's (hook keys
 * shadowed, the target version written in): {@code helm dependency build} leaves every dependency packed, and a
 * packed subchart's hooks would otherwise vanish with the rest of the hooks from the library's release manifest.
 *
 * <p>Helm installs the {@code crds/} of the chart and of its <em>enabled</em> subcharts only: {@code helm install}
 * drops the subcharts that a {@code condition} or {@code tags} disable before it reads the chart's CRDs
 * (https://helm.sh/docs/chart_best_practices/custom_resource_definitions/ and {@code action.Install}), whereas
 * {@code helm show crds} lists every chart's. So every chart of the copy gets a template that renders only a marker
 * comment: Helm renders the templates of enabled charts only, and the markers in its output tell which they are.
 */
final class Subcharts {
  private static final String MARKER_TEMPLATE = "shipshape-enabled-chart.yaml";
  private static final String MARKER_KEY = "# shipshape.dev/enabled-chart: ";
  /** A marker document as {@code helm template} writes it, with the chart's directory in the copy. */
  private static final Pattern MARKER = Pattern.compile("(?m)^---[ \\t]*\\r?\\n# Source: [^\\r\\n]*/templates/"
      + Pattern.quote(MARKER_TEMPLATE) + "\\r?\\n" + Pattern.quote(MARKER_KEY) + "([^\\r\\n]*)(\\r?\\n|$)");

  private Subcharts() {}

  /** Unpacks every {@code .tgz} subchart of {@code chart}, at any depth, into a directory in its place. */
  static void unpack(Path chart) throws IOException {
    Path charts = chart.resolve("charts");
    if (!Files.isDirectory(charts)) return;
    for (Path archive : entries(charts)) {
      String name = archive.getFileName().toString();
      if (!Files.isRegularFile(archive) || !name.endsWith(".tgz")) continue;
      Path staging = charts.resolve("." + name + ".unpacking");
      LocalChart.unpack(archive, staging);
      List<Path> roots = entries(staging).stream().filter(Files::isDirectory).collect(Collectors.toList());
      if (roots.size() != 1) {
        throw new IOException("subchart archive charts/" + name + " does not hold one chart directory");
      }
      Files.move(roots.get(0), freeName(charts, name.substring(0, name.length() - ".tgz".length())));
      Files.delete(staging);
      Files.delete(archive);
    }
    for (Path sub : entries(charts)) {
      if (Files.isDirectory(sub)) unpack(sub);
    }
  }

  /** Adds the marker template to {@code root} and to every subchart below it, but library charts (never rendered). */
  static void mark(Path root) throws IOException {
    for (Path chart : charts(root)) {
      if (isLibrary(chart)) continue;
      String relative = relative(root, chart);
      Path template = chart.resolve("templates").resolve(MARKER_TEMPLATE);
      Files.createDirectories(template.getParent());
      Files.writeString(template, MARKER_KEY + relative + "\n");
    }
  }

  /** The chart directories (relative to the copy, {@code .} for the chart itself) whose markers Helm rendered. */
  static Set<String> enabled(String rendered) {
    Set<String> enabled = new LinkedHashSet<>();
    if (rendered == null) return enabled;
    Matcher marker = MARKER.matcher(rendered);
    while (marker.find()) enabled.add(marker.group(1));
    return enabled;
  }

  /** Helm's output without the marker documents. */
  static String withoutMarkers(String rendered) {
    return rendered == null ? null : MARKER.matcher(rendered).replaceAll("");
  }

  /**
   * Deletes the {@code crds/} folder of every subchart Helm left out: one whose marker was not rendered, or a
   * library chart whose parent was left out.
   */
  static void dropCrdsOfDisabled(Path root, Set<String> enabled) throws IOException {
    Set<String> kept = new LinkedHashSet<>(enabled);
    for (Path chart : charts(root)) {
      String relative = relative(root, chart);
      Path parent = chart.getParent().getParent();
      if (isLibrary(chart) && !chart.equals(root) && kept.contains(relative(root, parent))) kept.add(relative);
      if (!kept.contains(relative)) deleteTree(chart.resolve("crds"));
    }
  }

  /** {@code root} and every subchart directory below it, parents before their subcharts. */
  static List<Path> charts(Path root) throws IOException {
    List<Path> all = new ArrayList<>();
    all.add(root);
    Path charts = root.resolve("charts");
    if (Files.isDirectory(charts)) {
      for (Path sub : entries(charts)) {
        if (Files.isDirectory(sub) && Files.isRegularFile(sub.resolve("Chart.yaml"))) all.addAll(charts(sub));
      }
    }
    return all;
  }

  /** The entries of {@code directory} that Helm's loader reads as subcharts, sorted. */
  private static List<Path> entries(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.filter(p -> !p.getFileName().toString().startsWith("_")
          && !p.getFileName().toString().startsWith(".")).sorted().collect(Collectors.toList());
    }
  }

  private static boolean isLibrary(Path chart) throws IOException {
    Path chartYaml = chart.resolve("Chart.yaml");
    JsonNode parsed = Manifests.parseYamlTrees(Files.readString(chartYaml), chartYaml.toString()).stream()
        .findFirst().orElse(null);
    return parsed != null && "library".equals(parsed.path("type").asText(""));
  }

  private static Path freeName(Path charts, String name) {
    Path candidate = charts.resolve(name);
    for (int i = 2; Files.exists(candidate); i++) candidate = charts.resolve(name + "-" + i);
    return candidate;
  }

  private static String relative(Path root, Path chart) {
    String relative = root.relativize(chart).toString().replace(java.io.File.separatorChar, '/');
    return relative.isEmpty() ? "." : relative;
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) return;
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(p);
    }
  }
}
