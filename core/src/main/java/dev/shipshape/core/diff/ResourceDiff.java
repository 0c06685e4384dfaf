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
    return ImmutableResourceDiff.builder();
  }

  /** Builds {@link ResourceDiff}s. */
  public interface Builder {
    /** Starts from every attribute of {@code diff}. */
    Builder from(ResourceDiff diff);

    Builder ref(ResourceRef ref);

    Builder action(Action action);

    Builder addChanges(FieldChange... changes);

    /** Replaces the changes. */
    Builder changes(Iterable<? extends FieldChange> changes);

    Builder addAllChanges(Iterable<? extends FieldChange> changes);

    ResourceDiff build();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(action().name().toLowerCase()).append(' ').append(ref());
    for (FieldChange change : changes()) out.append("\n    ").append(change);
    return out.toString();
  }
}
