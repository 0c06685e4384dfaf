package dev.shipshape.backup;

import dev.shipshape.backup.internal.LocationChecks;
import dev.shipshape.backup.internal.Templates;
import dev.shipshape.backup.model.VolumeSnapshotLocationSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where a volume snapshotter plugin takes snapshots of persistent volumes (the provider defaults to {@code aws},
 * whose EBS snapshotter requires a region). Not needed for file-system or CSI snapshot backups.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class VolumeSnapshotLocation implements Component {

  @Override
  public abstract String name();

  /** The namespace Velero runs in. By default, {@code velero}. */
  @Value.Default
  public String veleroNamespace() {
    return Velero.DEFAULT_NAMESPACE;
  }

  /** The volume snapshotter plugin. By default, {@code aws}. */
  @Value.Default
  public String provider() {
    return "aws";
  }

  public abstract Optional<String> region();

  /**
   * Further plugin settings, such as {@code snapshotLocation} (gcp) or {@code incremental} (azure). Planning checks
   * the keys and values of the {@code aws}, {@code gcp} and {@code azure} volume snapshotters, which refuse a key
   * they do not know: a misspelled key is an error naming the closest one. The plugins of other providers have rules
   * of their own, so for them every key is taken.
   */
  public abstract Map<String, String> config();

  /** The Secret with the credentials file. By default, the Velero server's own credentials. */
  public abstract Optional<String> credentialSecret();

  /** The key of the credentials file. By default, {@code cloud}. */
  @Value.Default
  public String credentialKey() {
    return "cloud";
  }

  public static Builder builder() {
    return ImmutableVolumeSnapshotLocation.builder();
  }

  /** The reference of the compiled VolumeSnapshotLocation. */
  public ResourceRef ref() {
    return Velero.ref("VolumeSnapshotLocation", veleroNamespace(), name());
  }

  /** Velero's {@code VolumeSnapshotLocation} CRD. */
  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(Velero.crd("VolumeSnapshotLocation"));
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    Map<String, String> config = new LinkedHashMap<>();
    region().ifPresent(r -> config.put("region", r));
    config().forEach(config::putIfAbsent);
    var location = new dev.shipshape.backup.model.VolumeSnapshotLocation();
    location.setMetadata(Templates.metadata(name(), veleroNamespace()));
    location.setSpec(new VolumeSnapshotLocationSpec(provider(), config,
        credentialSecret().map(s -> new SecretKeySelector(credentialKey(), s, null)).orElse(null)));
    return List.of(location);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return LocationChecks.snapshots(this);
  }

  /** Builds {@link VolumeSnapshotLocation}s. */
  public interface Builder {
    /** Starts from every attribute of {@code location}. */
    Builder from(VolumeSnapshotLocation location);

    Builder name(String name);

    Builder veleroNamespace(String veleroNamespace);

    Builder provider(String provider);

    Builder region(String region);

    Builder putConfig(String key, String value);

    /** Replaces the further plugin settings. */
    Builder config(Map<String, ? extends String> config);

    Builder credentialSecret(String credentialSecret);

    Builder credentialKey(String credentialKey);

    /** Reads the credentials from {@code key} of Secret {@code secret} in the Velero namespace. */
    default Builder credential(String secret, String key) {
      return credentialSecret(secret).credentialKey(key);
    }

    VolumeSnapshotLocation build();
  }
}
