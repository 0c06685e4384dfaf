package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.plan.Plan;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestExecutorTest {

  @Test
  void writesOneFilePerObjectAndAKustomizationInApplyOrder(@TempDir Path directory) throws IOException {
    Plan plan = ShopSpec.full().plan();

    ApplyReport report = ManifestExecutor.toDirectory(directory).apply(plan);

    assertThat(report.results()).extracting(ResourceResult::outcome).containsOnly(Outcome.WRITTEN);
    assertThat(report.results()).hasSize(plan.resources().size());
    List<String> kustomization = Files.readAllLines(directory.resolve("kustomization.yaml"));
    List<String> listed = kustomization.stream().filter(l -> l.startsWith("- ")).map(l -> l.substring(2))
        .collect(Collectors.toList());
    assertThat(listed).startsWith("00-0001-namespace-shop.yaml").hasSize(plan.resources().size())
        .contains("02-0010-deployment-shop-web.yaml");
    assertThat(listed).isSorted();
    for (int i = 0; i < listed.size(); i++) {
      assertThat(Files.readString(directory.resolve(listed.get(i)))).isEqualTo(plan.resources().get(i).yaml());
    }
  }

  @Test
  void aSecondExportDropsTheFilesOfObjectsThatLeftThePlan(@TempDir Path directory) throws IOException {
    ManifestExecutor.toDirectory(directory).apply(ShopSpec.full().plan());
    Files.writeString(directory.resolve("README.md"), "kept");

    ManifestExecutor.toDirectory(directory).apply(ShopSpec.full().without("service").plan());

    try (Stream<Path> files = Files.list(directory)) {
      List<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
      assertThat(names).noneMatch(n -> n.contains("service-shop-web")).contains("README.md", "kustomization.yaml");
    }
  }

  @Test
  void writesMultiDocumentYamlToAWriter() {
    Plan plan = ShopSpec.full().plan();
    StringWriter out = new StringWriter();
    RecordingListener listener = new RecordingListener();

    ApplyReport report = ManifestExecutor.toWriter(out).apply(plan, ApplyOptions.builder().listener(listener).build());

    assertThat(out.toString()).isEqualTo(plan.toYaml());
    assertThat(report.isSuccess()).isTrue();
    assertThat(report.toText()).isEqualTo("Applied shop: " + plan.resources().size() + " written in "
        + report.elapsed().toMillis() + " ms\n");
    assertThat(listener.events()).containsExactly("applyStart shop", "applyEnd success");
  }

  @Test
  void aStreamThatCannotBeWrittenFailsEveryObjectInTheReportInsteadOfThrowing() {
    Plan plan = ShopSpec.full().plan();
    Writer full = new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    RecordingListener listener = new RecordingListener();

    ApplyReport report = ManifestExecutor.toWriter(full).apply(plan, ApplyOptions.builder().listener(listener)
        .build());

    assertThat(report.results()).hasSize(plan.resources().size()).allSatisfy(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(r.message()).contains("cannot write the plan to the stream: No space left on device");
    });
    assertThat(listener.events()).containsExactly("applyStart shop", "applyEnd failed");
  }

  @Test
  void aDirectoryThatCannotBeCreatedFailsEveryObjectInTheReport(@TempDir Path parent) throws IOException {
    Path notADirectory = Files.writeString(parent.resolve("taken"), "a file");

    ApplyReport report = ManifestExecutor.toDirectory(notADirectory).apply(ShopSpec.full().plan());

    assertThat(report.isSuccess()).isFalse();
    assertThat(report.failed().get(0).message().orElseThrow()).isEqualTo("cannot write the plan to " + notADirectory
        + ": FileAlreadyExistsException " + notADirectory);
  }
}
