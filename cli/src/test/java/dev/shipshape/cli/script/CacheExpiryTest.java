package dev.shipshape.cli.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheExpiryTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  @TempDir
  Path cache;

  @Test
  void entriesUnusedForThirtyDaysAreRemovedWithWhatTheyHold() throws IOException {
    Path oldFile = unusedFor(Files.writeString(cache.resolve("old-index"), "x"), Duration.ofDays(31));
    Path oldEntry = Files.createDirectories(cache.resolve("old-script"));
    Files.writeString(oldEntry.resolve("Script.class"), "x");
    unusedFor(oldEntry, Duration.ofDays(30).plusSeconds(1));
    Path recent = unusedFor(Files.writeString(cache.resolve("recent"), "x"), Duration.ofDays(29));

    CacheExpiry.removeUnused(cache, NOW);

    assertThat(oldFile).doesNotExist();
    assertThat(oldEntry).doesNotExist();
    assertThat(recent).exists();
  }

  @Test
  void anEntryMarkedAsUsedStays() throws IOException {
    Path used = unusedFor(Files.writeString(cache.resolve("used"), "x"), Duration.ofDays(90));

    CacheExpiry.markUsed(used);
    CacheExpiry.removeUnused(cache, Instant.now());

    assertThat(used).exists();
  }

  @Test
  void aMissingCacheIsLeftAlone() {
    CacheExpiry.removeUnused(cache.resolve("none"), NOW);
    CacheExpiry.markUsed(cache.resolve("none"));

    assertThat(cache.resolve("none")).doesNotExist();
  }

  private static Path unusedFor(Path entry, Duration age) throws IOException {
    Files.setLastModifiedTime(entry, FileTime.from(NOW.minus(age)));
    return entry;
  }
}
