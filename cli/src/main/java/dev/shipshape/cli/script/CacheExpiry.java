package dev.shipshape.cli.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Expiry of the command line's caches (compiled scripts, export indexes): an entry is marked by its modification
 * time each time it is used, and entries unused for {@link #UNUSED_FOR} are removed, so that the entries of
 * scripts edited since and of output directories long gone (a CI job's temporary directory each run) do not pile
 * up. A removed entry costs only its speed-up: the script is compiled again, the directory's files are read.
 */
public final class CacheExpiry {
  /** How long an entry may go unused before it is removed. */
  public static final Duration UNUSED_FOR = Duration.ofDays(30);
  /** The name an entry takes while it is deleted; never an entry's name. */
  private static final String EXPIRED = ".expired-";

  private CacheExpiry() {}

  /** Marks an entry (a file or directory) as used now; an entry that cannot be marked keeps its time. */
  public static void markUsed(Path entry) {
    try {
      Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
    } catch (IOException | UnsupportedOperationException e) {
      // Not writable: the entry expires earlier than it might, which costs a compile or a read.
    }
  }

  /**
   * Removes the entries of {@code directory} that were last used before {@code now} minus {@link #UNUSED_FOR};
   * what cannot be listed or removed is left.
   */
  public static void removeUnused(Path directory, Instant now) {
    FileTime oldest = FileTime.from(now.minus(UNUSED_FOR));
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        try {
          if (Files.getLastModifiedTime(entry).compareTo(oldest) < 0) remove(entry);
        } catch (IOException e) {
          // Gone meanwhile (another command expired it), or not ours to remove.
        }
      }
    } catch (IOException | UncheckedIOException | DirectoryIteratorException e) {
      // No cache yet, or not readable.
    }
  }

  /**
   * Renames the entry out of the way at once, then deletes it: a command reading it meanwhile fails to read a file
   * and treats the entry as absent, rather than finding part of it.
   */
  private static void remove(Path entry) throws IOException {
    Path expired = entry.resolveSibling(EXPIRED + UUID.randomUUID());
    Files.move(entry, expired, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(expired);
  }

  /** Deletes a file, or a directory with everything in it. */
  static void deleteTree(Path entry) throws IOException {
    Files.walkFileTree(entry, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
        if (failure != null) throw failure;
        Files.deleteIfExists(directory);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
