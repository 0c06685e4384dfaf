package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever happens to a directory's files between exports that keep an index — edits of the same size with the
 * modification time set back, longer texts, deleted files, often within the clock tick of the export before — the
 * next export leaves exactly its own objects' texts in the directory.
 */
class ExportIndexProperties {
  private static final String[] MODES = {"fast", "slow", "FAST", "much slower"};

  @Property(tries = 60)
  void anExportWithAnIndexAlwaysLeavesItsOwnText(
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 999) Integer> actions) throws IOException {
    Path temp = Files.createTempDirectory("export-index");
    try {
      Path dir = temp.resolve("out");
      Path index = temp.resolve("index");
      for (int action : actions) {
        int argument = action / 4;
        switch (action % 4) {
          case 0:
            Plan plan = ExportIndexTest.plan(MODES[argument % MODES.length], argument % 3);
            List<Path> written = plan.writeTo(dir, r -> true, index);
            for (int i = 0; i < plan.resources().size(); i++) {
              assertThat(Files.readString(written.get(i))).isEqualTo(plan.resources().get(i).yaml());
            }
            break;
          case 1:
            edit(dir, argument, text -> text.replace('e', 'E'), true);
            break;
          case 2:
            edit(dir, argument, text -> text + "# edited\n", false);
            break;
          default:
            pick(dir, argument).ifPresent(ExportIndexProperties::delete);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(temp)) {
        files.sorted(Comparator.reverseOrder()).forEach(ExportIndexProperties::delete);
      }
    }
  }

  private static void edit(Path dir, int argument, UnaryOperator<String> change, boolean keepTime)
      throws IOException {
    Optional<Path> file = pick(dir, argument);
    if (file.isEmpty()) return;
    FileTime modified = Files.getLastModifiedTime(file.get());
    Files.writeString(file.get(), change.apply(Files.readString(file.get())));
    if (keepTime) Files.setLastModifiedTime(file.get(), modified);
  }

  /** One of the directory's object files, if it has any. */
  private static Optional<Path> pick(Path dir, int argument) throws IOException {
    if (!Files.isDirectory(dir)) return Optional.empty();
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir)) {
      files = listed.filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted()
          .collect(Collectors.toCollection(ArrayList::new));
    }
    return files.isEmpty() ? Optional.empty() : Optional.of(files.get(argument % files.size()));
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
