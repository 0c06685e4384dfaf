package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.InitRestoreHook;
import dev.shipshape.backup.model.RestoreExecHook;
import dev.shipshape.backup.model.RestoreHooks;
import dev.shipshape.backup.model.RestoreResourceHook;
import dev.shipshape.backup.model.RestoreResourceHookSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a Restore's {@code spec.hooks}: an exec hook needs a command, an {@code onError} that Velero's CRD
 * takes and Go durations as timeouts; an init hook's containers need a name, an image and a command, as Velero's
 * {@code ValidateContainer} ({@code internal/hook}) requires when it validates the restore. The pods a hook runs in
 * are the restored ones, not the spec's, so containers are not looked up in the spec's workloads.
 */
final class RestoreHookChecks {
  /** The values of {@code onError} in Velero's Restore CRD. */
  private static final Set<String> ON_ERROR = Set.of("Continue", "Fail");

  private RestoreHookChecks() {}

  static void check(ResourceRef ref, RestoreHooks hooks, List<Problem> problems) {
    List<RestoreResourceHookSpec> resources = hooks == null ? List.of() : Template.list(hooks.resources());
    for (int i = 0; i < resources.size(); i++) {
      List<RestoreResourceHook> post = Template.list(resources.get(i).postHooks());
      for (int j = 0; j < post.size(); j++) {
        String field = "spec.hooks.resources[" + i + "].postHooks[" + j + "]";
        if (post.get(j).exec() != null) checkExec(ref, field + ".exec", post.get(j).exec(), problems);
        if (post.get(j).init() != null) checkInit(ref, field + ".init", post.get(j).init(), problems);
      }
    }
  }

  private static void checkExec(ResourceRef ref, String field, RestoreExecHook exec, List<Problem> problems) {
    HookChecks.requireCommand(ref, field + ".command", exec.command(), problems);
    if (exec.onError() != null && !ON_ERROR.contains(exec.onError())) {
      problems.add(Problem.error(ref, field + ".onError", "'" + exec.onError() + "' is neither 'Continue' nor"
          + " 'Fail'; the API server refuses the Restore under Velero's CRD", "write Continue or Fail"));
    }
    if (exec.execTimeout() != null) {
      References.requireDuration(ref, field + ".execTimeout", exec.execTimeout(), "30s", problems);
    }
    if (exec.waitTimeout() != null) {
      References.requireDuration(ref, field + ".waitTimeout", exec.waitTimeout(), "5m", problems);
    }
  }

  private static void checkInit(ResourceRef ref, String field, InitRestoreHook init, List<Problem> problems) {
    List<Container> containers = Template.list(init.initContainers());
    for (int k = 0; k < containers.size(); k++) {
      Container c = containers.get(k);
      List<String> missing = new ArrayList<>();
      if (c.getName() == null || c.getName().isEmpty()) missing.add("name");
      if (c.getImage() == null || c.getImage().isEmpty()) missing.add("image");
      if (c.getCommand() == null || c.getCommand().isEmpty()) missing.add("command");
      if (missing.isEmpty()) continue;
      problems.add(Problem.error(ref, field + ".initContainers[" + k + "]", "has no " + String.join(", ", missing)
          + "; Velero fails the validation of a restore whose init hook container lacks a name, an image or a"
          + " command", "give the container " + String.join(", ", missing)));
    }
    if (init.timeout() != null) References.requireDuration(ref, field + ".timeout", init.timeout(), "5m", problems);
  }
}
