package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecSourceTest {
  @TempDir
  Path dir;

  @Test
  void aManifestFileNamesTheSpecWithoutItsExtension() throws IOException {
    Path file = Files.writeString(dir.resolve("My_App.Prod.yaml"), "");

    assertThat(SpecSource.nameFor(file)).isEqualTo("my-app-prod");
  }

  @Test
  void aDirectoryNamesTheSpec() throws IOException {
    Path manifests = Files.createDirectories(dir.resolve("--Team Shop--"));

    assertThat(SpecSource.nameFor(manifests)).isEqualTo("team-shop");
    assertThat(SpecSource.nameFor(manifests.resolve("."))).isEqualTo("team-shop");
  }

  @Test
  void aNameWithoutLettersOrDigitsFallsBackToManifests() {
    assertThat(SpecSource.nameFor(dir.resolve("___"))).isEqualTo("manifests");
  }

  @Property(tries = 300)
  void anyDirectoryNameGivesAValidSpecName(@ForAll @StringLength(max = 120) String name) {
    String cleaned = name.replace("/", "").replace("\u0000", "");
    Assume.that(!cleaned.isEmpty() && !cleaned.equals(".") && !cleaned.equals(".."));

    String specName = SpecSource.nameFor(Path.of("/specs").resolve(cleaned));

    assertThat(Names.checkDns1123Label(specName)).as(specName).isEmpty();
  }
}
