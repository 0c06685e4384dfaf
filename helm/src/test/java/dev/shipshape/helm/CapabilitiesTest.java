package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates see the spec's target version in .Capabilities; Chart.yaml's kubeVersion is checked against it. */
class CapabilitiesTest {
  @TempDir Path dir;

  private Path chart(String kubeVersion) {
    Path chart = dir.resolve("caps");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: caps\nversion: 1.0.0\n" + kubeVersion);
    TestCharts.write(chart.resolve("templates/configmap.yaml"), String.join("\n",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: caps",
        "data:",
        "  version: {{ .Capabilities.KubeVersion.Version | quote }}",
        "  plain: {{ .Capabilities.KubeVersion | quote }}",
        "  minor: {{ $.Capabilities.KubeVersion.Minor | quote }}",
        "  {{- if semverCompare \">=1.30-0\" .Capabilities.KubeVersion.GitVersion }}",
        "  atLeast130: \"yes\"",
        "  {{- end }}",
        "  {{- if .Capabilities.APIVersions.Has \"batch/v1beta1\" }}",
        "  batchV1beta1: \"yes\"",
        "  {{- end }}",
        "  {{- if and (.Capabilities.APIVersions.Has \"apps/v1\") ($.Capabilities.APIVersions.Has `monitoring.coreos.com/v1`) }}",
        "  monitoring: \"yes\"",
        "  {{- end }}",
        ""));
    return chart;
  }

  private static Map<String, String> data(Plan plan) {
    return ((ConfigMap) plan.resources().stream().filter(r -> r.ref().name().equals("caps")).findFirst()
        .orElseThrow().object()).getData();
  }

  private static ClusterSpec spec(String version, HelmChart chart) {
    return ClusterSpec.builder().name("caps").kubernetesVersion(version).preExistingNamespace("default")
        .component(chart).build();
  }

  @Test
  void templatesSeeTheSpecsTargetVersionAndItsApiVersions() {
    HelmChart chart = HelmChart.directory(chart("")).release("caps").build();

    assertThat(data(spec("1.24", chart).plan())).containsExactlyInAnyOrderEntriesOf(Map.of(
        "version", "v1.24.0", "plain", "v1.24.0", "minor", "24", "batchV1beta1", "yes"));
    assertThat(data(spec("1.33", chart).plan())).containsExactlyInAnyOrderEntriesOf(Map.of(
        "version", "v1.33.0", "plain", "v1.33.0", "minor", "33", "atLeast130", "yes"));
  }

  @Test
  void apiVersionsOfTheChartAreAddedAsHelmsApiVersionsFlagAddsThem() {
    HelmChart chart = HelmChart.directory(chart("")).release("caps").addApiVersions("monitoring.coreos.com/v1")
        .build();

    assertThat(data(spec("1.33", chart).plan())).containsEntry("monitoring", "yes");
  }

  @Test
  void withoutTheTargetTheBundledHelmWouldRenderForKubernetes120() {
    String helmDefault = new Helm(chart("")).template().withName("caps").call();

    assertThat(helmDefault).contains("version: \"v1.20.0\"").doesNotContain("atLeast130");
  }

  @Test
  void chartYamlsKubeVersionIsCheckedAgainstTheTargetAsHelmChecksIt() {
    HelmChart chart = HelmChart.directory(chart("kubeVersion: \">=1.30.0-0\"\n")).release("caps").build();

    assertThat(data(spec("1.33", chart).plan())).containsEntry("version", "v1.33.0");
    assertThatThrownBy(() -> spec("1.29", HelmChart.directory(chart("kubeVersion: \">=1.30.0-0\"\n"))
        .release("caps").build()).plan())
        .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.errors())
            .extracting(p -> p.field().orElse("") + ": " + p.message() + " — " + p.fix())
            .containsExactly("source: chart requires kubeVersion >=1.30.0-0, which is incompatible with the "
                + "spec's target Kubernetes v1.29.0 — use a chart version made for Kubernetes v1.29.0, or target "
                + "a Kubernetes version the chart supports"));
  }

  @Test
  void aKubeVersionThatIsNoConstraintIsReported() {
    HelmChart chart = HelmChart.directory(chart("kubeVersion: \"one point thirty\"\n")).release("caps").build();

    assertThatThrownBy(() -> chart.compile(null)).isInstanceOfSatisfying(SpecValidationException.class,
        e -> assertThat(e.problems().get(0).message())
            .startsWith("the chart's kubeVersion 'one point thirty' is not a version constraint: "));
  }

  @Test
  void aMalformedApiVersionIsReported() {
    HelmChart chart = HelmChart.directory(chart("")).release("caps").addApiVersions("monitoring coreos/v1").build();

    assertThatThrownBy(() -> chart.compile(null)).isInstanceOfSatisfying(SpecValidationException.class,
        e -> assertThat(e.problems()).extracting(p -> p.field().orElse("") + ": " + p.message())
            .containsExactly("apiVersions: API version 'monitoring coreos/v1' is not group/version or "
                + "group/version/Kind"));
  }

  @Test
  void aFormThatCannotBeGivenTheTargetIsNamedInTheNotes() {
    Path chart = chart("");
    TestCharts.write(chart.resolve("templates/other.yaml"), "{{- $api := .Capabilities.APIVersions }}\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n");

    assertThat(HelmChart.directory(chart).release("caps").build().renderNotes()).containsExactly(
        "templates/other.yaml reads .Capabilities in a form that cannot be given the target version: that use "
            + "sees the bundled Helm's defaults (Kubernetes v1.20.0)");
  }
}
