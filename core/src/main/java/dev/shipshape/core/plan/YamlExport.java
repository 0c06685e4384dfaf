package dev.shipshape.core.plan;

import dev.shipshape.core.internal.yaml.YamlWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Renders a plan's objects to YAML in chunks, using the common fork-join pool next to the calling thread, while
 * keeping the output in apply order: a stream gets the chunks in order, files are written by the thread that
 * rendered them (each file is independent).
 */
final class YamlExport {
  /** Objects per chunk: large enough that a task outweighs scheduling, small enough to balance two threads. */
  private static final int CHUNK = 128;
  /** Chunks rendered before they are written to a stream, which bounds the text held in memory. */
  private static final int WINDOW = 16;

  private YamlExport() {}

  /** Writes {@code ---} and the YAML of each object to {@code out}, in order. */
  static void write(List<PlannedResource> resources, Writer out) throws IOException {
    int chunks = chunks(resources.size());
    for (int from = 0; from < chunks; from += WINDOW) {
      int first = from;
      int to = Math.min(chunks, from + WINDOW);
      IntStream indexes = IntStream.range(first, to);
      String[] texts = (to - first > 1 ? indexes.parallel() : indexes)
          .mapToObj(c -> render(resources, c).toString())
          .toArray(String[]::new);
      for (String text : texts) out.write(text);
    }
  }

  /**
   * Writes each object to its file, {@code files.get(i)} for {@code resources.get(i)}, replacing what the file held.
   * A file that {@code existing} holds and that already holds the object's text is left as it is: re-rendering into a
   * GitOps directory rewrites only what changed (rewriting a file costs more than reading it, and keeps its
   * modification time for tools that look at it). With an {@code index}, a file it vouches for is not even read.
   *
   * A file that was not there when the directory was listed is made only if it is still not there: one that another
   * program made meanwhile is left as it is and named in the result, unless it holds the object's text already; so is
   * a link or folder that replaced a file of the earlier export. A file is never written or read through a link.
   *
   * @return the entries for the next index, by file name (the files read and left as they were, but Secrets), and
   *     the files that another program made
   * @throws UncheckedIOException when a file cannot be written
   */
  static Written writeFiles(List<PlannedResource> resources, List<Path> files,
      ExportDirectory.OwnFiles existing, Optional<ExportIndex> index) {
    int chunks = chunks(resources.size());
    ExportIndex.Entry[] recorded = new ExportIndex.Entry[resources.size()];
    // The first failure is kept and thrown once every task has stopped, so that no file is written afterwards.
    AtomicReference<IOException> failure = new AtomicReference<>();
    Set<String> appeared = ConcurrentHashMap.newKeySet();
    IntStream indexes = IntStream.range(0, chunks);
    (chunks > 1 ? indexes.parallel() : indexes).forEach(c -> {
      StringBuilder text = new StringBuilder(4096);
      for (int i = c * CHUNK, end = Math.min(resources.size(), i + CHUNK); i < end && failure.get() == null; i++) {
        text.setLength(0);
        PlannedResource resource = resources.get(i);
        YamlWriter.appendObject(resource.planned(), text);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
          Path file = files.get(i);
          Optional<ExportIndex> usable = resource.isSecret() ? Optional.empty() : index;
          recorded[i] = leaveOrWrite(file, bytes, existing.exists(i), existing.stamp(i), usable).orElse(null);
        } catch (FileAlreadyExistsException e) {
          appeared.add(files.get(i).getFileName().toString());
        } catch (IOException e) {
          failure.compareAndSet(null, e);
        }
      }
    });
    if (failure.get() != null) throw new UncheckedIOException(failure.get());
    Map<String, ExportIndex.Entry> entries = new HashMap<>();
    for (int i = 0; i < recorded.length; i++) {
      if (recorded[i] != null) entries.put(files.get(i).getFileName().toString(), recorded[i]);
    }
    return new Written(entries, Set.copyOf(appeared));
  }

  /** What {@link #writeFiles} recorded for the next index, and the files another program made meanwhile. */
  record Written(Map<String, ExportIndex.Entry> entries, Set<String> appeared) {}

  /**
   * Leaves the file as it is when the index vouches for it or it holds the bytes, else writes it. Returns the
   * file's entry for the next index when it was left as it was and an index is in use, with its attributes
   * {@code stamp} taken before reading it: whatever changes the file afterwards changes them.
   */
  private static Optional<ExportIndex.Entry> leaveOrWrite(Path file, byte[] bytes, boolean exists,
      Optional<ExportIndex.Stamp> stamp, Optional<ExportIndex> index) throws IOException {
    if (exists && index.isPresent()) {
      long checksum = ExportIndex.checksum(bytes);
      boolean vouched = stamp.isPresent()
          && index.get().holds(file.getFileName().toString(), stamp.get(), bytes.length, checksum);
      if (vouched || holds(file, bytes)) return stamp.map(s -> new ExportIndex.Entry(s, checksum));
    } else if (exists && holds(file, bytes)) {
      return Optional.empty();
    }
    if (exists) {
      // A link or folder that replaced the file since the directory was looked at is another program's: a link may
      // lead anywhere, so it is never written through (the option also holds against one made after this look).
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(file.toString());
      }
      Files.write(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    } else {
      try {
        Files.write(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
      } catch (FileAlreadyExistsException e) {
        // Another export of the same object (one running beside this one) made it: the same text is no conflict.
        if (!holds(file, bytes)) throw e;
      }
    }
    return Optional.empty();
  }

  /**
   * True when the file holds exactly these bytes; false when it differs, is a link or cannot be read (it is written
   * then).
   * The file is opened once and read until its end or one byte past the expected length, without asking its size:
   * re-rendering 17,000 unchanged files spends more time in these system calls than in rendering the objects.
   */
  static boolean holds(Path file, byte[] bytes) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      // Room for one byte more than expected, so that a longer file is told apart.
      ByteBuffer held = ByteBuffer.allocate(bytes.length + 1);
      int read;
      do {
        read = channel.read(held);
      } while (read >= 0 && held.hasRemaining());
      return held.position() == bytes.length && Arrays.equals(held.array(), 0, bytes.length, bytes, 0, bytes.length);
    } catch (IOException e) {
      return false;
    }
  }

  private static StringBuilder render(List<PlannedResource> resources, int chunk) {
    StringBuilder text = new StringBuilder(CHUNK * 1024);
    for (int i = chunk * CHUNK, end = Math.min(resources.size(), i + CHUNK); i < end; i++) {
      text.append("---\n");
      YamlWriter.appendObject(resources.get(i).planned(), text);
    }
    return text;
  }

  private static int chunks(int objects) {
    return (objects + CHUNK - 1) / CHUNK;
  }
}
