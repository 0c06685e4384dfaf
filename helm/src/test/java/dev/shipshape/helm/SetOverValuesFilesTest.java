package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecValidationException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --set} is parsed into the values that the files made, as Helm's {@code ParseInto} does, not merged over
 * them like one more file. The judge is the bundled Helm given the same file and the same assignment (its {@code set}
 * takes one path and one scalar, so each case is one assignment).
 */
class SetOverValuesFilesTest {
  /** Shows the values as JSON and the kind of each; its defaults: {@code gone: default}, {@code list: [p, q, r]}. */
  private static final Path CHART = Path.of(URI.create(String.valueOf(
      SetOverValuesFilesTest.class.getResource("/charts/sets/Chart.yaml")))).getParent();

  @TempDir
  Path dir;

  private Path file(String yaml) {
    Path file = dir.resolve("values.yaml");
    TestCharts.write(file, yaml);
    return file;
  }

  private static Map<String, String> ours(Path values, String path, String value) {
    HelmChart chart = HelmChart.directory(CHART).release("sets").valuesFile(values).set(path + "=" + value)
        .build();
    return chart.compile(null).stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .findFirst().orElseThrow().getData();
  }

  private static Map<String, String> helms(Path values, String path, String value) {
    String manifest = new Helm(CHART).template().withName("sets").withValuesFile(values).set(path, value).call();
    return Manifests.parse(manifest).stream().filter(ConfigMap.class::isInstance)
        .map(ConfigMap.class::cast).findFirst().orElseThrow().getData();
  }

  @Test
  void anIndexChangesOneItemOfAFilesListAndKeepsTheOthers() {
    Path values = file("list: [a, b, c]\n");

    assertThat(ours(values, "list[1]", "X")).isEqualTo(helms(values, "list[1]", "X"))
        .containsEntry("values", "{\"gone\":\"default\",\"list\":[\"a\",\"X\",\"c\"]}");
  }

  @Test
  void anIndexPastTheEndOfAFilesListPadsItWithNulls() {
    Path values = file("list: [a]\n");

    assertThat(ours(values, "list[2]", "c")).isEqualTo(helms(values, "list[2]", "c"))
        .containsEntry("values", "{\"gone\":\"default\",\"list\":[\"a\",null,\"c\"]}");
  }

  @Test
  void nullDeletesTheChartsDefaultThatAFileChanged() {
    Path values = file("gone: file\nm: {x: 10}\n");

    assertThat(ours(values, "gone", "null")).isEqualTo(helms(values, "gone", "null"))
        .containsEntry("values", "{\"list\":[\"p\",\"q\",\"r\"],\"m\":{\"x\":10}}");
  }

  @Test
  void nullIntoAFilesMapLeavesANullWhereTheChartHasNoDefault() {
    Path values = file("m: {x: 10, z: 3}\n");

    assertThat(ours(values, "m.x", "null")).isEqualTo(helms(values, "m.x", "null")).containsEntry("values",
        "{\"gone\":\"default\",\"list\":[\"p\",\"q\",\"r\"],\"m\":{\"x\":null,\"z\":3}}");
  }

  @Test
  void aKeyOfAFilesListItemIsSetAsAnIntegerAndTheItemKeepsItsOtherKeys() {
    Path values = file("servers: [{port: 80, host: a}, {port: 90, host: b}]\n");

    Map<String, String> data = ours(values, "servers[1].port", "8080");

    assertThat(data).isEqualTo(helms(values, "servers[1].port", "8080"));
    assertThat(data.get("values")).contains("\"servers\":[{\"host\":\"a\",\"port\":80},{\"host\":\"b\","
        + "\"port\":8080}]");
  }

  @Test
  void aFileIsReadAsHelmReadsItWhateverItsYamlQuirks() {
    // YAML 1.1: Helm reads the key y as "true" and 0777 as octal.
    Path values = file("y: 1\nmode: 0777\nlist: [a, b]\n");

    assertThat(ours(values, "list[0]", "A")).isEqualTo(helms(values, "list[0]", "A"))
        .containsEntry("values", "{\"gone\":\"default\",\"list\":[\"A\",\"b\"],\"mode\":511,\"true\":1}");
  }

  @Test
  void aPathIntoAFilesValueThatIsNotAMapIsTheProblemHelmReports() {
    Path values = file("a: 1\n");
    assertThatThrownBy(() -> helms(values, "a.b", "2")).hasMessageContaining("failed parsing --set data");

    ClusterSpec spec = ClusterSpec.builder().name("helm").component(HelmChart.directory(CHART).release("sets")
        .valuesFile(values).setSecret("a.b", "s3cret").build()).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e -> {
      assertThat(e.errors()).extracting(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
          "values[1]: secret --set #1 is not valid at character 2: the path goes into a value that is not a map");
      assertThat(e.errors().get(0).fix()).isEqualTo("a values file, a values map or an earlier --set gives that "
          + "path another kind of value, which Helm refuses too: set the whole value in a values file or map "
          + "instead, or fix the path");
      assertThat(e.getMessage()).doesNotContain("s3cret");
    });
  }
}
