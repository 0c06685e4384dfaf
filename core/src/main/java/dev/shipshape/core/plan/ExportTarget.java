package dev.shipshape.core.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A directory that a plan is to be exported to ({@link Plan#writeTo(ExportTarget, java.util.function.Predicate)}),
 * looked at ahead of the export: the attributes of the files an earlier export wrote there, and the index that
 * export kept. A program that knows where it will export before it has the plan looks while it builds the spec, on
 * another thread: at 17,000 files the look takes about as long as rendering the objects. The export itself lists
 * the directory again and decides by that listing which files are its own, which another program's (never
 * overwritten) and which to remove, as an export without a look does.
 *
 * <p>The look's attributes only let the export's index vouch for a file without reading it. A file of an earlier
 * export that another program changes or removes between the look and the export is seen by the listing (removed:
 * written again) or by its attributes at the next export (changed: rewritten then); one it replaces by a link or a
 * folder is never written through (named and left out of the list when the export would write it, refused by the
 * next export when its text was unchanged). Looking reads the directory's
 * clock, which sets its modification time to what it is (see {@link Plan#writeTo(java.nio.file.Path,
 * java.util.function.Predicate, java.nio.file.Path)}), also when the plan then fails. A target serves one export:
 * the attributes it holds are those before that export wrote.
 */
public final class ExportTarget {
  private final Path directory;
  private final Optional<Path> indexFile;
  private final Optional<ExportIndex> index;
  private final Optional<ExportDirectory.Scan> scan;
  private final Optional<IOException> failure;
  private final AtomicBoolean used = new AtomicBoolean();

  private ExportTarget(Path directory, Optional<Path> indexFile, Optional<ExportIndex> index,
      Optional<ExportDirectory.Scan> scan, Optional<IOException> failure) {
    this.directory = directory;
    this.indexFile = indexFile;
    this.index = index;
    this.scan = scan;
    this.failure = failure;
  }

  /**
   * Looks at {@code directory} now, as an export without an index does, on the calling thread alone: it is meant to
   * run beside other work.
   */
  public static ExportTarget scan(Path directory) {
    return scan(directory, Optional.empty(), false);
  }

  /**
   * Looks at {@code directory} now, with the index an export keeps in {@code index} (see
   * {@link Plan#writeTo(Path, java.util.function.Predicate, Path)}); the directory's clock is read first, which
   * sets its modification time to what it is. On the calling thread alone, as {@link #scan(Path)}.
   */
  public static ExportTarget scan(Path directory, Path index) {
    return scan(directory, Optional.of(index), false);
  }

  /** Looks at {@code directory} now, on the calling thread and the common fork-join pool at once. */
  static ExportTarget scanInParallel(Path directory, Optional<Path> indexFile) {
    return scan(directory, indexFile, true);
  }

  private static ExportTarget scan(Path directory, Optional<Path> indexFile, boolean parallel) {
    // A directory that is not there yet is made by the export, and looked at then: never for a plan that fails.
    if (!Files.isDirectory(directory)) {
      return new ExportTarget(directory, indexFile, Optional.empty(), Optional.empty(), Optional.empty());
    }
    // The index first: its cut-off is the time the export began, before it looks at any file.
    Optional<ExportIndex> index = indexFile.flatMap(file -> ExportIndex.open(file, directory));
    try {
      return new ExportTarget(directory, indexFile, index, Optional.of(ExportDirectory.scan(directory, parallel)),
          Optional.empty());
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof IOException ? (IOException) e : ((UncheckedIOException) e).getCause();
      return new ExportTarget(directory, indexFile, index, Optional.empty(), Optional.of(cause));
    }
  }

  /** The directory the export writes to. */
  public Path directory() {
    return directory;
  }

  Optional<Path> indexFile() {
    return indexFile;
  }

  Optional<ExportIndex> index() {
    return index;
  }

  /**
   * What the look found, for the one export of this target; the look again where the directory was not there then
   * or is not now (it is made).
   *
   * @throws IOException when the directory could not be looked at or made
   * @throws IllegalStateException when an export used this target already
   */
  ExportTarget existing() throws IOException {
    if (!used.compareAndSet(false, true)) {
      throw new IllegalStateException("an ExportTarget serves one export: look at " + directory + " again for the "
          + "next one");
    }
    if (failure.isPresent()) throw failure.get();
    if (scan.isPresent() && Files.isDirectory(directory)) return this;
    Files.createDirectories(directory);
    ExportTarget again = scan(directory, indexFile, true);
    if (again.failure.isPresent()) throw again.failure.get();
    if (again.scan.isEmpty()) throw new IOException("not a directory");
    return again;
  }

  /** What the look found; only on a target {@link #existing()} returned. */
  ExportDirectory.Scan found() {
    return scan.orElseThrow();
  }
}
