package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.BackupResourceHookSpec;
import dev.shipshape.backup.model.BackupSpec;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Optional;

/**
 * A backup template as Velero reads it from a compiled object, whichever produced it: a Schedule's
 * {@code spec.template} or a Backup's {@code spec}. Unset lists read as empty, unset values as empty optionals;
 * references resolve in the object's own namespace, where the Velero server reads them.
 */
final class Template {
  final ResourceRef ref;
  /** Where the template sits in the object, such as {@code spec.template}. */
  final String prefix;
  final String veleroNamespace;
  private final BackupSpec spec;

  Template(ResourceRef ref, String prefix, BackupSpec spec) {
    this.ref = ref;
    this.prefix = prefix;
    this.veleroNamespace = ref.namespace().orElse("default");
    this.spec = spec == null ? new BackupSpec(null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null) : spec;
  }

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  List<String> includedNamespaces() {
    return list(spec.includedNamespaces());
  }

  List<String> excludedNamespaces() {
    return list(spec.excludedNamespaces());
  }

  List<String> includedResources() {
    return list(spec.includedResources());
  }

  List<String> excludedResources() {
    return list(spec.excludedResources());
  }

  Optional<Boolean> includeClusterResources() {
    return Optional.ofNullable(spec.includeClusterResources());
  }

  List<String> includedClusterScopedResources() {
    return list(spec.includedClusterScopedResources());
  }

  List<String> excludedClusterScopedResources() {
    return list(spec.excludedClusterScopedResources());
  }

  List<String> includedNamespaceScopedResources() {
    return list(spec.includedNamespaceScopedResources());
  }

  List<String> excludedNamespaceScopedResources() {
    return list(spec.excludedNamespaceScopedResources());
  }

  /** Set, even when empty ({@code labelSelector: {}}), as Velero tells a nil selector from an empty one. */
  Optional<LabelSelector> labelSelector() {
    return Optional.ofNullable(spec.labelSelector());
  }

  List<LabelSelector> orLabelSelectors() {
    return list(spec.orLabelSelectors());
  }

  /**
   * Whether {@code orLabelSelectors} counts as set where Velero tests it against nil. A Backup keeps a written
   * {@code []}; a Schedule's template reaches Velero only in the Backups it creates, whose JSON leaves an empty list
   * out ({@code omitempty}), so there only entries count.
   */
  boolean orLabelSelectorsSet() {
    return ref.kind().equals("Backup") ? spec.orLabelSelectors() != null : !orLabelSelectors().isEmpty();
  }

  Optional<String> ttl() {
    return Optional.ofNullable(spec.ttl());
  }

  Optional<Boolean> snapshotVolumes() {
    return Optional.ofNullable(spec.snapshotVolumes());
  }

  Optional<Boolean> defaultVolumesToFsBackup() {
    return Optional.ofNullable(spec.defaultVolumesToFsBackup());
  }

  Optional<String> storageLocation() {
    return Optional.ofNullable(spec.storageLocation()).filter(s -> !s.isEmpty());
  }

  List<String> volumeSnapshotLocations() {
    return list(spec.volumeSnapshotLocations());
  }

  List<BackupResourceHookSpec> hooks() {
    return spec.hooks() == null ? List.of() : list(spec.hooks().resources());
  }

  /** The template's namespace selection. */
  NamespaceSelection namespaces() {
    return NamespaceSelection.of(includedNamespaces(), excludedNamespaces());
  }
}
