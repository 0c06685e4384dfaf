package dev.shipshape.helm.internal;

import dev.shipshape.core.Manifests;
import dev.shipshape.helm.HelmChart;
import dev.shipshape.helm.ValueLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Hands a chart's value layers to a Helm command the way Helm merges them: files and maps (written to files) in
 * order, then every {@code --set}. Values may hold secrets: the files are written into a directory only this user
 * can read, deleted by {@link #close()}.
 */
public final class ValueFiles implements AutoCloseable {
  private final Path directory;

  private ValueFiles(Path directory) {
    this.directory = directory;
  }

  /** A private working directory, also used for chart copies and repository configuration. */
  public static ValueFiles create() {
    try {
      return new ValueFiles(Files.createTempDirectory("shipshape-helm",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for chart values", e);
    }
  }

  /** The private working directory. */
  public Path directory() {
    return directory;
  }

  /** Gives {@code chart}'s layers to a command's {@code withValuesFile} and {@code set}. */
  public void apply(HelmChart chart, Consumer<Path> valuesFile, BiConsumer<String, Object> set) {
    int index = 0;
    for (ValueLayer layer : chart.valueLayers()) {
      if (layer.map().isPresent()) valuesFile.accept(write(index, layer));
      layer.file().ifPresent(valuesFile);
      index++;
    }
    chart.valueLayers().stream().filter(ValueLayer::isSet)
        .forEach(l -> set.accept(l.setPath().orElseThrow(), l.setValue().orElseThrow()));
  }

  private Path write(int index, ValueLayer layer) {
    Path file = directory.resolve("values-" + index + ".yaml");
    try {
      Files.writeString(file, Manifests.toYaml(layer.map().orElseThrow()));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart values to " + file, e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(directory)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).collect(Collectors.toCollection(ArrayList::new));
      for (Path p : all) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
