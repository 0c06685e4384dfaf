package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.testing.TestManifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export's index: which files it trusts by their attributes alone, and which it reads. Several tests make the
 * index vouch for a text the file does not hold, which shows whether the file was read: a file that is read is
 * rewritten with the right text, one that is trusted is left as it was.
 */
class ExportIndexTest {
  private static final Predicate<PlannedResource> ALL = r -> true;
  private static final String SETTINGS = "01-0002-configmap-shop-settings.yaml";

  @TempDir
  Path temp;
  private Path dir;
  private Path index;

  @BeforeEach
  void paths() {
    dir = temp.resolve("out");
    index = temp.resolve("cache").resolve("index");
  }

  static Plan plan(String mode, int configMaps) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("shop").resource(TestManifests.namespace("shop"))
        .resource(TestManifests.configMap("shop", "settings", "mode", mode));
    for (int i = 0; i < configMaps; i++) spec.resource(TestManifests.configMap("shop", "xtra-" + i, "k", "v"));
    return spec.build().plan();
  }

  @Test
  void anExportRecordsEachFilesAttributesAndTheChecksumOfItsText() throws IOException {
    List<Path> written = plan("fast", 1).writeTo(dir, ALL, index);

    List<String> lines = Files.readAllLines(index);
    assertThat(lines.subList(0, 2)).containsExactly("shipshape export index 1", dir.toAbsolutePath().toString());
    List<Path> objects = written.subList(0, written.size() - 1);
    assertThat(lines.subList(2, lines.size())).containsExactlyInAnyOrderElementsOf(objects.stream().map(file -> {
      ExportIndex.Stamp stamp = ExportIndex.stamp(file).orElseThrow();
      return file.getFileName() + " " + stamp.size() + " " + stamp.modified() + " " + stamp.changed() + " "
          + stamp.device() + " " + stamp.inode() + " " + Long.toHexString(checksum(file));
    }).collect(Collectors.toList()));
  }

  @Test
  void aFileTheIndexVouchesForIsNotRead() throws IOException {
    plan("fast", 0).writeTo(dir, ALL, index);
    String fast = Files.readString(dir.resolve(SETTINGS));
    vouchFor(SETTINGS, fast.replace("fast", "slow"));
    notRacy();

    plan("slow", 0).writeTo(dir, ALL, index);

    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(fast);
  }

  @Test
  void aFileModifiedInTheClockTickOfTheIndexIsReadThoughTheIndexVouchesForIt() throws IOException {
    Plan slow = plan("slow", 0);
    plan("fast", 0).writeTo(dir, ALL, index);
    vouchFor(SETTINGS, Files.readString(dir.resolve(SETTINGS)).replace("fast", "slow"));
    Files.setLastModifiedTime(index, Files.getLastModifiedTime(dir.resolve(SETTINGS)));

    slow.writeTo(dir, ALL, index);

    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(slow.resources().get(1).yaml());
  }

  @Test
  void aFileEditedAfterTheExportIsRewrittenThoughItsSizeAndModificationTimeAreKept() throws IOException {
    Plan fast = plan("fast", 0);
    fast.writeTo(dir, ALL, index);
    notRacy();
    Path settings = dir.resolve(SETTINGS);
    FileTime modified = Files.getLastModifiedTime(settings);
    Files.writeString(settings, Files.readString(settings).replace("fast", "FAST"));
    Files.setLastModifiedTime(settings, modified);

    fast.writeTo(dir, ALL, index);

    assertThat(Files.readString(settings)).isEqualTo(fast.resources().get(1).yaml());
  }

  @Test
  void anIndexWrittenForAnotherDirectoryIsNotUsed() throws IOException {
    Plan slow = plan("slow", 0);
    plan("fast", 0).writeTo(dir, ALL, index);
    vouchFor(SETTINGS, Files.readString(dir.resolve(SETTINGS)).replace("fast", "slow"));
    notRacy();
    String other = temp.resolve("elsewhere").toAbsolutePath().toString();
    Files.writeString(index, Files.readString(index).replace("\n" + dir.toAbsolutePath() + "\n", "\n" + other + "\n"));
    notRacy();

    slow.writeTo(dir, ALL, index);

    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(slow.resources().get(1).yaml());
    assertThat(Files.readAllLines(index).get(1)).isEqualTo(dir.toAbsolutePath().toString());
  }

  @Test
  void aFileThatIsNotAnIndexIsReplacedByOne() throws IOException {
    Files.createDirectories(index.getParent());
    Files.writeString(index, "shipshape export index 1\n" + dir.toAbsolutePath() + "\nnot an entry\n");
    Plan fast = plan("fast", 1);

    fast.writeTo(dir, ALL, index);

    assertThat(Files.readAllLines(index)).hasSize(2 + 3).doesNotContain("not an entry");
    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(fast.resources().get(1).yaml());
  }

  @Test
  void theIndexIsRewrittenOnlyWhenWhatTheExportFoundDiffersFromIt() throws IOException {
    plan("fast", 1).writeTo(dir, ALL, index);
    FileTime vouched = notRacy();

    plan("fast", 1).writeTo(dir, ALL, index);
    assertThat(Files.getLastModifiedTime(index)).isEqualTo(vouched);

    plan("slow", 0).writeTo(dir, ALL, index);
    assertThat(Files.getLastModifiedTime(index)).isNotEqualTo(vouched);
    List<String> lines = Files.readAllLines(index);
    assertThat(lines).hasSize(2 + 2).noneMatch(l -> l.contains("xtra-0"))
        .anyMatch(l -> l.startsWith(SETTINGS + " ") && l.endsWith(" " + Long.toHexString(checksum(dir.resolve(SETTINGS)))));
  }

  @Test
  void entriesLeftRacyByAnExportAreRecordedAgainByTheNext() throws IOException {
    plan("fast", 1).writeTo(dir, ALL, index);
    // Every file in the index's clock tick, as when an export takes less than a tick.
    Files.setLastModifiedTime(index, FileTime.from(Instant.EPOCH));
    FileTime racy = Files.getLastModifiedTime(index);

    plan("fast", 1).writeTo(dir, ALL, index);

    assertThat(Files.getLastModifiedTime(index)).isNotEqualTo(racy);
  }

  @Test
  void theChecksumTellsTextsOfTheSameLengthApart() {
    byte[] fast = "mode: fast\n".getBytes(StandardCharsets.UTF_8);
    byte[] slow = "mode: slow\n".getBytes(StandardCharsets.UTF_8);
    assertThat(ExportIndex.checksum(fast)).isEqualTo(ExportIndex.checksum(fast.clone()))
        .isNotEqualTo(ExportIndex.checksum(slow));
  }

  /** Makes the index say that the file holds {@code text}, its attributes unchanged. */
  private void vouchFor(String name, String text) throws IOException {
    String checksum = Long.toHexString(ExportIndex.checksum(text.getBytes(StandardCharsets.UTF_8)));
    List<String> lines;
    try (Stream<String> read = Files.lines(index)) {
      lines = read.map(l -> l.startsWith(name + " ") ? l.substring(0, l.lastIndexOf(' ') + 1) + checksum : l)
          .collect(Collectors.toList());
    }
    Files.write(index, lines);
  }

  /** Dates the index an hour later, so that no file was modified in its clock tick; returns its new time. */
  private FileTime notRacy() throws IOException {
    FileTime later = FileTime.from(Instant.now().plus(1, ChronoUnit.HOURS));
    Files.setLastModifiedTime(index, later);
    return later;
  }

  private static long checksum(Path file) {
    try {
      return ExportIndex.checksum(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
