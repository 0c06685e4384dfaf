package dev.shipshape.core.diff;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import org.immutables.value.Value;

/** How one planned object differs from the cluster. */
@Value.Immutable
@ShipshapeStyle
public abstract class ResourceDiff {

  /** Whether applying would create, change or leave the object. */
  public enum Action {
    CREATE, UPDATE, UNCHANGED
  }

  public abstract ResourceRef ref();

  public abstract Action action();

  /** The changed fields, for updates; empty otherwise. */
  public abstract List<FieldChange> changes();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ResourceDiff}s. */
  public static final class Builder extends ImmutableResourceDiff.Builder {}

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(action().name().toLowerCase()).append(' ').append(ref());
    for (FieldChange change : changes()) out.append("\n    ").append(change);
    return out.toString();
  }
}
