package dev.shipshape.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.helm.HelmChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Value layers handed to a Helm command: Helm reads the values files once. */
class ValueFilesTest {
  @TempDir
  Path dir;

  @Test
  void helmReadsTheFilesOnceAndTheSetExpressionsChangeACopy() throws Exception {
    Path file = dir.resolve("values.yaml");
    Files.writeString(file, "image: {tag: \"1.0\", pullPolicy: Always}\n");
    HelmChart chart = HelmChart.directory(dir).release("web").valuesFile(file).set("image.tag=2.0").build();
    AtomicInteger probes = new AtomicInteger();
    List<Path> given = new ArrayList<>();
    try (ValueFiles values = ValueFiles.create((files, work) -> {
      probes.incrementAndGet();
      Map<String, Object> image = new LinkedHashMap<>(Map.of("tag", "1.0", "pullPolicy", "Always"));
      return new LinkedHashMap<>(Map.of("image", image));
    })) {
      values.apply(chart, given::add, (path, value) -> { });
      assertThat(probes).hasValue(1);
      assertThat(given).hasSize(2).first().isEqualTo(file);
      assertThat(Files.readString(given.get(1))).isEqualTo("{\"image\":{\"tag\":\"2.0\"}}");
      // A chart rendered twice (as written and with the hook key renamed) gives the same files again.
      List<Path> again = new ArrayList<>();
      values.apply(chart, again::add, (path, value) -> { });
      assertThat(probes).hasValue(1);
      assertThat(Files.readString(again.get(1))).isEqualTo("{\"image\":{\"tag\":\"2.0\"}}");
    }
  }
}
