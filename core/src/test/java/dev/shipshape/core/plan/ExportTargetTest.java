package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export into a directory looked at before the plan was made ({@link ExportTarget}): what another program does
 * to the directory between the look and the export is never lost, and the next export converges.
 */
class ExportTargetTest {
  private static final Predicate<PlannedResource> ALL = r -> true;
  private static final String SETTINGS = "01-0002-configmap-shop-settings.yaml";
  private static final String FIRST_EXTRA = "01-0003-configmap-shop-xtra-0.yaml";
  private static final String LAST = "01-0004-configmap-shop-xtra-1.yaml";

  @TempDir
  Path temp;
  private Path dir;
  private Path index;

  @BeforeEach
  void paths() {
    dir = temp.resolve("out");
    index = temp.resolve("cache").resolve("index");
  }

  @Test
  void anExportIntoALookedAtDirectoryWritesWhatAnExportIntoThePathWrites() throws IOException {
    Plan plan = ExportIndexTest.plan("fast", 2);
    Path other = temp.resolve("other");
    plan.writeTo(other, ALL);
    Files.createDirectories(dir);

    List<Path> written = plan.writeTo(ExportTarget.scan(dir), ALL);

    assertThat(names(written)).isEqualTo(names(plan.writeTo(other, ALL)));
    for (Path file : written) {
      assertThat(Files.readString(file)).isEqualTo(Files.readString(other.resolve(file.getFileName())));
    }
  }

  @Test
  void lookingAtADirectoryThatIsNotThereMakesNothingTheExportMakesIt() {
    ExportTarget target = ExportTarget.scan(dir, index);

    assertThat(dir).doesNotExist();
    assertThat(target.directory()).isEqualTo(dir);
    List<Path> written = ExportIndexTest.plan("fast", 1).writeTo(target, ALL);
    assertThat(written).hasSize(4).allSatisfy(file -> assertThat(file).isRegularFile());
  }

  @Test
  void aFileAnotherProgramMakesAfterTheLookIsLeftAsItIsNamedAndNotListed() throws IOException {
    ExportIndexTest.plan("fast", 0).writeTo(dir, ALL, index);
    ExportTarget target = ExportTarget.scan(dir, index);
    Path made = Files.writeString(dir.resolve(LAST), "the other program's\n");

    assertThatThrownBy(() -> ExportIndexTest.plan("fast", 2).writeTo(target, ALL))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot write the plan to " + dir)
        .cause().isInstanceOf(FileAlreadyExistsException.class)
        .hasMessage("another program made a file that the export would overwrite while it ran (" + LAST
            + "; left as they are and not listed in kustomization.yaml) — move those files away and export again");
    assertThat(Files.readString(made)).isEqualTo("the other program's\n");
    assertThat(Files.readString(dir.resolve("kustomization.yaml"))).contains("- " + FIRST_EXTRA)
        .doesNotContain(LAST);

    // Not the export's own: the next export refuses it as any file no export wrote, until it is moved away.
    assertThatThrownBy(() -> ExportIndexTest.plan("fast", 2).writeTo(dir, ALL, index))
        .cause().isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("(" + LAST + ";");
    Files.delete(made);
    List<Path> written = ExportIndexTest.plan("fast", 2).writeTo(dir, ALL, index);
    assertThat(Files.readString(dir.resolve(LAST))).contains("name: xtra-1");
    assertThat(written).hasSize(5);
  }

  @Test
  void aFileChangedOrRemovedAfterTheLookIsWrittenAgainByTheNextExport() throws IOException {
    Plan plan = ExportIndexTest.plan("fast", 1);
    plan.writeTo(dir, ALL, index);
    plan.writeTo(dir, ALL, index);
    String expected = Files.readString(dir.resolve(SETTINGS));
    ExportTarget target = ExportTarget.scan(dir, index);
    Files.writeString(dir.resolve(SETTINGS), expected.replace("fast", "slow"));
    Files.delete(dir.resolve(FIRST_EXTRA));

    plan.writeTo(target, ALL);
    plan.writeTo(dir, ALL, index);

    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(expected);
    assertThat(dir.resolve(FIRST_EXTRA)).isRegularFile();
  }

  @Test
  void aTargetThatIsAFileIsRefusedWhenTheExportWrites() throws IOException {
    Files.writeString(dir, "a file\n");
    ExportTarget target = ExportTarget.scan(dir);

    assertThatThrownBy(() -> ExportIndexTest.plan("fast", 0).writeTo(target, ALL))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot write the plan to " + dir)
        .cause().isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(dir)).isEqualTo("a file\n");
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(file -> file.getFileName().toString()).collect(Collectors.toList());
  }
}
