package dev.shipshape.core.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
  private static final String YAML = ".yaml";
  /** The names kustomize reads a folder's kustomization from. */
  private static final List<String> KUSTOMIZATION_NAMES =
      List.of(KUSTOMIZATION, "kustomization.yml", "Kustomization");

  private ExportDirectory() {}

  /**
   * The names of {@code directory}'s files, and those its {@code kustomization.yaml} lists when an export wrote it:
   * what an export decides on when it writes (which files are its own, which another program's, which to remove).
   */
  static Listing list(Path directory) throws IOException {
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
    return new Listing(present, own, own ? listedFiles(lines) : Set.of());
  }

  /**
   * Looks at {@code directory} ahead of an export: its listing, and the attributes of the files an earlier export
   * wrote, one {@code lstat} each, on every thread when {@code parallel} (re-exporting 17,000 files spends more time
   * in these system calls than in rendering the objects), else on this thread alone. The export reads a file only
   * after this, which the index's cut-off relies on.
   */
  static Scan scan(Path directory, boolean parallel) throws IOException {
    Listing listing = list(directory);
    List<String> looked = listing.earlier.stream().filter(listing::holdsExactly).collect(Collectors.toList());
    ExportIndex.Stamp[] stamps = new ExportIndex.Stamp[looked.size()];
    IntStream positions = IntStream.range(0, looked.size());
    (parallel && looked.size() > 1 ? positions.parallel() : positions)
        .forEach(i -> stamps[i] = ExportIndex.stamp(directory.resolve(looked.get(i))).orElse(null));
    Map<String, ExportIndex.Stamp> found = new HashMap<>();
    for (int i = 0; i < looked.size(); i++) {
      if (stamps[i] != null) found.put(looked.get(i), stamps[i]);
    }
    return new Scan(found);
  }

  /**
   * Removes the files of the earlier export that {@code names} (the object files of this one, in the plan's order,
   * each of the shape {@link Plan#fileName} gives: lower case) does not hold, and returns which of {@code names}
   * exist as that export's files (to be compared, not written, when they hold the same text), as {@code now} lists
   * the directory, with their attributes as {@code looked} found them (a file the look did not find is read).
   *
   * @throws FileAlreadyExistsException when the export would overwrite a file no earlier export wrote; nothing is
   *     removed then
   */
  static OwnFiles prepare(Path directory, Listing now, Scan looked, List<String> names) throws IOException {
    Set<String> foreign = new TreeSet<>();
    OwnFile[] own = new OwnFile[names.size()];
    int earlierKept = 0;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String found = now.present.get(name);
      if (found == null) continue;
      if (found.equals(name) && now.earlier.contains(name)) {
        earlierKept++;
        ExportIndex.Stamp stamp = looked.stamps.get(name);
        // A link or a folder of that name is never the export's own: writing would follow the link out.
        if (stamp != null || regularFile(directory.resolve(name))) {
          own[i] = new OwnFile(Optional.ofNullable(stamp));
        }
      }
      if (own[i] == null) foreign.add(found);
    }
    // kustomize refuses a folder with two of its files, and one written by hand is not the export's to replace.
    for (String kustomization : KUSTOMIZATION_NAMES) {
      String found = now.present.get(lowerCase(kustomization));
      if (found != null && !(now.own && found.equals(KUSTOMIZATION))) foreign.add(found);
    }
    if (!foreign.isEmpty()) throw conflict(foreign);
    // Names are unique, so when every file the earlier export listed and left is one of this export's, none is left
    // to remove, and the lookups of an unchanged export's 17,000 names are spared.
    if (earlierKept < now.earlier.size()) {
      Set<String> kept = new HashSet<>(names);
      for (String name : now.earlier) {
        if (!kept.contains(name) && now.holdsExactly(name)) Files.deleteIfExists(directory.resolve(name));
      }
    }
    return new OwnFiles(own);
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
   * Whether {@code name} has the shape an export gives its object files ({@link Plan#fileName}), the regular
   * expression {@code \d{2,}-\d{4,}-[a-z0-9._-]*\.yaml}: nothing else is ever removed. Written out, as a
   * matcher per line of a 17,000-line list cost more than the rest of reading it.
   */
  static boolean isObjectFileName(String name) {
    int at = digits(name, 0);
    if (at < 2 || at >= name.length() || name.charAt(at) != '-') return false;
    int next = digits(name, at + 1);
    if (next - at - 1 < 4 || next >= name.length() || name.charAt(next) != '-') return false;
    int stem = next + 1;
    int suffix = name.length() - YAML.length();
    if (suffix < stem || !name.startsWith(YAML, suffix)) return false;
    for (int i = stem; i < suffix; i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
    }
    return true;
  }

  /** The position after the ASCII digits of {@code text} from {@code from}. */
  private static int digits(String text, int from) {
    int at = from;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') at++;
    return at;
  }

  /** The object files an export's {@code kustomization.yaml} lists under {@code resources}. */
  private static Set<String> listedFiles(List<String> lines) {
    Set<String> listed = new HashSet<>();
    boolean inResources = false;
    for (String line : lines) {
      if (line.equals("resources:")) {
        inResources = true;
      } else if (inResources && line.startsWith("- ")) {
        String name = line.substring(2);
        // Only a plain file name of the export's own shape: an edited list never reaches outside the directory.
        if (isObjectFileName(name)) listed.add(name);
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
   * The files another program made, with names of the export's files, after the export looked at the directory:
   * they are left as they are, named in the reason.
   */
  static FileAlreadyExistsException appeared(Set<String> names) {
    return new FileAlreadyExistsException(null, null,
        "another program made " + (names.size() == 1 ? "a file" : names.size() + " files") + " that the export "
            + "would overwrite while it ran (" + String.join(", ", new TreeSet<>(names)) + "; left as they are and "
            + "not listed in kustomization.yaml) — move those files away and export again");
  }

  /**
   * Which files of an export an earlier export wrote and are regular files still, each with its attributes where
   * the file system has Unix attributes (see {@link ExportIndex#stamp}).
   */
  static final class OwnFiles {
    /** Per position: the file an earlier export wrote, or null where no file of that name was there. */
    private final OwnFile[] files;

    private OwnFiles(OwnFile[] files) {
      this.files = files;
    }

    boolean exists(int position) {
      return files[position] != null;
    }

    /** The file's attributes when it was looked at; empty where it does not exist or they could not be read. */
    Optional<ExportIndex.Stamp> stamp(int position) {
      return files[position] == null ? Optional.empty() : files[position].stamp();
    }
  }

  /** A regular file an earlier export wrote, with its attributes where they could be read. */
  private record OwnFile(Optional<ExportIndex.Stamp> stamp) {}

  /** A directory's file names, and which of them its export's {@code kustomization.yaml} lists. */
  static final class Listing {
    /** The directory's file names by their lower case. */
    private final Map<String, String> present;
    /** Whether an export wrote the directory's {@code kustomization.yaml}. */
    private final boolean own;
    /** The object files that kustomization lists. */
    private final Set<String> earlier;

    private Listing(Map<String, String> present, boolean own, Set<String> earlier) {
      this.present = present;
      this.own = own;
      this.earlier = earlier;
    }

    /** Whether the directory holds a file of this very name (not one that differs in case only). */
    private boolean holdsExactly(String name) {
      return name.equals(present.get(lowerCase(name)));
    }
  }

  /** What {@link #scan} found: the attributes of the regular files an earlier export wrote, by name. */
  static final class Scan {
    private final Map<String, ExportIndex.Stamp> stamps;

    private Scan(Map<String, ExportIndex.Stamp> stamps) {
      this.stamps = stamps;
    }
  }
}
