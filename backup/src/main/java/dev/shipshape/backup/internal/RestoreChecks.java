package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.RestoreSpec;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a Restore's spec the way Velero's restore validation does ({@code validateAndComplete} in Velero's
 * {@code pkg/controller/restore_controller.go}), and the schedule it names against the spec. Velero reads an empty
 * string as unset, so {@code backupName: ""} is no source.
 */
final class RestoreChecks {
  /** The resources Velero refuses to restore ({@code nonRestorableResources} of its restore controller). */
  private static final Set<String> NON_RESTORABLE = Set.of("nodes", "events", "events.events.k8s.io",
      "backups.velero.io", "restores.velero.io", "resticrepositories.velero.io", "backuprepositories.velero.io",
      "csinodes.storage.k8s.io", "volumeattachments.storage.k8s.io");
  /** The policies Velero's {@code IsResourcePolicyValid} ({@code pkg/restore}) takes. */
  private static final Set<String> POLICIES = Set.of("none", "update");

  private RestoreChecks() {}

  /** Every problem of {@code spec}, the spec of the Restore {@code ref}. */
  static List<Problem> check(ResourceRef ref, RestoreSpec spec, SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    String backup = nonEmpty(spec.backupName());
    String schedule = nonEmpty(spec.scheduleName());
    if ((backup == null) == (schedule == null)) {
      problems.add(Problem.error(ref, "spec.backupName", backup != null
          ? "is set together with scheduleName; Velero takes exactly one source"
          : "and scheduleName are both unset; Velero needs a backup or a schedule to restore from",
          "set exactly one of backupName and scheduleName"));
    }
    if (schedule != null) {
      References.requireVelero(context, ref, "spec.scheduleName", "Schedule", ref.namespace().orElse("default"),
          schedule, "VeleroSchedule", problems);
    }
    List<String> includedResources = Template.list(spec.includedResources());
    Filters.check(ref, "spec", "includedNamespaces", "excludedNamespaces", spec.includedNamespaces(),
        spec.excludedNamespaces(), false, problems);
    Filters.check(ref, "spec", "includedResources", "excludedResources", includedResources,
        spec.excludedResources(), false, problems);
    includedResources.stream().filter(NON_RESTORABLE::contains).forEach(resource -> problems.add(Problem.error(
        ref, "spec.includedResources", "'" + resource + "' is a resource Velero never restores; it fails the"
            + " validation of a restore that includes it", "remove '" + resource + "' from includedResources")));
    if (spec.labelSelector() != null && !Template.list(spec.orLabelSelectors()).isEmpty()) {
      problems.add(Problem.error(ref, "spec.orLabelSelectors", "is set together with labelSelector; Velero"
          + " takes only one of them", "move the labelSelector's labels into each orLabelSelectors entry, or drop"
          + " orLabelSelectors"));
    }
    Map<String, String> mapping = spec.namespaceMapping() == null ? Map.of() : spec.namespaceMapping();
    mapping.forEach((from, to) -> {
      for (String message : Names.checkDns1123Label(to == null ? "" : to)) {
        problems.add(Problem.error(ref, "spec.namespaceMapping." + from, "target namespace '" + to + "' " + message,
            "map to a valid namespace name, such as '" + from + "-restored'"));
      }
    });
    String policy = nonEmpty(spec.existingResourcePolicy());
    if (policy != null && !POLICIES.contains(policy)) {
      problems.add(Problem.error(ref, "spec.existingResourcePolicy", "'" + policy + "' is neither 'none' nor"
          + " 'update', the only policies Velero takes; it fails the validation of such a restore", "write 'none'"
          + " to keep objects that exist already or 'update' to update them (lower case), or leave it unset"));
    }
    String timeout = nonEmpty(spec.itemOperationTimeout());
    if (timeout != null) {
      References.requireDuration(ref, "spec.itemOperationTimeout", timeout, "4h0m0s", problems);
    }
    RestoreHookChecks.check(ref, spec.hooks(), problems);
    return problems;
  }

  private static String nonEmpty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
