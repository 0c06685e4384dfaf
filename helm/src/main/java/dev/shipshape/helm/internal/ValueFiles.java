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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
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
  private final BiFunction<List<Path>, Path, Map<String, Object>> probe;
  /** What Helm read from each list of files, so that a chart rendered twice asks once. */
  private final Map<List<Path>, Map<String, Object>> read = new HashMap<>();

  private ValueFiles(Path directory, BiFunction<List<Path>, Path, Map<String, Object>> probe) {
    this.directory = directory;
    this.probe = probe;
  }

  /** A private working directory, also used for chart copies and repository configuration. */
  public static ValueFiles create() {
    return create(HelmProbe::userValues);
  }

  /** As {@link #create()}, reading values files with {@code probe} instead of {@link HelmProbe#userValues}. */
  static ValueFiles create(BiFunction<List<Path>, Path, Map<String, Object>> probe) {
    try {
      return new ValueFiles(Files.createTempDirectory("shipshape-helm",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))), probe);
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
   * what every {@code --set} and {@code --set-string} expression changes ({@link SetValues}) as one more file. Helm
   * parses each expression into the values its files made ({@code ParseInto}): an index changes one item of a list
   * that a file gives, and a path goes into a file's maps. So the files are first read by Helm itself ({@link
   * HelmProbe#userValues}), the expressions are applied to what it read, and the last file holds every key whose
   * value they changed, a list whole. Helm reads a file's integers as floating point numbers where {@code --set}
   * types them as 64-bit integers: those are left null in the file and each is given to {@code set} at its path,
   * which Helm types back to the same integer.
   */
  public void apply(HelmChart chart, Consumer<Path> valuesFile, BiConsumer<String, Object> set) {
    List<ValueLayer> layers = chart.valueLayers();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Optional<Map<String, Object>> map = layers.get(i).map();
      if (map.isPresent()) files.add(write(i, Manifests.toYaml(map.get())));
      layers.get(i).file().ifPresent(files::add);
    }
    files.forEach(valuesFile);
    if (layers.stream().noneMatch(ValueLayer::isSet)) return;
    // Helm is asked once per list of files; the expressions change a copy, so that what they changed can be told.
    Map<String, Object> before = files.isEmpty() ? Map.of()
        : read.computeIfAbsent(List.copyOf(files), f -> probe.apply(f, directory));
    Map<String, Object> values = deepCopy(before);
    SetValues.applyTo(chart, values);
    Map<String, Long> integers = new LinkedHashMap<>();
    Object changed = withoutIntegers(changes(before, values), "", integers);
    try {
      valuesFile.accept(write(layers.size(), JSON.writeValueAsString(changed)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write --set values as JSON", e);
    }
    integers.forEach(set);
  }

  /**
   * The keys of {@code after} whose value differs from {@code before}'s: as a values file merged over {@code
   * before} (Helm merges maps key by key and replaces anything else), it gives {@code after}.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> changed = new LinkedHashMap<>();
    after.forEach((key, value) -> {
      Object old = before.get(key);
      if (before.containsKey(key) && Objects.equals(old, value)) return;
      if (old instanceof Map && value instanceof Map) {
        changed.put(key, changes((Map<String, Object>) old, (Map<String, Object>) value));
      } else {
        changed.put(key, value);
      }
    });
    return changed;
  }

  /** Maps and lists copied all the way down (as {@link LinkedHashMap}s and {@link ArrayList}s), scalars shared. */
  @SuppressWarnings("unchecked")
  private static <T> T deepCopy(T value) {
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) value).forEach((key, item) -> copy.put(key, deepCopy(item)));
      return (T) copy;
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      ((List<Object>) value).forEach(item -> copy.add(deepCopy(item)));
      return (T) copy;
    }
    return value;
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
