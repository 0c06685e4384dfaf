package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartChecksTest {
  @TempDir Path dir;

  private static List<String> problems(HelmChart chart) {
    try {
      chart.compile(null);
    } catch (SpecValidationException e) {
      return e.problems().stream().map(p -> p.field().orElse("") + ": " + p.message() + " — " + p.fix())
          .collect(Collectors.toList());
    }
    throw new AssertionError("no problem reported");
  }

  @Test
  void aRepositoryChartMustBePinnedToOneExactVersion() {
    assertThat(problems(HelmChart.repository("https://charts.example.com", "ingress", "^4.11").release("x").build()))
        .containsExactly("source.version: chart version '^4.11' is not one exact version: a range lets the same "
            + "spec render different objects on different days — pin the version, such as 4.11.3");
  }

  @Test
  void anOciChartNeedsAnOciReferenceAndAPinnedVersion() {
    assertThat(problems(HelmChart.oci("registry.example.com/charts/web", ">=1.0.0").release("x").build()))
        .containsExactly(
            "source: OCI reference 'registry.example.com/charts/web' does not start with oci:// — write it as "
                + "oci://registry.example.com/charts/name",
            "source.version: chart version '>=1.0.0' is not one exact version: a range lets the same spec render "
                + "different objects on different days — pin the version, such as 4.11.3");
  }

  @Test
  void aRepositoryUrlMustBeHttp() {
    assertThat(problems(HelmChart.repository("ftp://charts", "web", "1.0.0").release("x").build()))
        .containsExactly("source: repository URL 'ftp://charts' is not http(s) — give the URL that serves the "
            + "repository's index.yaml, such as https://charts.example.com");
  }

  @Test
  void everyProblemOfALocalChartIsReportedAtOnce() {
    Path missing = dir.resolve("nothing-here");
    HelmChart chart = HelmChart.directory(missing).release("Web_Release").namespace("Shop")
        .valuesFile(dir.resolve("absent.yaml")).set("image..tag", "1").build();

    assertThat(problems(chart)).containsExactly(
        "source: chart directory " + missing + " holds no Chart.yaml — give the directory that holds the chart's "
            + "Chart.yaml",
        "release: release name 'Web_Release' is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', "
            + "starting and ending with a letter or digit) — use lower-case letters, digits and '-', such as "
            + "'ingress'",
        "namespace: namespace 'Shop' is not a DNS-1123 label (lower-case letters, digits and '-', starting and "
            + "ending with a letter or digit) — use a DNS-1123 label such as 'ingress-nginx'",
        "values[0]: values file " + dir.resolve("absent.yaml") + " does not exist or cannot be read — give the path "
            + "of a readable YAML file",
        "values[1]: --set #1 is not valid at its end: the key before '.' has no value — write PATH=VALUE "
            + "assignments separated by ',', such as image.tag=1.8.2,hosts={a,b}; write \\, \\. or \\\\ for a "
            + "literal ',', '.' or '\\'");
  }

  @Test
  void aReleaseNameLongerThanHelmAllowsIsRejected() {
    String name = "a".repeat(54);
    assertThat(problems(HelmChart.directory(TestCharts.starter(dir)).release(name).build()))
        .containsExactly("release: release name '" + name + "' is longer than 53 characters, which Helm refuses "
            + "— use a shorter release name");
  }

  @Test
  void aMissingArchiveIsReported() {
    Path tgz = dir.resolve("web-1.0.0.tgz");
    assertThat(problems(HelmChart.archive(tgz).release("web").build())).containsExactly(
        "source: chart archive " + tgz + " does not exist — give the path of a packaged chart, as 'helm package' "
            + "writes it");
  }

  @Test
  void aTemplateThatFailsIsOneProblemWithHelmsMessage() {
    Path chart = TestCharts.starter(dir);
    TestCharts.write(chart.resolve("templates/broken.yaml"), "{{ required \"tls.secret is required\" .Values.tls }}\n");

    assertThatThrownBy(() -> HelmChart.directory(chart).release("web").build().compile(null))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> {
          Problem problem = e.problems().get(0);
          assertThat(e.problems()).hasSize(1);
          assertThat(problem.message()).startsWith("Helm cannot render the chart: ")
              .contains("tls.secret is required");
        });
  }
  /** A chart named chart2 with one ConfigMap template of its own and no other file. */
  private Path chart2(String configMap) {
    Path chart = dir.resolve("chart2");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: chart2\nversion: 0.1.0\n");
    TestCharts.write(chart.resolve("templates/cm.yaml"), configMap);
    return chart;
  }

  @Test
  void aTemplateWithoutMetadataIsAProblemNamingTheTemplateTheKindAndTheField() {
    Path chart = chart2("apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n");
    ClusterSpec spec = ClusterSpec.builder().name("render").preExistingNamespace("default")
        .component(HelmChart.directory(chart).release("chart2").build()).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.problems()).map(Problem::toString).containsExactly("ERROR [helm-chart2] metadata.name: "
            + "ConfigMap rendered from chart2/templates/cm.yaml has no metadata, so no metadata.name: Kubernetes and "
            + "Helm identify every object by its name — give the object a metadata.name in chart2/templates/cm.yaml, "
            + "such as 'name: {{ .Release.Name }}-configmap'"));
  }

  @Test
  void everyObjectWithoutANameIsListedTogetherInHelmsOrderWithItsTemplateOrTheCrdsFolder() {
    Path chart = chart2("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {app: web}\ndata: {a: b}\n");
    TestCharts.write(chart.resolve("templates/more.yaml"), "apiVersion: v1\nkind: Secret\nmetadata: {}\n---\n"
        + "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: named}\n");
    TestCharts.write(chart.resolve("crds/widgets.yaml"), "apiVersion: apiextensions.k8s.io/v1\n"
        + "kind: CustomResourceDefinition\nspec: {group: example.com}\n");

    assertThat(problems(HelmChart.directory(chart).release("chart2").build())).containsExactly(
        "metadata.name: CustomResourceDefinition rendered from chart2/crds/widgets.yaml has no metadata, so no "
            + "metadata.name: Kubernetes and Helm identify every object by its name — give the object a "
            + "metadata.name in chart2/crds/widgets.yaml: <plural>.<group>, the name every CustomResourceDefinition "
            + "must have",
        "metadata.name: Secret rendered from chart2/templates/more.yaml has no metadata.name: Kubernetes and Helm "
            + "identify every object by its name — give the object a metadata.name in chart2/templates/more.yaml, "
            + "such as 'name: {{ .Release.Name }}-secret'",
        "metadata.name: ConfigMap rendered from chart2/templates/cm.yaml has no metadata.name: Kubernetes and Helm "
            + "identify every object by its name — give the object a metadata.name in chart2/templates/cm.yaml, "
            + "such as 'name: {{ .Release.Name }}-configmap'");
  }

  @Test
  void yamlThatIsNotAnObjectNamesItsTemplate() {
    Path chart = chart2("apiVersion: v1\ndata: {a: b}\n");

    assertThat(problems(HelmChart.directory(chart).release("chart2").build())).containsExactly(
        "source: the chart renders YAML that is not a Kubernetes object: chart2/templates/cm.yaml, document 1 "
            + "(line 1): not a Kubernetes object — add apiVersion and kind, such as 'apiVersion: v1' and "
            + "'kind: ConfigMap' — fix the chart's templates; 'helm template' shows what they render");
  }
}
