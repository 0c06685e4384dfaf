package dev.shipshape.storage.drift;

import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** One volume as the storage backend lists it. */
@Value.Immutable
@ShipshapeStyle
public abstract class BackendVolume {
  /** Metadata keys under which CSI drivers record the PersistentVolume a volume was created for. */
  private static final List<String> PV_NAME_KEYS = List.of("csi.storage.k8s.io/pv/name", "CSIVolumeName",
      "kubernetes.io/created-for/pv/name");

  /** The backend's id, which is the CSI volume handle of its PersistentVolume (Cinder UUID, EBS {@code vol-…}). */
  public abstract String id();

  public abstract Optional<String> name();

  /** The size in GiB, as Cinder and EBS count it. */
  public abstract long sizeGiB();

  /** The backend's own state, such as {@code available}, {@code in-use}, {@code error_deleting}. */
  public abstract String state();

  /** The ids of the instances (Nova servers, EC2 instances) the volume is attached to. */
  public abstract List<String> attachedInstances();

  /** Properties or tags, such as the CSI driver's {@code csi.storage.k8s.io/pvc/name}. */
  public abstract Map<String, String> metadata();

  /** The PersistentVolume the CSI driver created this volume for, when its metadata says so. */
  public Optional<String> createdForVolume() {
    return PV_NAME_KEYS.stream().map(metadata()::get).filter(v -> v != null && !v.isEmpty()).findFirst();
  }

  public static Builder builder() {
    return ImmutableBackendVolume.builder();
  }

  /** Builds {@link BackendVolume}s; id, size and state are required. */
  public interface Builder {
    Builder id(String id);

    Builder name(String name);

    Builder name(Optional<String> name);

    Builder sizeGiB(long sizeGiB);

    Builder state(String state);

    Builder addAttachedInstances(String... instances);

    Builder addAllAttachedInstances(Iterable<String> instances);

    Builder putMetadata(String key, String value);

    Builder putAllMetadata(Map<String, ? extends String> metadata);

    BackendVolume build();
  }
}
