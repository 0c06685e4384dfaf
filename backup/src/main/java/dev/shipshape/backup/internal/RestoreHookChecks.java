package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.InitRestoreHook;
import dev.shipshape.backup.model.RestoreExecHook;
import dev.shipshape.backup.model.RestoreHooks;
import dev.shipshape.backup.model.RestoreResourceHook;
import dev.shipshape.backup.model.RestoreResourceHookSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a Restore's {@code spec.hooks}: each entry needs the name Velero's CRD requires and a label selector Velero
 * can use (its {@code hook.GetRestoreHooksFromSpec} fails the validation of the restore otherwise); an exec hook
 * needs a command, an {@code onError} that Velero's CRD takes and Go durations as timeouts; an init hook's
 * containers must read as containers and have a name, an image and a command, as Velero's
 * {@code ValidateContainer} ({@code internal/hook}) requires when it validates the restore. The pods a hook runs in
 * are the restored ones, not the spec's, so containers are not looked up in the spec's workloads.
 */
final class RestoreHookChecks {
  /** The values of {@code onError} in Velero's Restore CRD. */
  private static final Set<String> ON_ERROR = Set.of("Continue", "Fail");
  private static final String INVALID = "Velero fails the validation of such a restore";

  private RestoreHookChecks() {}

  static void check(ResourceRef ref, RestoreHooks hooks, List<Problem> problems) {
    List<RestoreResourceHookSpec> resources = hooks == null ? List.of() : Template.list(hooks.resources());
    for (int i = 0; i < resources.size(); i++) {
      RestoreResourceHookSpec resource = resources.get(i);
      String at = "spec.hooks.resources[" + i + "]";
      checkName(ref, at + ".name", resource.name(), problems);
      LabelSelectors.check(ref, at + ".labelSelector", resource.labelSelector(), INVALID, problems);
      List<RestoreResourceHook> post = Template.list(resource.postHooks());
      for (int j = 0; j < post.size(); j++) {
        String field = at + ".postHooks[" + j + "]";
        if (post.get(j).exec() != null) checkExec(ref, field + ".exec", post.get(j).exec(), problems);
        if (post.get(j).init() != null) checkInit(ref, field + ".init", post.get(j).init(), problems);
      }
    }
  }

  /**
   * Velero's Restore CRD lists {@code name} as required, so the API server refuses an entry without it
   * ({@code Required value}); an empty name passes the server and Velero, but leaves the hook unnamed in Velero's
   * logs and in {@code velero restore describe}.
   */
  private static void checkName(ResourceRef ref, String field, String name, List<Problem> problems) {
    if (name == null) {
      problems.add(Problem.error(ref, field, "is missing; Velero's Restore CRD requires it, so the API server refuses"
          + " the Restore", "name the entry after what its hooks do, such as 'warm-cache'"));
    } else if (name.isEmpty()) {
      problems.add(Problem.warning(ref, field, "is empty, which leaves the hooks unnamed in Velero's logs and in"
          + " 'velero restore describe'", "name the entry after what its hooks do, such as 'warm-cache'"));
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
    List<Map<String, Object>> containers = Template.list(init.initContainers());
    for (int k = 0; k < containers.size(); k++) {
      checkContainer(ref, field + ".initContainers[" + k + "]", containers.get(k), problems);
    }
    if (init.timeout() != null) References.requireDuration(ref, field + ".timeout", init.timeout(), "5m", problems);
  }

  /** One init container, read on its own as Velero reads it: the CRD keeps whatever object was written. */
  private static void checkContainer(ResourceRef ref, String field, Map<String, Object> written,
      List<Problem> problems) {
    Container c;
    try {
      c = Manifests.convert(written == null ? Map.of() : written, Container.class);
    } catch (IllegalArgumentException e) {
      String part = Typed.path(e).map(p -> "its field " + p).orElse("it");
      problems.add(Problem.error(ref, field, "is not a container: " + part + " does not have the type a Kubernetes"
          + " container gives it; Velero cannot read the container and fails the validation of the restore",
          "write the container as a pod's containers are written ('kubectl explain pod.spec.initContainers' shows"
              + " each field's type)"));
      return;
    }
    List<String> missing = new ArrayList<>();
    if (c.getName() == null || c.getName().isEmpty()) missing.add("name");
    if (c.getImage() == null || c.getImage().isEmpty()) missing.add("image");
    if (c.getCommand() == null || c.getCommand().isEmpty()) missing.add("command");
    if (missing.isEmpty()) return;
    problems.add(Problem.error(ref, field, "has no " + String.join(", ", missing) + "; Velero fails the validation"
        + " of a restore whose init hook container lacks a name, an image or a command",
        "give the container " + String.join(", ", missing)));
  }
}
