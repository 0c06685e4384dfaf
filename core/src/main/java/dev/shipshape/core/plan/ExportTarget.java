package dev.shipshape.core.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A directory that a plan is to be exported to ({@link Plan#writeTo(ExportTarget, java.util.function.Predicate)}),
 * looked at once: which files it holds, which of them an earlier export wrote (with their attributes), and the index
 * that export kept. A program that knows where it will export before it has the plan looks at the directory while it
 * builds the spec, on another thread, and the export then only compares and writes: at 17,000 files the look takes
 * about as long as rendering the objects.
 *
 * <p>The export trusts what the look found. A file another program creates afterwards with the name of one of the
 * export's files is never overwritten (the export stops and names it, and leaves it out of its
 * {@code kustomization.yaml}); a file of an earlier export that another program changes or removes afterwards is
 * rewritten by the next export, as with any program that writes the directory while an export runs. A target is
 * used by one export.
 */
public final class ExportTarget {
  private final Path directory;
  private final Optional<Path> indexFile;
  private final Optional<ExportIndex> index;
  private final Optional<ExportDirectory.Scan> scan;
  private final Optional<IOException> failure;

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
   * What the look found: the look again once the directory exists when it did not (it is then empty of files an
   * earlier export wrote).
   *
   * @throws IOException when the directory could not be listed or made
   */
  ExportTarget existing() throws IOException {
    if (failure.isPresent()) throw failure.get();
    if (scan.isPresent()) return this;
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
