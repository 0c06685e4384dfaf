package dev.shipshape.storage.drift;

import dev.shipshape.core.ShipshapeStyle;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** One snapshot as the storage backend lists it. */
@Value.Immutable
@ShipshapeStyle
public abstract class BackendSnapshot {

  /** The backend's id, which is the {@code snapshotHandle} of its VolumeSnapshotContent. */
  public abstract String id();

  public abstract Optional<String> name();

  /** The volume it was taken of, when the inventory says. */
  public abstract Optional<String> volumeId();

  public abstract long sizeGiB();

  public abstract String state();

  public abstract Map<String, String> metadata();

  public static Builder builder() {
    return ImmutableBackendSnapshot.builder();
  }

  /** Builds {@link BackendSnapshot}s; id, size and state are required. */
  public interface Builder {
    Builder id(String id);

    Builder name(String name);

    Builder name(Optional<String> name);

    Builder volumeId(String volumeId);

    Builder volumeId(Optional<String> volumeId);

    Builder sizeGiB(long sizeGiB);

    Builder state(String state);

    Builder putMetadata(String key, String value);

    Builder putAllMetadata(Map<String, ? extends String> metadata);

    BackendSnapshot build();
  }
}
