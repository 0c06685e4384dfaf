package dev.shipshape.backup.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a backup template (of a Schedule or a Backup) the way Velero's backup validation does, and against the
 * rest of the spec: the storage and snapshot locations and the namespaces it names, and its hooks.
 */
final class TemplateChecks {
  private TemplateChecks() {}

  /**
   * Every problem of the template but its ttl, which the callers check with the rest of the object; the template
   * carries where it sits, such as {@code spec.template}.
   */
  static List<Problem> check(Template t, SpecContext context) {
    ResourceRef ref = t.ref;
    String prefix = t.prefix;
    List<Problem> problems = new ArrayList<>();
    Filters.check(ref, prefix, "includedNamespaces", "excludedNamespaces", t.includedNamespaces(),
        t.excludedNamespaces(), false, problems);
    Filters.namespaceNames(ref, prefix + ".includedNamespaces", t.includedNamespaces(), problems);
    Filters.namespaceNames(ref, prefix + ".excludedNamespaces", t.excludedNamespaces(), problems);
    Filters.check(ref, prefix, "includedResources", "excludedResources", t.includedResources(),
        t.excludedResources(), false, problems);
    Filters.check(ref, prefix, "includedClusterScopedResources", "excludedClusterScopedResources",
        t.includedClusterScopedResources(), t.excludedClusterScopedResources(), true, problems);
    Filters.check(ref, prefix, "includedNamespaceScopedResources", "excludedNamespaceScopedResources",
        t.includedNamespaceScopedResources(), t.excludedNamespaceScopedResources(), true, problems);
    boolean oldStyle = !t.includedResources().isEmpty() || !t.excludedResources().isEmpty()
        || t.includeClusterResources().isPresent();
    boolean newStyle = !t.includedClusterScopedResources().isEmpty() || !t.excludedClusterScopedResources().isEmpty()
        || !t.includedNamespaceScopedResources().isEmpty() || !t.excludedNamespaceScopedResources().isEmpty();
    if (oldStyle && newStyle) {
      problems.add(Problem.error(ref, prefix, "mixes the old resource filters (includedResources,"
          + " excludedResources, includeClusterResources) with the new ones (included/excludedClusterScopedResources,"
          + " included/excludedNamespaceScopedResources); Velero rejects such a backup",
          "use one style: the new scoped lists, or the old three attributes"));
    }
    if (t.labelSelector().isPresent() && t.orLabelSelectorsSet()) {
      problems.add(Problem.error(ref, prefix + ".orLabelSelectors", "is set together with labelSelector; Velero"
          + " takes only one of them", "move the labelSelector's labels into each orLabelSelectors entry, or drop"
          + " orLabelSelectors"));
    }
    t.storageLocation().ifPresent(location -> References.requireVelero(context, ref, prefix + ".storageLocation",
        "BackupStorageLocation", t.veleroNamespace, location, "BackupStorageLocation", problems));
    for (int i = 0; i < t.volumeSnapshotLocations().size(); i++) {
      References.requireVelero(context, ref, prefix + ".volumeSnapshotLocations[" + i + "]",
          "VolumeSnapshotLocation", t.veleroNamespace, t.volumeSnapshotLocations().get(i),
          "VolumeSnapshotLocation", problems);
    }
    TemplateLocations.check(t, context, problems);
    References.requireNamespaces(context, ref, prefix + ".includedNamespaces", t.includedNamespaces(), problems);
    HookChecks.check(t, context, problems);
    return problems;
  }
}
