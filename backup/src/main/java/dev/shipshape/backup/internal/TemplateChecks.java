package dev.shipshape.backup.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a backup template (of a Schedule or a Backup) the way Velero's backup validation does, its label selectors
 * as Velero lists resources with them, and the template against the rest of the spec: the storage and snapshot
 * locations and the namespaces it names, and its hooks.
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
    boolean selectorsUsable = listable(t, problems);
    t.storageLocation().ifPresent(location -> References.requireVelero(context, ref, prefix + ".storageLocation",
        "BackupStorageLocation", t.veleroNamespace, location, "BackupStorageLocation", problems));
    for (int i = 0; i < t.volumeSnapshotLocations().size(); i++) {
      References.requireVelero(context, ref, prefix + ".volumeSnapshotLocations[" + i + "]",
          "VolumeSnapshotLocation", t.veleroNamespace, t.volumeSnapshotLocations().get(i),
          "VolumeSnapshotLocation", problems);
    }
    TemplateLocations.check(t, context, problems);
    References.requireNamespaces(context, ref, prefix + ".includedNamespaces", t.includedNamespaces(), problems);
    HookChecks.check(t, context, selectorsUsable, problems);
    return problems;
  }

  /**
   * Checks the template's own selectors as Velero's item collector ({@code pkg/backup/item_collector.go}) uses
   * them. It lists every resource with each selector written by {@code metav1.FormatLabelSelector}: '<error>' for a
   * selector that {@code LabelSelectorAsSelector} refuses, '<none>' for an empty one. The API server refuses both as
   * list selectors, so Velero logs an error for each resource and backs up none of them, and a backup with errors
   * ends PartiallyFailed (Velero issue #2083). An orLabelSelectors entry it refuses is worse: collectNamespaces keeps
   * it as a nil selector, which nsTracker.init calls for each namespace the backup includes, and the nil dereference
   * stops the backup run; a backup left InProgress is marked Failed when the Velero server starts again
   * ({@code markInProgressBackupsFailed}, {@code pkg/cmd/server/server.go}). True when Velero can list with every
   * selector.
   */
  private static boolean listable(Template t, List<Problem> problems) {
    String backups = t.ref.kind().equals("Backup") ? "the backup" : "each backup of the schedule";
    boolean usable = true;
    if (t.labelSelector().isPresent()) {
      usable = listable(t, t.prefix + ".labelSelector", t.labelSelector().get(), backups, "Velero cannot turn the"
          + " selector into a query and lists resources with '<error>' instead, which the API server refuses, so "
          + backups + " ends PartiallyFailed without them",
          "remove labelSelector to back up what the other filters take, or give it the labels to match", problems);
    }
    for (int i = 0; i < t.orLabelSelectors().size(); i++) {
      usable &= listable(t, t.prefix + ".orLabelSelectors[" + i + "]", t.orLabelSelectors().get(i), backups,
          "Velero cannot turn the selector into a query and keeps a nil selector in its place, which its item"
              + " collector calls for each namespace the backup includes: the backup run panics, so " + backups
              + " never completes; it stays InProgress until the Velero server restarts and marks it Failed",
          "remove the entry, or give it the labels to match; without orLabelSelectors the backup takes what the"
              + " other filters take", problems);
    }
    return usable;
  }

  private static boolean listable(Template t, String field, LabelSelector selector, String backups,
      String unusable, String emptyFix, List<Problem> problems) {
    if (selector == null) {
      problems.add(LabelSelectors.nullItem(t.ref, field));
      return false;
    }
    if (LabelSelectors.empty(selector)) {
      problems.add(Problem.error(t.ref, field, "is empty; Velero lists resources with an empty selector written as"
          + " '<none>', which the API server refuses, so " + backups + " ends PartiallyFailed without them",
          emptyFix));
      return false;
    }
    return LabelSelectors.check(t.ref, field, selector, unusable, problems);
  }
}
