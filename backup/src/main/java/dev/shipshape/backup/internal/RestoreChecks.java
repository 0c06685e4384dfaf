package dev.shipshape.backup.internal;

import dev.shipshape.backup.VeleroRestore;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks a restore the way Velero's restore validation does, and the schedule it names against the spec. */
public final class RestoreChecks {
  /** The resources Velero refuses to restore ({@code nonRestorableResources} of its restore controller). */
  private static final Set<String> NON_RESTORABLE = Set.of("nodes", "events", "events.events.k8s.io",
      "backups.velero.io", "restores.velero.io", "resticrepositories.velero.io", "backuprepositories.velero.io",
      "csinodes.storage.k8s.io", "volumeattachments.storage.k8s.io");

  private RestoreChecks() {}

  public static List<Problem> check(VeleroRestore r, SpecContext context) {
    ResourceRef ref = r.ref();
    List<Problem> problems = new ArrayList<>();
    if (r.backupName().isPresent() == r.scheduleName().isPresent()) {
      problems.add(Problem.error(ref, "spec.backupName", r.backupName().isPresent()
          ? "is set together with scheduleName; Velero takes exactly one source"
          : "and scheduleName are both unset; Velero needs a backup or a schedule to restore from",
          "set exactly one of backupName and scheduleName"));
    }
    r.scheduleName().ifPresent(schedule -> References.requireVelero(context, ref, "spec.scheduleName", "Schedule",
        r.veleroNamespace(), schedule, "VeleroSchedule", problems));
    Filters.check(ref, "spec", "includedNamespaces", "excludedNamespaces", r.includedNamespaces(),
        r.excludedNamespaces(), false, problems);
    Filters.check(ref, "spec", "includedResources", "excludedResources", r.includedResources(),
        r.excludedResources(), false, problems);
    r.includedResources().stream().filter(NON_RESTORABLE::contains).forEach(resource -> problems.add(Problem.error(
        ref, "spec.includedResources", "'" + resource + "' is a resource Velero never restores; it fails the"
            + " validation of a restore that includes it", "remove '" + resource + "' from includedResources")));
    if (!r.labelSelector().isEmpty() && !r.orLabelSelectors().isEmpty()) {
      problems.add(Problem.error(ref, "spec.orLabelSelectors", "is set together with labelSelector; Velero"
          + " takes only one of them", "move the labelSelector's labels into each orLabelSelectors entry, or drop"
          + " orLabelSelectors"));
    }
    r.namespaceMapping().forEach((from, to) -> {
      for (String message : Names.checkDns1123Label(to)) {
        problems.add(Problem.error(ref, "spec.namespaceMapping." + from, "target namespace '" + to + "' " + message,
            "map to a valid namespace name, such as '" + from + "-restored'"));
      }
    });
    return problems;
  }
}
