package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.plan.Plan;
import java.io.IOException;
import java.io.StringWriter;
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
}
