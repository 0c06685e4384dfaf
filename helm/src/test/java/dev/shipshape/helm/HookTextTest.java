package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that mentions {@code helm.sh/hook} renders as Helm renders it, although hooks are rendered from a copy where
 * that key is renamed: a checksum over an included hook template, a values schema that names the key.
 */
class HookTextTest {
  @TempDir
  Path dir;

  /**
   * A pre-install ConfigMap {@code settings}, and a ConfigMap {@code app} whose annotation is the checksum of that
   * template, as charts restart their pods when their configuration changes.
   */
  private Path checksumChart() {
    Path chart = dir.resolve("checksum");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: checksum\nversion: 0.1.0\n");
    TestCharts.write(chart.resolve("templates/settings.yaml"), String.join("\n",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: settings",
        "  annotations:",
        "    helm.sh/hook: pre-install,pre-upgrade",
        "data:",
        "  level: info",
        ""));
    TestCharts.write(chart.resolve("templates/app.yaml"), String.join("\n",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: app",
        "  annotations:",
        "    checksum/config: {{ include (print $.Template.BasePath \"/settings.yaml\") . | sha256sum }}",
        "    length/config: {{ include (print $.Template.BasePath \"/settings.yaml\") . | len | quote }}",
        ""));
    return chart;
  }

  @Test
  void aChecksumOverAnIncludedHookIsHelmsAndTheHookIsStillRendered() {
    Path chart = checksumChart();
    String helms = new Helm(chart).template().withName("web").call();
    Map<String, String> expected = Manifests.parse(helms).stream()
        .filter(o -> o.getMetadata().getName().equals("app")).findFirst().orElseThrow()
        .getMetadata().getAnnotations();

    List<HasMetadata> ours = HelmChart.directory(chart).release("web").namespace("web").build().compile(null);

    assertThat(ours).extracting(o -> o.getMetadata().getName()).containsExactly("settings", "app");
    assertThat(ours.get(1).getMetadata().getAnnotations()).isEqualTo(expected);
    assertThat(ours.get(0).getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade");
  }

  @Test
  void aValuesSchemaThatNamesTheHookKeyChecksTheValuesAsGiven() {
    Path chart = dir.resolve("schema");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: schema\nversion: 0.1.0\n");
    TestCharts.write(chart.resolve("values.yaml"), "jobAnnotations: {}\n");
    TestCharts.write(chart.resolve("values.schema.json"), "{\"type\": \"object\", \"properties\": {"
        + "\"jobAnnotations\": {\"type\": \"object\", \"propertyNames\": {\"pattern\": \"^helm\\\\.sh/\"}}}}\n");
    TestCharts.write(chart.resolve("templates/job.yaml"), String.join("\n",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: migrate",
        "  annotations: {{ toJson .Values.jobAnnotations }}",
        ""));
    Path values = dir.resolve("values.yaml");
    TestCharts.write(values, "jobAnnotations: {helm.sh/hook: post-install, helm.sh/hook-weight: \"2\"}\n");
    // Helm takes these values, and leaves the hook out of the release manifest.
    assertThat(String.valueOf(new Helm(chart).template().withName("web").withValuesFile(values).call()))
        .doesNotContain("migrate");

    List<HasMetadata> ours = HelmChart.directory(chart).release("web").valuesFile(values).build().compile(null);

    assertThat(ours).singleElement().isInstanceOf(ConfigMap.class).satisfies(o -> assertThat(
        o.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "post-install"));
  }
}
