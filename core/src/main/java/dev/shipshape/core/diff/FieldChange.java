package dev.shipshape.core.diff;

import dev.shipshape.core.ShipshapeStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One field that differs between the desired and the live object. Values are compact JSON; for Secrets they are
 * never shown ({@link #HIDDEN}).
 */
@Value.Immutable
@ShipshapeStyle
public abstract class FieldChange {
  /** What stands for a value that must not be shown. */
  public static final String HIDDEN = "(hidden)";

  /** The kind of change. */
  public enum Kind {
    ADDED, CHANGED, REMOVED
  }

  /** The field path, such as {@code spec.template.spec.containers[0].image}. */
  @Value.Parameter
  public abstract String path();

  @Value.Parameter
  public abstract Kind kind();

  /** The live value; empty when the field is added. */
  @Value.Parameter
  public abstract Optional<String> before();

  /** The desired value; empty when the field is removed. */
  @Value.Parameter
  public abstract Optional<String> after();

  public static FieldChange of(String path, Kind kind, Optional<String> before, Optional<String> after) {
    return ImmutableFieldChange.of(path, kind, before, after);
  }

  @Override
  public String toString() {
    switch (kind()) {
      case ADDED:
        return "+ " + path() + ": " + after().orElse("");
      case REMOVED:
        return "- " + path() + ": " + before().orElse("");
      default:
        return "~ " + path() + ": " + before().orElse("") + " -> " + after().orElse("");
    }
  }
}
