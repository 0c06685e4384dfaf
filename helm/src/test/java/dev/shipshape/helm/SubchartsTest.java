package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subcharts as {@code helm install} treats them: packed ones ({@code helm dependency build} packs every
 * dependency) like unpacked ones, and the CRDs of the subcharts that conditions or tags disable left out.
 */
class SubchartsTest {
  @TempDir Path dir;

  /** A parent chart with subchart {@code sub} under {@code condition: sub.enabled} and tag {@code extras}. */
  private Path parent(boolean packed) {
    String name = packed ? "packed" : "unpacked";
    Path sub = dir.resolve(name + "-src/sub");
    TestCharts.write(sub.resolve("Chart.yaml"), "apiVersion: v2\nname: sub\nversion: 1.0.0\n");
    TestCharts.write(sub.resolve("templates/seed.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: sub-seed\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: \"-1\"\n"
        + "data:\n  kube: {{ .Capabilities.KubeVersion.Version }}\n");
    TestCharts.write(sub.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: sub-cm\n");
    TestCharts.write(sub.resolve("crds/things.yaml"), "apiVersion: apiextensions.k8s.io/v1\n"
        + "kind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec:\n  group: example.com\n"
        + "  scope: Namespaced\n  names: {kind: Thing, plural: things}\n  versions: [{name: v1, served: true, "
        + "storage: true, schema: {openAPIV3Schema: {type: object}}}]\n");
    Path parent = dir.resolve(name);
    TestCharts.write(parent.resolve("Chart.yaml"), "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n"
        + "- name: sub\n  version: 1.0.0\n  condition: sub.enabled\n  tags: [extras]\n");
    TestCharts.write(parent.resolve("values.yaml"), "sub:\n  enabled: true\n");
    TestCharts.write(parent.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: parent-cm\ndata:\n  kube: {{ .Capabilities.KubeVersion.Version }}\n");
    if (packed) {
      new Helm(sub).packageIt().withDestination(parent.resolve("charts")).call();
    } else {
      TestCharts.write(parent.resolve("charts/sub/Chart.yaml"), "apiVersion: v2\nname: sub\nversion: 1.0.0\n");
      TestCharts.write(parent.resolve("charts/sub/crds/things.yaml"), "apiVersion: apiextensions.k8s.io/v1\n"
          + "kind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec:\n  group: example.com\n"
          + "  scope: Namespaced\n  names: {kind: Thing, plural: things}\n  versions: [{name: v1, served: true, "
          + "storage: true, schema: {openAPIV3Schema: {type: object}}}]\n");
    }
    return parent;
  }

  private static List<List<String>> groups(HelmChart chart) {
    return chart.rendered().groups().stream()
        .map(g -> g.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).sorted()
            .collect(Collectors.toList()))
        .collect(Collectors.toList());
  }

  private static String data(HelmChart chart, String name, String key) {
    return chart.compile(null).stream().filter(o -> o.getMetadata().getName().equals(name))
        .map(o -> ((ConfigMap) o).getData().get(key)).findFirst().orElseThrow();
  }

  @Test
  void aPackedSubchartsHooksAndCapabilitiesAreRenderedAsAnUnpackedOnes() {
    HelmChart chart = HelmChart.directory(parent(true)).release("web").build();

    assertThat(groups(chart)).containsExactly(
        List.of("CustomResourceDefinition things.example.com"),
        List.of("ConfigMap sub-seed"),
        List.of("ConfigMap parent-cm", "ConfigMap sub-cm"));
    assertThat(data(chart, "sub-seed", "kube")).isEqualTo(data(chart, "parent-cm", "kube")).isNotEqualTo("v1.20.0");
  }

  @Test
  void theCrdsOfASubchartThatAConditionDisablesAreNotInstalledPackedOrNot() {
    for (boolean packed : List.of(true, false)) {
      Path parent = parent(packed);
      HelmChart off = HelmChart.directory(parent).release("web").set("sub.enabled", false).build();
      HelmChart on = HelmChart.directory(parent).release("web").build();

      assertThat(off.compile(null)).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
          .containsExactly("ConfigMap parent-cm");
      assertThat(on.compile(null)).extracting(HasMetadata::getKind).contains("CustomResourceDefinition");
    }
  }

  @Test
  void theCrdsOfASubchartThatATagDisablesAreNotInstalled() {
    HelmChart chart = HelmChart.directory(parent(true)).release("web")
        .set("sub.enabled=null").set("tags.extras", false).build();
    HelmChart tagged = HelmChart.directory(dir.resolve("packed")).release("web").set("sub.enabled=null").build();

    assertThat(chart.compile(null)).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly("ConfigMap parent-cm");
    assertThat(tagged.compile(null)).extracting(HasMetadata::getKind).contains("CustomResourceDefinition");
  }
}
