package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.testing.TestManifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export's index: which files it trusts by their attributes alone, and which it reads. Several tests make the
 * index vouch for a text the file does not hold, which shows whether the file was read: a file that is read is
 * rewritten with the right text, one that is trusted is left as it was. An index records the files an export read,
 * so most tests export twice before looking at it.
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
    return plan(mode, configMaps, "v");
  }

  /** A namespace, the ConfigMap {@code settings} and more ConfigMaps, the last of which holds {@code lastValue}. */
  static Plan plan(String mode, int configMaps, String lastValue) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("shop").resource(TestManifests.namespace("shop"))
        .resource(TestManifests.configMap("shop", "settings", "mode", mode));
    for (int i = 0; i < configMaps; i++) {
      spec.resource(TestManifests.configMap("shop", "xtra-" + i, "k", i == configMaps - 1 ? lastValue : "v"));
    }
    return spec.build().plan();
  }

  @Test
  void filesAnExportWroteAreRecordedOnlyOnceTheNextHasReadThem() throws IOException {
    List<Path> written = plan("fast", 1).writeTo(dir, ALL, index);
    assertThat(index).doesNotExist();

    plan("fast", 1).writeTo(dir, ALL, index);

    List<String> lines = Files.readAllLines(index);
    assertThat(lines.subList(0, 2)).containsExactly("shipshape export index 2", dir.toAbsolutePath().toString());
    List<Path> objects = written.subList(0, written.size() - 1);
    assertThat(lines.subList(3, lines.size())).containsExactlyInAnyOrderElementsOf(objects.stream().map(file -> {
      ExportIndex.Stamp stamp = ExportIndex.stamp(file).orElseThrow();
      return file.getFileName() + " " + stamp.size() + " " + stamp.modified() + " " + stamp.changed() + " "
          + stamp.device() + " " + stamp.inode() + " " + Long.toHexString(checksum(file));
    }).collect(Collectors.toList()));
  }

  @Test
  void theCutOffIsTheDirectorysOwnClockWhenTheExportBegan() throws IOException {
    exportTwice(plan("fast", 0));

    long cutOff = Long.parseLong(Files.readAllLines(index).get(2));
    // The second export created no file, so nothing changed the directory after it read the clock.
    assertThat(cutOff).isEqualTo(((FileTime) Files.getAttribute(dir, "unix:ctime")).to(TimeUnit.NANOSECONDS));
  }

  @Test
  void aFileTheIndexVouchesForIsNotRead() throws IOException {
    exportTwice(plan("fast", 0));
    String fast = Files.readString(dir.resolve(SETTINGS));
    vouchFor(SETTINGS, fast.replace("fast", "slow"));
    notRacy();

    plan("slow", 0).writeTo(dir, ALL, index);

    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(fast);
  }

  @Test
  void aPlanOfSeveralChunksIsRecordedWholeAndVouchedForInEveryChunk() throws IOException {
    Plan fast = plan("fast", 300);
    fast.writeTo(dir, ALL, index);
    List<Path> written = fast.writeTo(dir, ALL, index);
    int last = IntStream.range(0, written.size() - 1)
        .filter(i -> fast.resources().get(i).ref().name().equals("xtra-299")).findFirst().orElseThrow();
    Path lastFile = written.get(last);
    String text = Files.readString(lastFile);
    vouchFor(lastFile.getFileName().toString(), text.replace("k: v", "k: w"));
    notRacy();

    plan("fast", 300, "w").writeTo(dir, ALL, index);

    assertThat(last).as("beyond the first chunk").isGreaterThan(128);
    assertThat(Files.readAllLines(index)).hasSize(3 + 302);
    assertThat(Files.readString(lastFile)).isEqualTo(text);
  }

  @Test
  void aFileChangedSinceTheExportThatRecordedItBeganIsReadThoughTheIndexVouchesForIt() throws IOException {
    Plan slow = plan("slow", 0);
    exportTwice(plan("fast", 0));
    vouchFor(SETTINGS, Files.readString(dir.resolve(SETTINGS)).replace("fast", "slow"));
    setCutOff(((FileTime) Files.getAttribute(dir.resolve(SETTINGS), "unix:ctime")).to(TimeUnit.NANOSECONDS));

    slow.writeTo(dir, ALL, index);

    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(slow.resources().get(1).yaml());
  }

  @Test
  void aFileEditedAfterTheExportIsRewrittenThoughItsSizeAndModificationTimeAreKept() throws IOException {
    Plan fast = plan("fast", 0);
    exportTwice(fast);
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
    exportTwice(plan("fast", 0));
    vouchFor(SETTINGS, Files.readString(dir.resolve(SETTINGS)).replace("fast", "slow"));
    notRacy();
    String other = temp.resolve("elsewhere").toAbsolutePath().toString();
    Files.writeString(index, Files.readString(index).replace("\n" + dir.toAbsolutePath() + "\n", "\n" + other + "\n"));

    slow.writeTo(dir, ALL, index);

    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(slow.resources().get(1).yaml());
    assertThat(Files.readAllLines(index).get(1)).isEqualTo(dir.toAbsolutePath().toString());
  }

  @Test
  void aFileThatIsNotAnIndexIsReplacedByOne() throws IOException {
    Plan fast = plan("fast", 1);
    fast.writeTo(dir, ALL, index);
    Files.createDirectories(index.getParent());
    Files.writeString(index, "shipshape export index 2\n" + dir.toAbsolutePath() + "\n0\nnot an entry\n");

    fast.writeTo(dir, ALL, index);

    assertThat(Files.readAllLines(index)).hasSize(3 + 3).doesNotContain("not an entry");
    assertThat(Files.readString(dir.resolve(SETTINGS))).isEqualTo(fast.resources().get(1).yaml());
  }

  @Test
  void anIndexWithAFieldTheExportNeverWritesIsReplacedByOne() throws IOException {
    Plan fast = plan("fast", 1);
    exportTwice(fast);
    String name = "00-0001-namespace-shop.yaml ";
    String entry = Files.readAllLines(index).stream().filter(l -> l.startsWith(name)).findFirst().orElseThrow();
    String checksum = entry.substring(entry.lastIndexOf(' ') + 1);
    String cutOff = Files.readAllLines(index).get(2);
    List<String> malformed = List.of(
        cutOff + "0".repeat(20), // beyond a long
        "+" + cutOff, "", "0x10",
        entry.replace(name, name + "+"),
        entry.replace(" " + checksum, " " + checksum.toUpperCase(java.util.Locale.ROOT) + "G"),
        entry.replace(" " + checksum, " 1" + "0".repeat(16)), // beyond 64 bits
        entry.replace(" " + checksum, " "));
    for (String bad : malformed) {
      List<String> lines = new ArrayList<>(Files.readAllLines(index));
      if (bad.startsWith(name)) {
        lines.replaceAll(l -> l.startsWith(name) ? bad : l);
      } else {
        lines.set(2, bad);
      }
      Files.write(index, lines);

      fast.writeTo(dir, ALL, index);

      assertThat(Files.readAllLines(index)).as(bad).hasSize(3 + 3).doesNotContain(bad);
    }
  }

  @Test
  void anExportThatFailsLeavesTheIndexAsItWasAndTheNextOneWritesEveryText() throws IOException {
    exportTwice(plan("fast", 1));
    String before = Files.readString(index);
    Plan slow = plan("slow", 1);
    Path settings = dir.resolve(SETTINGS);
    Files.delete(settings);
    // A directory where the export must write a file: writing it fails.
    Files.createDirectory(settings);

    assertThatThrownBy(() -> slow.writeTo(dir, ALL, index)).isInstanceOf(UncheckedIOException.class);
    assertThat(Files.readString(index)).isEqualTo(before);

    Files.delete(settings);
    List<Path> written = slow.writeTo(dir, ALL, index);
    for (int i = 0; i < slow.resources().size(); i++) {
      assertThat(Files.readString(written.get(i))).isEqualTo(slow.resources().get(i).yaml());
    }
  }

  @Test
  void secretsAreNeverRecorded() throws IOException {
    Plan plan = ClusterSpec.builder().name("shop").resource(TestManifests.namespace("shop"))
        .yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData: {password: pw}\n")
        .build().plan();

    exportTwice(plan);

    assertThat(Files.readAllLines(index)).hasSize(3 + 1).noneMatch(l -> l.contains("secret-shop-db"));
  }

  @Test
  void theIndexIsRewrittenOnlyWhenWhatTheExportFoundDiffersFromIt() throws IOException {
    exportTwice(plan("fast", 1));
    notRacy();
    String vouched = Files.readString(index);

    plan("fast", 1).writeTo(dir, ALL, index);
    assertThat(Files.readString(index)).isEqualTo(vouched);

    plan("slow", 0).writeTo(dir, ALL, index);
    assertThat(Files.readAllLines(index)).hasSize(3 + 1).noneMatch(l -> l.contains("xtra-0"))
        .noneMatch(l -> l.startsWith(SETTINGS)).anyMatch(l -> l.startsWith("00-0001-namespace-shop.yaml "));
  }

  @Test
  void entriesLeftRacyByAnExportAreRecordedAgainByTheNext() throws IOException {
    exportTwice(plan("fast", 1));
    // Every file changed after the export began, as when files are edited while it runs.
    setCutOff(0);

    plan("fast", 1).writeTo(dir, ALL, index);

    assertThat(Long.parseLong(Files.readAllLines(index).get(2))).isPositive();
    assertThat(Files.readAllLines(index)).hasSize(3 + 3);
  }

  @Test
  void theChecksumTellsTextsOfTheSameLengthApart() {
    byte[] fast = "mode: fast\n".getBytes(StandardCharsets.UTF_8);
    byte[] slow = "mode: slow\n".getBytes(StandardCharsets.UTF_8);
    assertThat(ExportIndex.checksum(fast)).isEqualTo(ExportIndex.checksum(fast.clone()))
        .isNotEqualTo(ExportIndex.checksum(slow));
  }

  private void exportTwice(Plan plan) {
    plan.writeTo(dir, ALL, index);
    plan.writeTo(dir, ALL, index);
  }

  /** Makes the index say that the file holds {@code text}, its attributes unchanged. */
  private void vouchFor(String name, String text) throws IOException {
    String checksum = Long.toHexString(ExportIndex.checksum(text.getBytes(StandardCharsets.UTF_8)));
    List<String> lines = new ArrayList<>(Files.readAllLines(index));
    lines.replaceAll(l -> l.startsWith(name + " ") ? l.substring(0, l.lastIndexOf(' ') + 1) + checksum : l);
    Files.write(index, lines);
  }

  /** Dates the index's cut-off an hour from now, so that no file changed since it. */
  private void notRacy() throws IOException {
    Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
    setCutOff(TimeUnit.SECONDS.toNanos(later.getEpochSecond()) + later.getNano());
  }

  private void setCutOff(long nanos) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(index));
    lines.set(2, Long.toString(nanos));
    Files.write(index, lines);
  }

  private static long checksum(Path file) {
    try {
      return ExportIndex.checksum(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
