package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.RestoreSpec;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
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
  /** What Velero's restorer ({@code pkg/restore}) does with a label selector it cannot turn into a selector. */
  private static final String UNUSABLE_SELECTOR = "Velero's restore fails with this error before it restores"
      + " anything";

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
    // Velero tests orLabelSelectors against nil: a written [] counts (validateAndComplete of its restore controller).
    if (spec.labelSelector() != null && spec.orLabelSelectors() != null) {
      problems.add(Problem.error(ref, "spec.orLabelSelectors", "is set together with labelSelector; Velero"
          + " takes only one of them", "move the labelSelector's labels into each orLabelSelectors entry, or drop"
          + " orLabelSelectors"));
    }
    LabelSelectors.check(ref, "spec.labelSelector", spec.labelSelector(), UNUSABLE_SELECTOR, problems);
    List<LabelSelector> orSelectors = Template.list(spec.orLabelSelectors());
    for (int i = 0; i < orSelectors.size(); i++) {
      String field = "spec.orLabelSelectors[" + i + "]";
      if (orSelectors.get(i) == null) problems.add(LabelSelectors.nullItem(ref, field));
      LabelSelectors.check(ref, field, orSelectors.get(i), UNUSABLE_SELECTOR, problems);
    }
    Map<String, String> mapping = spec.namespaceMapping() == null ? Map.of() : spec.namespaceMapping();
    mapping.forEach((from, to) -> {
      String field = FieldPaths.entry("spec.namespaceMapping", from);
      if (to == null) {
        problems.add(Problem.error(ref, field, "has no target namespace; Velero would restore namespace '" + from
            + "' into a namespace without a name", "map '" + from + "' to the namespace to restore into, such as '"
            + from + "-restored', or remove the entry"));
        return;
      }
      for (String message : Names.checkDns1123Label(to)) {
        problems.add(Problem.error(ref, field, "target namespace '" + to + "' " + message,
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
    checkResourceModifier(ref, spec.resourceModifier(), context, problems);
    return problems;
  }

  /**
   * Velero reads a {@code resourceModifier} of kind ConfigMap (any case) from the Restore's namespace, and fails the
   * validation of the restore when it cannot get it ({@code loadResourceModifierConfigMap} of its restore
   * controller); it ignores other kinds.
   */
  private static void checkResourceModifier(ResourceRef ref, TypedLocalObjectReference modifier,
      SpecContext context, List<Problem> problems) {
    if (modifier == null || !"configmap".equalsIgnoreCase(modifier.getKind())) return;
    String name = nonEmpty(modifier.getName());
    if (name == null) return;
    References.requireConfigMap(context, ref, "spec.resourceModifier.name", ref.namespace().orElse("default"), name,
        "; Velero fails the validation of a restore whose resource modifiers it cannot read", problems);
  }

  private static String nonEmpty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
