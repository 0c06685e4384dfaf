package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlExportTest {
  private static final byte[] TEXT = "kind: ConfigMap\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void aFileHoldsTheTextOnlyWhenItsBytesAreExactlyThose(@TempDir Path dir) throws IOException {
    assertThat(YamlExport.holds(Files.write(dir.resolve("same.yaml"), TEXT), TEXT)).isTrue();
    assertThat(YamlExport.holds(Files.writeString(dir.resolve("longer.yaml"), "kind: ConfigMap\n#\n"), TEXT))
        .isFalse();
    assertThat(YamlExport.holds(Files.writeString(dir.resolve("much-longer.yaml"), "kind: ConfigMap\n".repeat(1000)),
        TEXT)).isFalse();
    assertThat(YamlExport.holds(Files.writeString(dir.resolve("shorter.yaml"), "kind: ConfigMap"), TEXT)).isFalse();
    assertThat(YamlExport.holds(Files.writeString(dir.resolve("other.yaml"), "kind: ConfigMaq\n"), TEXT)).isFalse();
    assertThat(YamlExport.holds(Files.write(dir.resolve("empty.yaml"), new byte[0]), new byte[0])).isTrue();
    assertThat(YamlExport.holds(dir.resolve("missing.yaml"), TEXT)).isFalse();
    assertThat(YamlExport.holds(dir, TEXT)).as("a directory").isFalse();
  }
}
