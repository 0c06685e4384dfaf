package dev.shipshape.helm.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.helm.ChartSource;
import dev.shipshape.helm.HelmChart;
import dev.shipshape.helm.ReleaseMode;
import dev.shipshape.helm.ValueLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What can be wrong with a chart before Helm renders it: every problem at once. */
public final class ChartChecks {
  /** A SemVer 2 version, with Helm's optional leading {@code v}: anything else is a range or a typo. */
  private static final Pattern EXACT_VERSION =
      Pattern.compile("v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
  /** Helm refuses release names longer than this (they end up in label values and Secret names). */
  private static final int MAX_RELEASE_NAME = 53;

  private static final Pattern API_VERSION =
      Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?v\\d+[a-z0-9]*(/[A-Z][A-Za-z0-9]*)?");

  /** A custom kind and its group, {@code Kind.group}: the group of a custom resource has a dot. */
  private static final Pattern GROUP_KIND =
      Pattern.compile("[A-Z][A-Za-z0-9]*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+");

  private ChartChecks() {}

  /** The problems of {@code chart}'s source, release, namespace and value layers. */
  public static List<Problem> beforeRendering(HelmChart chart) {
    List<Problem> problems = new ArrayList<>();
    checkSource(chart, problems);
    for (String p : Names.checkDns1123Subdomain(chart.release())) {
      problems.add(error(chart, "release", "release name '" + chart.release() + "' " + p,
          "use lower-case letters, digits and '-', such as 'ingress'"));
    }
    if (chart.release().length() > MAX_RELEASE_NAME) {
      problems.add(error(chart, "release", "release name '" + chart.release() + "' is longer than "
          + MAX_RELEASE_NAME + " characters, which Helm refuses", "use a shorter release name"));
    }
    for (String p : Names.checkDns1123Label(chart.namespace())) {
      problems.add(error(chart, "namespace", "namespace '" + chart.namespace() + "' " + p,
          "use a DNS-1123 label such as 'ingress-nginx'"));
    }
    for (String apiVersion : chart.apiVersions()) {
      if (!API_VERSION.matcher(apiVersion).matches()) {
        problems.add(error(chart, "apiVersions", "API version '" + apiVersion + "' is not group/version or "
            + "group/version/Kind", "write it as Helm's --api-versions takes it, such as monitoring.coreos.com/v1 "
            + "or monitoring.coreos.com/v1/ServiceMonitor"));
      }
    }
    for (String kind : chart.clusterScopedKinds()) {
      if (!GROUP_KIND.matcher(kind).matches()) {
        problems.add(error(chart, "clusterScopedKinds", "cluster-scoped kind '" + kind + "' is not Kind.group",
            "write the kind and its API group as RequiredCrd.groupKind() does, such as ClusterIssuer.cert-manager.io"));
      }
    }
    if (chart.mode() == ReleaseMode.RENDERED && !chart.requiredBy().isEmpty()) {
      problems.add(error(chart, "requiredBy", "requiredBy orders objects after a released chart's release, but this "
          + "chart is rendered", "use ClusterSpec dependencies on the chart's objects, or mode(ReleaseMode.RELEASED)"));
    }
    List<ValueLayer> layers = chart.valueLayers();
    for (int i = 0; i < layers.size(); i++) {
      ValueLayer layer = layers.get(i);
      String field = "values[" + i + "]";
      layer.file().filter(f -> !Files.isReadable(f)).ifPresent(f -> problems.add(error(chart, field,
          "values file " + f + " does not exist or cannot be read", "give the path of a readable YAML file")));
    }
    problems.addAll(SetValues.problems(chart));
    return problems;
  }

  private static void checkSource(HelmChart chart, List<Problem> problems) {
    ChartSource source = chart.source();
    Path local = source.isLocal() ? Path.of(source.location()) : null;
    switch (source.kind()) {
      case DIRECTORY:
        if (!Files.isRegularFile(local.resolve("Chart.yaml"))) {
          problems.add(error(chart, "source", "chart directory " + local + " holds no Chart.yaml",
              "give the directory that holds the chart's Chart.yaml"));
        }
        break;
      case ARCHIVE:
        if (!Files.isRegularFile(local)) {
          problems.add(error(chart, "source", "chart archive " + local + " does not exist",
              "give the path of a packaged chart, as 'helm package' writes it"));
        }
        break;
      case REPOSITORY:
        if (!source.location().startsWith("https://") && !source.location().startsWith("http://")) {
          problems.add(error(chart, "source", "repository URL '" + source.location() + "' is not http(s)",
              "give the URL that serves the repository's index.yaml, such as https://charts.example.com"));
        }
        checkPinned(chart, problems);
        break;
      default:
        if (!source.location().startsWith("oci://")) {
          problems.add(error(chart, "source", "OCI reference '" + source.location() + "' does not start with "
              + "oci://", "write it as oci://registry.example.com/charts/name"));
        }
        checkPinned(chart, problems);
    }
  }

  private static void checkPinned(HelmChart chart, List<Problem> problems) {
    String version = chart.source().version().orElse("");
    if (!EXACT_VERSION.matcher(version).matches()) {
      problems.add(error(chart, "source.version", "chart version '" + version + "' is not one exact version: a "
          + "range lets the same spec render different objects on different days",
          "pin the version, such as 4.11.3"));
    }
  }

  /** An error of {@code chart} on {@code field}. */
  public static Problem error(HelmChart chart, String field, String message, String fix) {
    return Problem.builder().severity(ProblemSeverity.ERROR).component(chart.name()).field(field).message(message)
        .fix(fix).build();
  }
}
