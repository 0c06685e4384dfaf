package dev.shipshape.backup.internal;

import dev.shipshape.backup.BackupHook;
import dev.shipshape.backup.BackupTemplate;
import dev.shipshape.backup.ExecHook;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the resource hooks of a backup template against the workloads of the spec. A hook runs in the pods that
 * the backup takes (its namespaces and label selectors) and that the hook selects (its own namespaces and label
 * selector); see "Backup Hooks" in Velero's documentation. A container it names must exist in each such pod;
 * a hook that selects no pod at all is an error, as it would silently never run.
 */
final class HookChecks {
  private HookChecks() {}

  static void check(BackupTemplate t, ResourceRef ref, String prefix, SpecContext context, List<Problem> problems) {
    if (t.hooks().isEmpty()) return;
    NamespaceSelection backupNamespaces = NamespaceSelection.of(t.includedNamespaces(), t.excludedNamespaces());
    for (int i = 0; i < t.hooks().size(); i++) {
      BackupHook hook = t.hooks().get(i);
      String field = prefix + "[" + i + "]";
      Filters.check(ref, field, "includedNamespaces", "excludedNamespaces", hook.includedNamespaces(),
          hook.excludedNamespaces(), false, problems);
      Filters.check(ref, field, "includedResources", "excludedResources", hook.includedResources(),
          hook.excludedResources(), false, problems);
      References.requireNamespaces(context, ref, field + ".includedNamespaces", hook.includedNamespaces(), problems);
      NamespaceSelection hookNamespaces = NamespaceSelection.of(hook.includedNamespaces(), hook.excludedNamespaces());
      List<PodWorkload> inNamespaces = PodWorkload.coveredByBoth(context, backupNamespaces, hookNamespaces);
      List<PodWorkload> selected = inNamespaces.stream()
          .filter(w -> backedUp(t, w) && w.matches(hook.labelSelector()))
          .collect(Collectors.toList());
      checkExecs(ref, field + ".pre", hook.pre(), selected, problems);
      checkExecs(ref, field + ".post", hook.post(), selected, problems);
      if (selected.isEmpty() && !(hook.pre().isEmpty() && hook.post().isEmpty())) {
        String there = inNamespaces.isEmpty() ? "the spec has no workloads there"
            : "containers there: " + inNamespaces.stream().map(PodWorkload::describeContainers)
                .collect(Collectors.joining(", "));
        problems.add(Problem.error(ref, field, "hook '" + hook.name() + "' selects no pod of the spec: no workload"
            + " in " + hookNamespaces.describe() + " (within the backup's " + backupNamespaces.describe()
            + ") has pod labels " + hook.labelSelector() + "; " + there,
            "fix the hook's labelSelector or includedNamespaces so that it selects the pods to run in"));
      }
    }
  }

  /** Whether the backup's own label selectors take the pod. */
  private static boolean backedUp(BackupTemplate t, PodWorkload w) {
    if (!t.labelSelector().isEmpty()) return w.matches(t.labelSelector());
    if (!t.orLabelSelectors().isEmpty()) return t.orLabelSelectors().stream().anyMatch(w::matches);
    return true;
  }

  private static void checkExecs(ResourceRef ref, String prefix, List<ExecHook> execs, List<PodWorkload> selected,
      List<Problem> problems) {
    for (int j = 0; j < execs.size(); j++) {
      ExecHook exec = execs.get(j);
      String field = prefix + "[" + j + "].exec";
      if (exec.command().isEmpty()) {
        problems.add(Problem.error(ref, field + ".command", "is empty", "give the command to run, such as"
            + " [\"/bin/sh\", \"-c\", \"sync\"]"));
      }
      exec.timeout().ifPresent(timeout -> References.requireDuration(ref, field + ".timeout", timeout, "30s",
          problems));
      if (exec.container().isEmpty()) continue;
      String container = exec.container().get();
      for (PodWorkload w : selected) {
        if (w.containers.contains(container)) continue;
        problems.add(Problem.error(ref, field + ".container", "container '" + container + "' is not in "
            + w.ref.kind() + " " + w.ref.qualifiedName() + ", which the hook selects; its containers are "
            + w.containers, "use one of " + w.containers + ", or narrow the hook's labelSelector"));
      }
    }
  }
}
