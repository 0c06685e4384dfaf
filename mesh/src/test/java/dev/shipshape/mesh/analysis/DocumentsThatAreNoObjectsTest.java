package dev.shipshape.mesh.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.mesh.route.MeshRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents of the input that are not Kubernetes objects are rejected, each named by file, document number and
 * line, as {@code audit} and {@code plan} reject them (the command line exits 3), instead of being skipped without a
 * word; empty documents are still skipped, as kubectl skips them.
 */
class DocumentsThatAreNoObjectsTest {
  private static final String INPUT = String.join("\n",
      "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
      "spec: {selector: {app: web}, ports: [{name: http, port: 80}]}",
      "---", "- a list", "- of strings",
      "---", "just a scalar",
      "---", "metadata: {name: settings, namespace: shop}", "data: {a: b}",
      "---", "");

  @TempDir
  Path dir;

  private static String problems(String source) {
    return String.join("\n",
        source + ", document 2 (line 5): not a Kubernetes object — a manifest is a map with apiVersion, kind and "
            + "metadata",
        source + ", document 3 (line 8): not a Kubernetes object — a manifest is a map with apiVersion, kind and "
            + "metadata",
        source + ", document 4 (line 10): not a Kubernetes object — add apiVersion and kind, such as 'apiVersion: "
            + "v1' and 'kind: ConfigMap'");
  }

  @Test
  void analyzingFilesNamesEveryDocumentThatIsNoObject() throws IOException {
    Path file = Files.writeString(dir.resolve("mixed.yaml"), INPUT);

    assertThatThrownBy(() -> MeshAnalyzer.all().analyzeFiles(List.of(dir)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(problems(file.toString()));
  }

  @Test
  void analyzingTextNamesThemToo() {
    assertThatThrownBy(() -> MeshAnalyzer.all().analyzeYaml(INPUT))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(problems("input"));
  }

  @Test
  void routingOverFilesRejectsThemAsTheAnalysisDoes() throws IOException {
    Path file = Files.writeString(dir.resolve("mixed.yaml"), INPUT);

    assertThatThrownBy(() -> MeshRouter.ofFiles(List.of(file)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(problems(file.toString()));
  }

  @Test
  void emptyDocumentsAreStillSkipped() {
    String service = INPUT.substring(0, INPUT.indexOf("---"));

    assertThat(MeshAnalyzer.all().analyzeYaml("---\n" + service + "---\n# a comment only\n---\n"))
        .isEqualTo(MeshAnalyzer.all().analyzeYaml(service));
  }
}
