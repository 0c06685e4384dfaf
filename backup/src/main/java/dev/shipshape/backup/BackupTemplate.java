package dev.shipshape.backup;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a backup takes and where it goes: the attributes that {@link VeleroSchedule} (as its {@code template})
 * and {@link VeleroBackup} share. Unset attributes are left out of the object, so Velero's own defaults apply.
 *
 * <p>Resource filters come in two styles that Velero refuses to mix: the old {@code includedResources},
 * {@code excludedResources} and {@code includeClusterResources}, and the new cluster-scoped and namespace-scoped
 * lists. Namespace and resource lists take {@code *} alone for "all"; exclude lists of the old style never take
 * {@code *}, those of the new style only when their include list is empty.
 */
public abstract class BackupTemplate {

  /** The object's name, a DNS-1123 subdomain. */
  public abstract String name();

  /** The namespace Velero runs in, where the object is created. By default, {@code velero}. */
  @Value.Default
  public String veleroNamespace() {
    return Velero.DEFAULT_NAMESPACE;
  }

  /** The namespaces to back up. By default, all of them. */
  public abstract List<String> includedNamespaces();

  public abstract List<String> excludedNamespaces();

  /** Old-style filter: resources to back up, such as {@code deployments} or {@code persistentvolumeclaims}. */
  public abstract List<String> includedResources();

  /** Old-style filter. */
  public abstract List<String> excludedResources();

  /** Old-style filter: whether cluster-scoped resources are backed up. By default, those related to the rest. */
  public abstract Optional<Boolean> includeClusterResources();

  /** New-style filter: cluster-scoped resources to back up ({@code *} for all). */
  public abstract List<String> includedClusterScopedResources();

  /** New-style filter. */
  public abstract List<String> excludedClusterScopedResources();

  /** New-style filter: namespaced resources to back up ({@code *} for all). */
  public abstract List<String> includedNamespaceScopedResources();

  /** New-style filter. */
  public abstract List<String> excludedNamespaceScopedResources();

  /** Labels an object must have to be backed up ({@code matchLabels}); exclusive with {@link #orLabelSelectors}. */
  public abstract Map<String, String> labelSelector();

  /** Objects matching any of these label sets are backed up; exclusive with {@link #labelSelector}. */
  public abstract List<Map<String, String>> orLabelSelectors();

  /** How long backups are kept, as a Go duration such as {@code 720h0m0s}. By default, Velero's 30 days. */
  public abstract Optional<String> ttl();

  /** Whether volume snapshots are taken. By default, Velero's server setting. */
  public abstract Optional<Boolean> snapshotVolumes();

  /** Whether every pod volume is backed up by file-system backup unless opted out. */
  public abstract Optional<Boolean> defaultVolumesToFsBackup();

  /** The BackupStorageLocation to write to. By default, the location marked default. */
  public abstract Optional<String> storageLocation();

  /** The VolumeSnapshotLocations to snapshot into, at most one per provider. */
  public abstract List<String> volumeSnapshotLocations();

  /** Exec hooks run in the selected pods. */
  public abstract List<BackupHook> hooks();
}
