package dev.shipshape.helm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Hands a chart's value layers to a Helm command the way Helm merges them: files and maps (written to files) in
 * order, then every {@code --set} and {@code --set-string}. Values may hold secrets: the files are written into a
 * directory only this user can read, deleted by {@link #close()}.
 */
public final class ValueFiles implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SET_PATH_SPECIALS = Pattern.compile("[\\\\.\\[\\]=,]");
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

  /**
   * Gives {@code chart}'s layers to a command's {@code withValuesFile} and {@code set}: files and maps in order, then
   * the values of every {@code --set} and {@code --set-string} expression ({@link SetValues}) as one more file. Helm
   * reads a file's integers as floating point numbers where {@code --set} types them as 64-bit integers: those are
   * left null in the file and each is given to {@code set} at its path, which Helm types back to the same integer.
   */
  public void apply(HelmChart chart, Consumer<Path> valuesFile, BiConsumer<String, Object> set) {
    List<ValueLayer> layers = chart.valueLayers();
    for (int i = 0; i < layers.size(); i++) {
      Optional<Map<String, Object>> map = layers.get(i).map();
      if (map.isPresent()) valuesFile.accept(write(i, Manifests.toYaml(map.get())));
      layers.get(i).file().ifPresent(valuesFile);
    }
    if (layers.stream().noneMatch(ValueLayer::isSet)) return;
    Map<String, Long> integers = new LinkedHashMap<>();
    Object values = withoutIntegers(SetValues.of(chart), "", integers);
    try {
      valuesFile.accept(write(layers.size(), JSON.writeValueAsString(values)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write --set values as JSON", e);
    }
    integers.forEach(set);
  }

  /**
   * {@code value} with every integer null, each put in {@code integers} at its path as {@code --set} writes it
   * ({@code a.b[0]}, with {@code \}, {@code .}, {@code [}, {@code ]}, {@code =} and {@code ,} of keys escaped).
   */
  @SuppressWarnings("unchecked")
  private static Object withoutIntegers(Object value, String path, Map<String, Long> integers) {
    if (value instanceof Long) {
      integers.put(path, (Long) value);
      return null;
    }
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) value).forEach((key, item) -> copy.put(key, withoutIntegers(item,
          (path.isEmpty() ? "" : path + ".") + SET_PATH_SPECIALS.matcher(key).replaceAll("\\\\$0"), integers)));
      return copy;
    }
    if (value instanceof List) {
      List<Object> list = (List<Object>) value;
      List<Object> copy = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) copy.add(withoutIntegers(list.get(i), path + "[" + i + "]", integers));
      return copy;
    }
    return value;
  }

  private Path write(int index, String values) {
    Path file = directory.resolve("values-" + index + ".yaml");
    try {
      Files.writeString(file, values);
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
