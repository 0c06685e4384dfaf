package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.BackupResourceHook;
import dev.shipshape.backup.model.BackupResourceHookSpec;
import dev.shipshape.backup.model.ExecHookSpec;
import dev.shipshape.core.LabelSelectorMatcher;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Checks the resource hooks of a backup template against the workloads of the spec. A hook runs in the pods that
 * the backup takes (its namespaces and label selectors) and that the hook selects (its own namespaces and label
 * selector); see "Backup Hooks" in Velero's documentation. The hook's selector must be one Velero can use
 * ({@link LabelSelectors}); a container it names must exist in each such pod; a hook that selects no pod at all is
 * an error, as it would silently never run.
 */
final class HookChecks {
  private HookChecks() {}

  /**
   * Checks each hook of {@code t}; the pods a hook selects only when Velero can use the template's own label
   * selectors ({@code selectorsUsable}) and the hook's.
   */
  static void check(Template t, SpecContext context, boolean selectorsUsable, List<Problem> problems) {
    if (t.hooks().isEmpty()) return;
    ResourceRef ref = t.ref;
    NamespaceSelection backupNamespaces = t.namespaces();
    // getResourceHooks (Velero's pkg/backup/backup.go) returns the error, and a backup whose run errs is Failed.
    String fails = "Velero fails " + (ref.kind().equals("Backup") ? "the backup" : "each backup of the schedule")
        + " before it backs up anything";
    for (int i = 0; i < t.hooks().size(); i++) {
      BackupResourceHookSpec hook = t.hooks().get(i);
      String field = t.prefix + ".hooks.resources[" + i + "]";
      List<String> included = Template.list(hook.includedNamespaces());
      List<String> excluded = Template.list(hook.excludedNamespaces());
      Filters.check(ref, field, "includedNamespaces", "excludedNamespaces", included, excluded, false, problems);
      Filters.check(ref, field, "includedResources", "excludedResources", hook.includedResources(),
          hook.excludedResources(), false, problems);
      References.requireNamespaces(context, ref, field + ".includedNamespaces", included, problems);
      boolean usable = LabelSelectors.check(ref, field + ".labelSelector", hook.labelSelector(), fails, problems)
          && selectorsUsable;
      NamespaceSelection hookNamespaces = NamespaceSelection.of(included, excluded);
      List<PodWorkload> inNamespaces = List.of();
      List<PodWorkload> hookSelects = List.of();
      List<PodWorkload> selected = List.of();
      if (usable) {
        inNamespaces = PodWorkload.coveredByBoth(context, backupNamespaces, hookNamespaces);
        LabelSelectorMatcher hookSelector = LabelSelectors.matcher(hook.labelSelector());
        hookSelects = inNamespaces.stream().filter(w -> hookSelector.matches(w.podLabels))
            .collect(Collectors.toList());
        Predicate<Map<String, String>> backedUp = backedUp(t);
        selected = hookSelects.stream().filter(w -> backedUp.test(w.podLabels)).collect(Collectors.toList());
      }
      List<BackupResourceHook> pre = Template.list(hook.pre());
      List<BackupResourceHook> post = Template.list(hook.post());
      checkExecs(ref, field + ".pre", pre, selected, problems);
      checkExecs(ref, field + ".post", post, selected, problems);
      if (usable && selected.isEmpty() && !(pre.isEmpty() && post.isEmpty())) {
        problems.add(runsInNoPod(t, field, Objects.toString(hook.name(), ""), hook, hookNamespaces, inNamespaces,
            hookSelects));
      }
    }
  }

  /**
   * The error of a hook that runs in no pod: either it selects none of the workloads in its namespaces, or the
   * backup's own label selectors leave out those it selects, as Velero runs a hook only as it backs up a pod.
   */
  private static Problem runsInNoPod(Template t, String field, String name, BackupResourceHookSpec hook,
      NamespaceSelection hookNamespaces, List<PodWorkload> inNamespaces, List<PodWorkload> hookSelects) {
    if (!hookSelects.isEmpty()) {
      String workloads = hookSelects.stream().map(w -> w.ref.kind() + " " + w.ref.qualifiedName()).distinct()
          .collect(Collectors.joining(", "));
      String selectors = t.prefix + (t.labelSelector().isPresent() ? ".labelSelector" : ".orLabelSelectors");
      String described = t.labelSelector().map(LabelSelectors::describe).orElseGet(() -> t.orLabelSelectors()
          .stream().map(LabelSelectors::describe).collect(Collectors.joining(" or ")));
      return Problem.error(t.ref, field, "hook '" + name + "' runs in no pod: it selects the pods of " + workloads
          + ", but the backup leaves them out by its " + selectors + " (" + described + "), and Velero runs a hook"
          + " only in the pods it backs up", "change " + selectors + " to take the pods the hook is for, or the"
          + " hook's labelSelector to select pods the backup takes");
    }
    String there = inNamespaces.isEmpty() ? "the spec has no workloads there"
        : "containers there: " + inNamespaces.stream().map(PodWorkload::describeContainers)
            .collect(Collectors.joining(", "));
    return Problem.error(t.ref, field, "hook '" + name + "' selects no pod of the spec: no workload in "
        + hookNamespaces.describe() + " (within the backup's " + t.namespaces().describe() + ") has pod labels "
        + LabelSelectors.describe(hook.labelSelector()) + "; " + there, "fix the hook's labelSelector or"
        + " includedNamespaces so that it selects the pods to run in");
  }

  /** Which pod labels the backup's own label selectors take; they are usable ones. */
  private static Predicate<Map<String, String>> backedUp(Template t) {
    if (t.labelSelector().isPresent()) return LabelSelectors.matcher(t.labelSelector().get())::matches;
    if (t.orLabelSelectors().isEmpty()) return labels -> true;
    List<LabelSelectorMatcher> any = t.orLabelSelectors().stream().map(LabelSelectors::matcher)
        .collect(Collectors.toList());
    return labels -> any.stream().anyMatch(s -> s.matches(labels));
  }

  private static void checkExecs(ResourceRef ref, String prefix, List<BackupResourceHook> hooks,
      List<PodWorkload> selected, List<Problem> problems) {
    for (int j = 0; j < hooks.size(); j++) {
      String field = prefix + "[" + j + "].exec";
      ExecHookSpec exec = hooks.get(j).exec();
      requireCommand(ref, field + ".command", exec == null ? null : exec.command(), problems);
      if (exec == null) continue;
      if (exec.timeout() != null) References.requireDuration(ref, field + ".timeout", exec.timeout(), "30s", problems);
      if (exec.container() == null || exec.container().isEmpty()) continue;
      String container = exec.container();
      for (PodWorkload w : selected) {
        if (w.containers.contains(container)) continue;
        problems.add(Problem.error(ref, field + ".container", "container '" + container + "' is not in "
            + w.ref.kind() + " " + w.ref.qualifiedName() + ", which the hook selects; its containers are "
            + w.containers, "use one of " + w.containers + ", or narrow the hook's labelSelector"));
      }
    }
  }

  /** A hook's command (at {@code field}) must name something to run. */
  static void requireCommand(ResourceRef ref, String field, List<String> command, List<Problem> problems) {
    if (!Template.list(command).isEmpty()) return;
    problems.add(Problem.error(ref, field, "is empty", "give the command to run, such as"
        + " [\"/bin/sh\", \"-c\", \"sync\"]"));
  }
}
