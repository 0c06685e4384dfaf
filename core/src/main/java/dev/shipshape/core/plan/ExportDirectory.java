package dev.shipshape.core.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
  /** Conflicting files named in the error; the rest are counted. */
  private static final int NAMED = 5;

  private ExportDirectory() {}

  /**
   * Creates the directory, removes the files of the earlier export that {@code names} (the object files of this
   * one) does not hold, and returns the files among {@code names} that exist (to be compared, not written, when
   * they hold the same text).
   *
   * @throws FileAlreadyExistsException when the export would overwrite a file no earlier export wrote; nothing is
   *     removed then
   */
  static Set<Path> prepare(Path directory, Collection<String> names) throws IOException {
    Files.createDirectories(directory);
    Set<String> present;
    try (Stream<Path> files = Files.list(directory)) {
      present = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    List<String> kustomization = present.contains(KUSTOMIZATION) ? kustomizationLines(directory) : List.of();
    boolean own = kustomization.contains(OWN_MARK);
    Set<String> earlier = own ? listedFiles(kustomization) : Set.of();
    Set<String> foreign = new TreeSet<>();
    Set<Path> existing = new HashSet<>();
    for (String name : names) {
      if (!present.contains(name)) continue;
      existing.add(directory.resolve(name));
      if (!earlier.contains(name)) foreign.add(name);
    }
    if (present.contains(KUSTOMIZATION) && !own) foreign.add(KUSTOMIZATION);
    if (!foreign.isEmpty()) throw conflict(directory, foreign);
    Set<String> kept = new HashSet<>(names);
    for (String name : earlier) {
      if (!kept.contains(name) && present.contains(name)) Files.deleteIfExists(directory.resolve(name));
    }
    return existing;
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
        if (OBJECT_FILE.matcher(name).matches()) listed.add(name);
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

  private static FileAlreadyExistsException conflict(Path directory, Set<String> foreign) {
    List<String> named = new ArrayList<>(foreign).subList(0, Math.min(NAMED, foreign.size()));
    String more = foreign.size() > NAMED ? " and " + (foreign.size() - NAMED) + " more" : "";
    return new FileAlreadyExistsException(directory.toString(), null,
        "holds " + (foreign.size() == 1 ? "a file" : foreign.size() + " files") + " that an export would overwrite "
            + "but no earlier export wrote (" + String.join(", ", named) + more + "; an export's own files are those "
            + "its kustomization.yaml lists) — export to an empty directory or to one an earlier export wrote, or "
            + "move those files away");
  }
}
