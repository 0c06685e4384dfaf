package dev.shipshape.backup.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.backup.ExecHook;
import dev.shipshape.backup.PodBackupHooks;
import dev.shipshape.backup.WorkloadSelector;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Velero's pod annotations for backup hooks ("Backup Hooks" in Velero's documentation): for each of {@code pre}
 * and {@code post}, {@code <phase>.hook.backup.velero.io/container}, {@code …/command} (a JSON array),
 * {@code …/on-error} and {@code …/timeout}.
 */
public final class PodHookAnnotations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PodHookAnnotations() {}

  public static Map<String, String> of(Optional<ExecHook> pre, Optional<ExecHook> post) {
    Map<String, String> annotations = new LinkedHashMap<>();
    pre.ifPresent(h -> put(annotations, "pre", h));
    post.ifPresent(h -> put(annotations, "post", h));
    return annotations;
  }

  private static void put(Map<String, String> annotations, String phase, ExecHook hook) {
    String prefix = phase + ".hook.backup.velero.io/";
    hook.container().ifPresent(c -> annotations.put(prefix + "container", c));
    try {
      annotations.put(prefix + "command", JSON.writeValueAsString(hook.command()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a list of strings as JSON", e);
    }
    hook.onError().ifPresent(m -> annotations.put(prefix + "on-error", m.value()));
    hook.timeout().ifPresent(t -> annotations.put(prefix + "timeout", t));
  }

  /** A copy of {@code workload} whose pod template carries {@code annotations}; other kinds are copied as they are. */
  public static HasMetadata annotate(HasMetadata workload, Map<String, String> annotations) {
    HasMetadata copy = Workloads.typed(Manifests.copy(workload));
    Optional<PodTemplateSpec> template = Workloads.podTemplate(copy);
    if (template.isEmpty()) return copy;
    if (template.get().getMetadata() == null) template.get().setMetadata(new ObjectMeta());
    ObjectMeta meta = template.get().getMetadata();
    Map<String, String> merged = new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of()
        : meta.getAnnotations());
    merged.putAll(annotations);
    meta.setAnnotations(merged);
    return copy;
  }

  /**
   * The problems of {@code hooks}: its own workloads, and the workloads of the spec each selector takes (read
   * after amendment, so they already carry the annotations).
   */
  public static List<Problem> check(PodBackupHooks hooks, SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    if (hooks.pre().isEmpty() && hooks.post().isEmpty()) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(hooks.name())
          .message("has neither a pre nor a post hook").fix("set pre(...) or post(...)").build());
    }
    if (hooks.workloads().isEmpty() && hooks.selectors().isEmpty()) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(hooks.name())
          .message("has no workloads to annotate")
          .fix("select the spec's workloads with selecting(namespace, podLabels), or pass workloads").build());
    }
    for (HasMetadata workload : hooks.workloads()) {
      ResourceRef ref = ResourceRef.of(workload);
      Optional<PodWorkload> pods = PodWorkload.of(workload);
      if (pods.isEmpty()) {
        problems.add(Problem.error(ref, "kind", ref.kind() + " runs no pods, so it cannot carry pod hooks",
            "pass Deployments, StatefulSets, DaemonSets, Jobs, CronJobs or Pods"));
        continue;
      }
      checkHooks(hooks, pods.get(), problems);
    }
    for (int i = 0; i < hooks.selectors().size(); i++) {
      WorkloadSelector selector = hooks.selectors().get(i);
      List<PodWorkload> selected = PodWorkload.selectedBy(context, selector);
      selected.forEach(w -> checkHooks(hooks, w, problems));
      if (selected.isEmpty()) problems.add(selectsNothing(hooks, i, selector, context));
    }
    return problems;
  }

  /** A selector that takes no workload would leave the hooks silently unused. */
  private static Problem selectsNothing(PodBackupHooks hooks, int index, WorkloadSelector selector,
      SpecContext context) {
    List<PodWorkload> inNamespace = PodWorkload.all(context).stream()
        .filter(w -> w.namespace.equals(selector.namespace())).collect(Collectors.toList());
    String there = inNamespace.isEmpty() ? "the spec has no workloads in " + selector.namespace()
        : "workloads there: " + inNamespace.stream().map(w -> w.ref.kind() + " " + w.ref.qualifiedName()
            + " with pod labels " + w.podLabels).collect(Collectors.joining(", "));
    return Problem.builder().severity(ProblemSeverity.ERROR).component(hooks.name()).field("selectors[" + index + "]")
        .message("selects no workload of the spec: no workload in " + selector.namespace() + " has pod labels "
            + selector.podLabels() + "; " + there)
        .fix("fix the namespace or pod labels of selecting(...), or add the workload to the spec").build();
  }

  private static void checkHooks(PodBackupHooks hooks, PodWorkload pods, List<Problem> problems) {
    String podField = Workloads.podSpecPath(pods.ref.kind()).replaceFirst("spec$", "metadata.annotations");
    checkHook(pods.ref, podField, "pre", hooks.pre(), pods, problems);
    checkHook(pods.ref, podField, "post", hooks.post(), pods, problems);
  }

  private static void checkHook(ResourceRef ref, String field, String phase, Optional<ExecHook> hook,
      PodWorkload pods, List<Problem> problems) {
    if (hook.isEmpty()) return;
    String prefix = field + "." + phase + ".hook.backup.velero.io/";
    if (hook.get().command().isEmpty()) {
      problems.add(Problem.error(ref, prefix + "command", "is empty", "give the command to run, such as"
          + " [\"/bin/sh\", \"-c\", \"sync\"]"));
    }
    hook.get().timeout().ifPresent(t -> References.requireDuration(ref, prefix + "timeout", t, "30s", problems));
    hook.get().container().filter(c -> !pods.containers.contains(c)).ifPresent(c -> problems.add(
        Problem.error(ref, prefix + "container", "container '" + c + "' is not in " + ref.kind() + " "
            + ref.qualifiedName() + "; its containers are " + pods.containers,
            "use one of " + pods.containers)));
  }
}
