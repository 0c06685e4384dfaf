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
import java.util.stream.Stream;
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
  void aFileAnotherProgramMakesAfterTheLookIsRefusedBeforeAnythingIsWritten() throws IOException {
    ExportIndexTest.plan("fast", 0).writeTo(dir, ALL, index);
    String kustomization = Files.readString(dir.resolve("kustomization.yaml"));
    ExportTarget target = ExportTarget.scan(dir, index);
    Path made = Files.writeString(dir.resolve(LAST), "the other program's\n");

    assertThatThrownBy(() -> ExportIndexTest.plan("fast", 2).writeTo(target, ALL))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot write the plan to " + dir)
        .cause().isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("(" + LAST + ";");
    assertThat(Files.readString(made)).isEqualTo("the other program's\n");
    assertThat(Files.readString(dir.resolve("kustomization.yaml"))).isEqualTo(kustomization);
    assertThat(dir.resolve(FIRST_EXTRA)).doesNotExist();
  }

  @Test
  void aFileMadeAfterTheListingIsLeftAsItIsAndNamedUnlessItHoldsTheObjectsText() throws IOException {
    Plan plan = ExportIndexTest.plan("fast", 1);
    Files.createDirectories(dir);
    List<PlannedResource> objects = plan.resources();
    List<Path> files = objects.stream().map(r -> dir.resolve(Plan.fileName(r.wave(), objects.indexOf(r) + 1,
        r.ref()))).collect(Collectors.toList());
    ExportDirectory.Listing listing = ExportDirectory.list(dir);
    ExportDirectory.OwnFiles none = ExportDirectory.prepare(dir, listing,
        ExportDirectory.scan(dir, false), files.stream().map(f -> f.getFileName().toString())
            .collect(Collectors.toList()));
    Files.writeString(files.get(1), "the other program's\n");
    Files.writeString(files.get(2), objects.get(2).yaml());

    YamlExport.Written written = YamlExport.writeFiles(objects, files, none, java.util.Optional.empty());

    assertThat(written.appeared()).containsExactly(files.get(1).getFileName().toString());
    assertThat(Files.readString(files.get(1))).isEqualTo("the other program's\n");
    assertThat(Files.readString(files.get(0))).isEqualTo(objects.get(0).yaml());
  }

  @Test
  void aFileRemovedAfterTheLookIsWrittenAgainAndOneChangedIsByTheNextExport() throws IOException {
    Plan plan = ExportIndexTest.plan("fast", 1);
    plan.writeTo(dir, ALL, index);
    plan.writeTo(dir, ALL, index);
    String expected = Files.readString(dir.resolve(SETTINGS));
    ExportTarget target = ExportTarget.scan(dir, index);
    Files.writeString(dir.resolve(SETTINGS), expected.replace("fast", "slow"));
    Files.delete(dir.resolve(FIRST_EXTRA));

    plan.writeTo(target, ALL);

    // Removed: the export's own listing sees it, and writes it again at once.
    assertThat(dir.resolve(FIRST_EXTRA)).isRegularFile();
    plan.writeTo(dir, ALL, index);
    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(expected);
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

  @Test
  void anotherExportOfTheSameObjectsRunningBesideThisOneIsNoConflict() throws IOException {
    ExportIndexTest.plan("fast", 0).writeTo(dir, ALL, index);
    ExportTarget first = ExportTarget.scan(dir, index);
    ExportTarget second = ExportTarget.scan(dir, index);

    ExportIndexTest.plan("fast", 2).writeTo(first, ALL);
    List<Path> written = ExportIndexTest.plan("fast", 2).writeTo(second, ALL);

    assertThat(written).hasSize(5);
    assertThat(Files.readString(dir.resolve("kustomization.yaml"))).contains("- " + LAST);
    assertThat(ExportIndexTest.plan("fast", 2).writeTo(dir, ALL, index)).hasSize(5);
  }

  @Test
  void aTargetServesOneExport() {
    ExportTarget target = ExportTarget.scan(dir);
    ExportIndexTest.plan("fast", 0).writeTo(target, ALL);

    assertThatThrownBy(() -> ExportIndexTest.plan("fast", 0).writeTo(target, ALL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("an ExportTarget serves one export: look at " + dir + " again for the next one");
  }

  @Test
  void aKustomizationAnotherProgramMakesAfterTheLookIsRefusedAsBeforeALook() throws IOException {
    Files.createDirectories(dir);
    ExportTarget target = ExportTarget.scan(dir);
    Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n- ../base\n");

    assertThatThrownBy(() -> ExportIndexTest.plan("fast", 0).writeTo(target, ALL))
        .cause().isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("(kustomization.yaml;");
    assertThat(Files.readString(dir.resolve("kustomization.yaml"))).isEqualTo("resources:\n- ../base\n");
  }

  @Test
  void aFileOfTheExportReplacedByALinkAfterTheLookIsNeverWrittenThrough() throws IOException {
    Plan plan = ExportIndexTest.plan("fast", 0);
    plan.writeTo(dir, ALL, index);
    plan.writeTo(dir, ALL, index);
    Path victim = Files.writeString(temp.resolve("victim.txt"), "outside\n");
    ExportTarget target = ExportTarget.scan(dir, index);
    Files.delete(dir.resolve(SETTINGS));
    Files.createSymbolicLink(dir.resolve(SETTINGS), victim);

    assertThatThrownBy(() -> ExportIndexTest.plan("slow", 0).writeTo(target, ALL))
        .isInstanceOf(UncheckedIOException.class).hasMessage("cannot write the plan to " + dir)
        .cause().isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("(" + SETTINGS + ";");
    assertThat(Files.readString(victim)).isEqualTo("outside\n");
    assertThat(Files.readString(dir.resolve("kustomization.yaml"))).doesNotContain(SETTINGS);
    assertThat(Files.isSymbolicLink(dir.resolve(SETTINGS))).isTrue();
  }

  @Test
  void aDirectoryRemovedAfterTheLookIsMadeAgain() throws IOException {
    ExportIndexTest.plan("fast", 1).writeTo(dir, ALL, index);
    ExportTarget target = ExportTarget.scan(dir, index);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.collect(Collectors.toList())) Files.delete(file);
    }
    Files.delete(dir);

    List<Path> written = ExportIndexTest.plan("fast", 1).writeTo(target, ALL);

    assertThat(written).hasSize(4).allSatisfy(file -> assertThat(file).isRegularFile());
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(file -> file.getFileName().toString()).collect(Collectors.toList());
  }
}
