package dev.shipshape.helm;

import dev.shipshape.core.ShipshapeStyle;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One source of chart values: a map, a YAML file, or one {@code --set}-style path. Helm merges values files (and
 * here maps, which are written as files) in the order given, later ones winning, then applies every {@code --set}
 * in order on top, whatever their position among the files: {@code helm install -f a.yaml --set x=1 -f b.yaml}
 * ends with {@code x=1}. Values are never printed: problems name only their paths.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ValueLayer {

  /** A map of values, such as {@code Map.of("replicaCount", 2)}. */
  public abstract Optional<Map<String, Object>> map();

  /** A values file. */
  public abstract Optional<Path> file();

  /** The dotted path of a {@code --set}, such as {@code image.tag} or {@code hosts[0]}. */
  public abstract Optional<String> setPath();

  /** The value of a {@code --set}; strings are typed as Helm types them ({@code true}, {@code 3}, {@code null}). */
  public abstract Optional<Object> setValue();

  /**
   * A secret {@code --set} value (a password, a token): a released chart's step hides it from its results and
   * errors, as written and in base64. By default, false.
   */
  @Value.Default
  public boolean secret() {
    return false;
  }

  static ValueLayer ofMap(Map<String, Object> values) {
    return ImmutableValueLayer.builder().map(values).build();
  }

  static ValueLayer ofFile(Path file) {
    return ImmutableValueLayer.builder().file(file).build();
  }

  static ValueLayer ofSet(String path, Object value) {
    return ImmutableValueLayer.builder().setPath(path).setValue(value).build();
  }

  static ValueLayer ofSecretSet(String path, Object value) {
    return ImmutableValueLayer.builder().setPath(path).setValue(value).secret(true).build();
  }

  /** True for a {@code --set} path, applied after every file and map. */
  public boolean isSet() {
    return setPath().isPresent();
  }

  @Value.Check
  void exactlyOne() {
    int given = (map().isPresent() ? 1 : 0) + (file().isPresent() ? 1 : 0) + (setPath().isPresent() ? 1 : 0);
    if (given != 1 || setPath().isPresent() != setValue().isPresent()) {
      throw new IllegalStateException("a value layer is a map, a file or a --set path with its value");
    }
  }

  /** {@code values file x.yaml}, {@code values map}, {@code --set image.tag}: never the values themselves. */
  @Override
  public String toString() {
    return file().map(f -> "values file " + f).orElseGet(() -> setPath().map(p -> "--set " + p)
        .orElse("values map"));
  }
}
