package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.testing.LibraryYaml;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans large enough to be rendered in parallel chunks keep their order and their text. */
class LargePlanOutputTest {
  private static final int CONFIG_MAPS = 700;

  @Test
  void yamlOfALargePlanIsEveryObjectInApplyOrder() throws IOException {
    Plan plan = spec().plan();
    StringBuilder expected = new StringBuilder();
    for (PlannedResource r : plan.resources()) expected.append("---\n").append(LibraryYaml.object(r.object()));

    assertThat(plan.toYaml()).isEqualTo(expected.toString());
    StringWriter selected = new StringWriter();
    plan.writeObjects(selected, r -> r.ref().name().endsWith("7"));
    assertThat(selected.toString()).isEqualTo(plan.resources().stream().filter(r -> r.ref().name().endsWith("7"))
        .map(r -> "---\n" + LibraryYaml.object(r.object())).collect(Collectors.joining()));
  }

  @Test
  void writeToWritesEveryFileOfALargePlanAndReplacesFilesOfAnEarlierExport(@TempDir Path dir) throws IOException {
    Plan plan = spec().plan();
    String first = "00-0001-namespace-shop.yaml";
    plan.writeTo(dir);
    Files.writeString(dir.resolve(first), "a longer text than the namespace's own YAML, to be replaced\n".repeat(9));

    List<Path> written = plan.writeTo(dir);

    assertThat(written).hasSize(CONFIG_MAPS + 2);
    for (int i = 0; i < plan.resources().size(); i++) {
      assertThat(Files.readString(written.get(i))).isEqualTo(LibraryYaml.object(plan.resources().get(i).object()));
    }
    assertThat(written.get(0).getFileName()).hasToString(first);
    assertThat(Files.readString(dir.resolve("kustomization.yaml")))
        .contains("resources:\n- " + first + "\n- 01-0002-configmap-shop-cm-000.yaml\n")
        .endsWith("- 01-0701-configmap-shop-cm-699.yaml\n");
  }

  @Test
  void aFileThatCannotBeWrittenIsReportedWithTheDirectory(@TempDir Path dir) throws IOException {
    spec().plan().writeTo(dir);
    // A file of the earlier export replaced by a directory: the export cannot write it.
    Path file = dir.resolve("01-0400-configmap-shop-cm-398.yaml");
    Files.delete(file);
    Files.createDirectory(file);

    assertThatThrownBy(() -> spec().plan().writeTo(dir)).isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot write the plan to " + dir)
        .cause().hasMessageContaining("01-0400-configmap-shop-cm-398.yaml");
  }

  private static ClusterSpec spec() {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(TestManifests.namespace("shop"));
    for (int i = 0; i < CONFIG_MAPS; i++) {
      objects.add(TestManifests.configMap("shop", String.format("cm-%03d", i), "mode", i % 3 == 0 ? "0" + i : "fast",
          "text", i % 5 == 0 ? "line\nbreak " + i : "plain " + i));
    }
    return ClusterSpec.builder().name("shop").resource(objects.toArray(HasMetadata[]::new)).build();
  }
}
