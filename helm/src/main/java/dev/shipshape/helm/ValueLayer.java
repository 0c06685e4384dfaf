package dev.shipshape.helm;

import dev.shipshape.core.ShipshapeStyle;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One source of chart values: a map, a YAML file, or a {@code --set} expression. Helm merges values files (and
 * here maps, which are written as files) in the order given, later ones winning, then applies every {@code --set}
 * in order on top, whatever their position among the files ({@code helm install -f a.yaml --set x=1 -f b.yaml}
 * ends with {@code x=1}), then every {@code --set-string}. Expressions are read as Helm reads them: {@code a.b=x,a.c=y}
 * sets two keys, {@code nums={1,2}} a list, {@code hosts[0]=x} an item, {@code \,} and {@code \.} are a literal
 * comma and dot; {@code true}, {@code false}, {@code null} and integers are typed as Helm types them, unless the
 * layer is a {@code --set-string}. Values are never printed: problems name only the layer.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ValueLayer {

  /** A map of values, such as {@code Map.of("replicaCount", 2)}. */
  public abstract Optional<Map<String, Object>> map();

  /** A values file. */
  public abstract Optional<Path> file();

  /** A {@code --set} expression, such as {@code image.tag=1.8.2} or {@code a.b=x,a.c=y,hosts={a,b}}. */
  public abstract Optional<String> setExpression();

  /**
   * True for a {@code --set-string}: the expression's values stay strings ({@code 0123}, {@code true}, {@code 3}).
   * By default, false.
   */
  @Value.Default
  public boolean stringValues() {
    return false;
  }

  /**
   * A secret {@code --set} (a password, a token): a released chart's step hides its values from its results and
   * errors, as written and in base64, and a problem with the expression never quotes it. By default, false.
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

  static ValueLayer ofSet(String expression) {
    return ImmutableValueLayer.builder().setExpression(expression).build();
  }

  static ValueLayer ofStringSet(String expression) {
    return ImmutableValueLayer.builder().setExpression(expression).stringValues(true).build();
  }

  static ValueLayer ofSecretSet(String expression) {
    return ImmutableValueLayer.builder().setExpression(expression).secret(true).build();
  }

  /** True for a {@code --set} or {@code --set-string} expression, applied after every file and map. */
  public boolean isSet() {
    return setExpression().isPresent();
  }

  @Value.Check
  void exactlyOne() {
    int given = (map().isPresent() ? 1 : 0) + (file().isPresent() ? 1 : 0) + (setExpression().isPresent() ? 1 : 0);
    if (given != 1 || (!isSet() && (stringValues() || secret())) || (stringValues() && secret())) {
      throw new IllegalStateException("a value layer is a map, a file, a --set, a --set-string or a secret --set");
    }
  }

  /** {@code values file x.yaml}, {@code values map}, {@code --set}, {@code --set-string}, {@code secret --set}. */
  @Override
  public String toString() {
    if (file().isPresent()) return "values file " + file().get();
    if (map().isPresent()) return "values map";
    return secret() ? "secret --set" : stringValues() ? "--set-string" : "--set";
  }
}
