package dev.shipshape.core.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The directory of a {@link Plan#writeTo} export, and which of its files an earlier export wrote: those its
 * {@code kustomization.yaml} lists, when an export wrote that file (it carries {@link #OWN_MARK}). Only those are
 * replaced or removed; a file the export would overwrite that no earlier export wrote (a directory of other files,
 * a kustomization of the user's own) stops the export before anything is written, naming the files.
 */
final class ExportDirectory {
  static final String KUSTOMIZATION = "kustomization.yaml";
  /** The comment line every export's {@code kustomization.yaml} holds, which tells it from one written by hand. */
  static final String OWN_MARK = "# keep the order below: it is the apply order of the plan";
  /** The names an export gives its object files ({@link Plan#fileName}); nothing else is ever removed. */
  private static final Pattern OBJECT_FILE = Pattern.compile("\\d{2,}-\\d{4,}-[a-z0-9._-]*\\.yaml");
  /** The names kustomize reads a folder's kustomization from. */
  private static final List<String> KUSTOMIZATION_NAMES =
      List.of(KUSTOMIZATION, "kustomization.yml", "Kustomization");

  private ExportDirectory() {}

  /**
   * Removes the files of the earlier export that {@code names} (the object files of this one, in the plan's order,
   * each of the shape {@link Plan#fileName} gives: lower case) does not hold, and returns which of {@code names}
   * exist as that export's files (to be compared, not written, when they hold the same text), with their attributes.
   *
   * @throws FileAlreadyExistsException when the export would overwrite a file no earlier export wrote; nothing is
   *     removed then
   */
  static OwnFiles prepare(Path directory, List<String> names) throws IOException {
    // By lower case: on a disk that ignores case (macOS, Windows), Web.yaml and web.yaml are one file.
    Map<String, String> present = new HashMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.forEach(p -> {
        String name = p.getFileName().toString();
        present.put(lowerCase(name), name);
      });
    }
    Path kustomizationFile = directory.resolve(KUSTOMIZATION);
    List<String> lines = KUSTOMIZATION.equals(present.get(KUSTOMIZATION)) && regularFile(kustomizationFile)
        ? kustomizationLines(directory) : List.of();
    boolean own = lines.contains(OWN_MARK);
    Set<String> kept = new HashSet<>(names);
    Set<String> earlier = own ? listedFiles(lines, kept) : Set.of();
    Set<String> foreign = new TreeSet<>();
    BitSet candidates = new BitSet(names.size());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String found = present.get(name);
      if (found == null) continue;
      if (!found.equals(name) || !earlier.contains(name)) {
        foreign.add(found);
      } else {
        candidates.set(i);
      }
    }
    OwnFiles existing = OwnFiles.of(directory, names, candidates);
    // A link or a folder of that name is never the export's own: writing would follow the link out.
    candidates.stream().filter(i -> !existing.exists(i)).forEach(i -> foreign.add(names.get(i)));
    // kustomize refuses a folder with two of its files, and one written by hand is not the export's to replace.
    for (String kustomization : KUSTOMIZATION_NAMES) {
      String found = present.get(lowerCase(kustomization));
      if (found != null && !(own && found.equals(KUSTOMIZATION))) foreign.add(found);
    }
    if (!foreign.isEmpty()) throw conflict(foreign);
    for (String name : earlier) {
      if (!kept.contains(name) && name.equals(present.get(lowerCase(name)))) {
        Files.deleteIfExists(directory.resolve(name));
      }
    }
    return existing;
  }

  /**
   * Writes the export's {@code kustomization.yaml} unless it holds {@code text} already, through a file moved into
   * place: an export interrupted meanwhile leaves the earlier list whole, not half a list.
   */
  static void writeKustomization(Path directory, byte[] text) throws IOException {
    Path file = directory.resolve(KUSTOMIZATION);
    if (YamlExport.holds(file, text)) return;
    Path partial = Files.createTempFile(directory, "." + KUSTOMIZATION, ".partial");
    try {
      Files.write(partial, text);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static boolean regularFile(Path file) {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
  }

  private static String lowerCase(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * The object files an export's {@code kustomization.yaml} lists under {@code resources}; {@code current}, the
   * names this export gives, are of that shape already.
   */
  private static Set<String> listedFiles(List<String> lines, Set<String> current) {
    Set<String> listed = new HashSet<>();
    boolean inResources = false;
    for (String line : lines) {
      if (line.equals("resources:")) {
        inResources = true;
      } else if (inResources && line.startsWith("- ")) {
        String name = line.substring(2);
        // Only a plain file name of the export's own shape: an edited list never reaches outside the directory.
        if (current.contains(name) || OBJECT_FILE.matcher(name).matches()) listed.add(name);
      } else if (!line.startsWith("#")) {
        inResources = false;
      }
    }
    return listed;
  }

  private static List<String> kustomizationLines(Path directory) throws IOException {
    try {
      return Files.readAllLines(directory.resolve(KUSTOMIZATION), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  /** Every file the export would overwrite though no earlier export wrote it, named in the reason. */
  private static FileAlreadyExistsException conflict(Set<String> foreign) {
    return new FileAlreadyExistsException(null, null,
        "the directory holds " + (foreign.size() == 1 ? "a file" : foreign.size() + " files") + " that the export "
            + "would overwrite but no earlier export wrote (" + String.join(", ", foreign) + "; an export's own "
            + "files are those its kustomization.yaml lists) — export to an empty directory or to one an earlier "
            + "export wrote, or move those files away");
  }

  /**
   * Which files of an export an earlier export wrote and are regular files still, each with its attributes where
   * the file system has Unix attributes (see {@link ExportIndex#stamp}).
   */
  static final class OwnFiles {
    /** Per position: a regular file an earlier export wrote (set from the pool's threads, one slot each). */
    private final boolean[] exists;
    private final ExportIndex.Stamp[] stamps;

    private OwnFiles(boolean[] exists, ExportIndex.Stamp[] stamps) {
      this.exists = exists;
      this.stamps = stamps;
    }

    /**
     * Looks at the files {@code candidates} (positions in {@code names}) on every thread, one {@code lstat} each:
     * re-exporting 17,000 files spends more time in these system calls than in rendering the objects. The export
     * reads a file only after this, which the index's cut-off relies on.
     */
    static OwnFiles of(Path directory, List<String> names, BitSet candidates) {
      ExportIndex.Stamp[] stamps = new ExportIndex.Stamp[names.size()];
      boolean[] exists = new boolean[names.size()];
      IntStream positions = candidates.stream();
      (candidates.cardinality() > 1 ? positions.parallel() : positions).forEach(i -> {
        Path file = directory.resolve(names.get(i));
        stamps[i] = ExportIndex.stamp(file).orElse(null);
        exists[i] = stamps[i] != null || regularFile(file);
      });
      return new OwnFiles(exists, stamps);
    }

    boolean exists(int position) {
      return exists[position];
    }

    /** The file's attributes when it was looked at; empty where it does not exist or they could not be read. */
    Optional<ExportIndex.Stamp> stamp(int position) {
      return Optional.ofNullable(stamps[position]);
    }
  }
}
