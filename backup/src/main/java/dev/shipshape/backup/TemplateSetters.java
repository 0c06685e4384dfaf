package dev.shipshape.backup;

import dev.shipshape.core.GoDuration;
import java.time.Duration;
import java.util.Map;

/**
 * The setters that the builders of {@link VeleroSchedule} and {@link VeleroBackup} share.
 *
 * @param <B> the builder type
 */
public interface TemplateSetters<B extends TemplateSetters<B>> {

  B name(String name);

  B veleroNamespace(String veleroNamespace);

  B addIncludedNamespaces(String... namespaces);

  /** Replaces the included namespaces. */
  B includedNamespaces(Iterable<String> namespaces);

  B addAllIncludedNamespaces(Iterable<String> namespaces);

  B addExcludedNamespaces(String... namespaces);

  B excludedNamespaces(Iterable<String> namespaces);

  B addAllExcludedNamespaces(Iterable<String> namespaces);

  B addIncludedResources(String... resources);

  B includedResources(Iterable<String> resources);

  B addExcludedResources(String... resources);

  B excludedResources(Iterable<String> resources);

  B includeClusterResources(boolean includeClusterResources);

  B addIncludedClusterScopedResources(String... resources);

  B includedClusterScopedResources(Iterable<String> resources);

  B addExcludedClusterScopedResources(String... resources);

  B excludedClusterScopedResources(Iterable<String> resources);

  B addIncludedNamespaceScopedResources(String... resources);

  B includedNamespaceScopedResources(Iterable<String> resources);

  B addExcludedNamespaceScopedResources(String... resources);

  B excludedNamespaceScopedResources(Iterable<String> resources);

  B putLabelSelector(String key, String value);

  /** Replaces the labels an object must have. */
  B labelSelector(Map<String, ? extends String> labels);

  /**
   * Adds a label set of {@code orLabelSelectors}: objects with all of these labels, or with all the labels of
   * another such set, are backed up. The map is copied.
   */
  B orLabelSelector(Map<String, String> labels);

  B ttl(String ttl);

  B snapshotVolumes(boolean snapshotVolumes);

  B defaultVolumesToFsBackup(boolean defaultVolumesToFsBackup);

  B storageLocation(String storageLocation);

  B addVolumeSnapshotLocations(String... locations);

  B volumeSnapshotLocations(Iterable<String> locations);

  B addHooks(BackupHook hook);

  /** Replaces the hooks. */
  B hooks(Iterable<? extends BackupHook> hooks);

  /** Backs up these namespaces. */
  default B namespaces(String... namespaces) {
    return addIncludedNamespaces(namespaces);
  }

  /** Keeps backups this long, written as a Go duration. */
  default B ttl(Duration ttl) {
    return ttl(GoDuration.format(ttl));
  }

  default B hook(BackupHook hook) {
    return addHooks(hook);
  }

  /** Backs up only objects with the label {@code key=value}. */
  default B label(String key, String value) {
    return putLabelSelector(key, value);
  }
}
