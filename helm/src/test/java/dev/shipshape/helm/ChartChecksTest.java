package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        "values[1]: --set path 'image..tag' is not a dotted path — write a path such as 'image.tag' or "
            + "'hosts[0].name'");
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
}
