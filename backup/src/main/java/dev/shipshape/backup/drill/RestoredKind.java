package dev.shipshape.backup.drill;

import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * How many objects of one kind a drill's backup holds for one namespace, and how many of them the restore brought
 * back into the namespace's scratch copy; the objects are matched by name.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RestoredKind {

  /** The objects' apiVersion, such as {@code apps/v1}. */
  public abstract String apiVersion();

  public abstract String kind();

  /** The backed-up namespace. */
  public abstract String namespace();

  /** The namespace the restore mapped it to. */
  public abstract String scratchNamespace();

  /** The number of objects of this kind in the backup. */
  public abstract int expected();

  /** The names in the backup that are not in the scratch namespace after the restore, sorted. */
  public abstract List<String> missing();

  /** The number of backed-up objects found again. */
  public int restored() {
    return expected() - missing().size();
  }

  public static Builder builder() {
    return ImmutableRestoredKind.builder();
  }

  /** Builds a {@link RestoredKind}; every attribute but {@code missing} is required. */
  public interface Builder {
    Builder apiVersion(String apiVersion);

    Builder kind(String kind);

    Builder namespace(String namespace);

    Builder scratchNamespace(String scratchNamespace);

    Builder expected(int expected);

    Builder addAllMissing(Iterable<String> names);

    RestoredKind build();
  }
}
