package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that mentions {@code helm.sh/hook} renders as Helm renders it, although hooks are rendered from a copy where
 * that key is renamed: a checksum over an included hook template, a values schema that names the key; a chart is
 * rendered once unless such text needs the chart as written, so what a template generates is the same in hooks and
 * in the chart's other objects.
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

  /** The webhook pattern: one CA, generated once, in a pre-install Secret and in a ConfigMap of the release. */
  private Path webhookChart(String name) {
    Path chart = dir.resolve(name);
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n");
    TestCharts.write(chart.resolve("templates/webhook.yaml"), String.join("\n",
        "{{- $ca := genCA \"webhook-ca\" 365 }}",
        "apiVersion: v1",
        "kind: Secret",
        "metadata:",
        "  name: webhook-ca",
        "  annotations:",
        "    helm.sh/hook: pre-install,pre-upgrade",
        "data:",
        "  ca.crt: {{ $ca.Cert | b64enc }}",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: webhook-config",
        "data:",
        "  caBundle: {{ $ca.Cert | b64enc }}",
        ""));
    return chart;
  }

  @Test
  void aCaGeneratedOnceIsTheSameInTheHookSecretAndTheConfigMap() {
    HelmChart chart = HelmChart.directory(webhookChart("gen")).release("web").namespace("web").build();

    List<HasMetadata> ours = chart.compile(null);

    assertThat(ours).extracting(o -> o.getMetadata().getName()).containsExactly("webhook-ca", "webhook-config");
    assertThat(((Secret) ours.get(0)).getData().get("ca.crt")).isNotBlank()
        .isEqualTo(((ConfigMap) ours.get(1)).getData().get("caBundle"));
    assertThat(spec(chart).plan().warnings()).isEmpty();
  }

  @Test
  void valuesThatNameTheHookKeyWithAGeneratedCaAreAWarning() {
    Path chart = webhookChart("genvalues");
    TestCharts.write(chart.resolve("values.yaml"), "jobAnnotations: {helm.sh/hook-weight: \"1\"}\n");
    HelmChart helm = HelmChart.directory(chart).release("web").namespace("web").build();

    assertThat(spec(helm).plan().warnings()).extracting(p -> p.component().orElse("") + " " + p.field().orElse("")
        + ": " + p.message() + " — " + p.fix()).containsExactly("helm-web templates: the chart's objects and its "
        + "hooks were rendered separately (its values name helm.sh/hook), and its templates call functions whose "
        + "result changes from one render to the next (genCA, randAlphaNum, ...): a value generated once for both a "
        + "hook and another object, such as a CA in a hook Secret and in a webhook configuration, differs between "
        + "them, where Helm renders the chart once — give the generated value to the chart as a value, or "
        + "generate it only in the hooks or only in the chart's other objects");
  }

  /**
   * A limit: text that holds the hook key and that a template measures or hashes in its own object (not through an
   * include, not from values) is computed over the renamed key.
   */
  @Test
  void hookKeyTextMeasuredInTheObjectItselfIsALimit() {
    Path chart = dir.resolve("measured");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: measured\nversion: 0.1.0\n");
    TestCharts.write(chart.resolve("templates/cm.yaml"), String.join("\n",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: keys",
        "data:",
        "  length: {{ len \"helm.sh/hook\" | quote }}",
        ""));
    String helms = new Helm(chart).template().withName("web").call();
    assertThat(((ConfigMap) Manifests.parse(helms).get(0)).getData()).containsEntry("length", "12");

    List<HasMetadata> ours = HelmChart.directory(chart).release("web").build().compile(null);

    assertThat(((ConfigMap) ours.get(0)).getData()).containsEntry("length",
        String.valueOf("shipshape.dev/helm-hook".length()));
  }

  private static ClusterSpec spec(HelmChart chart) {
    return ClusterSpec.builder().name("gen").kubernetesVersion("1.34")
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n").component(chart).build();
  }
}
