package dev.shipshape.backup;

import dev.shipshape.backup.internal.PodHookAnnotations;
import dev.shipshape.core.Amendment;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * Backup hooks declared on the pods themselves: Velero's {@code pre.hook.backup.velero.io/*} and
 * {@code post.hook.backup.velero.io/*} annotations on pod templates, so every backup that takes these pods runs the
 * hooks, whatever schedule made it.
 *
 * <p>Two ways to choose the pods, which can be combined:
 * <ul>
 *   <li>{@link Builder#selecting}: workloads the spec already has (raw resources or other components' output),
 *       chosen by namespace and pod labels. Their pod templates are amended ({@link Component#amendments()});
 *       a hook annotation they already carry with another value is an error, as is a selector that matches no
 *       workload of the spec.
 *   <li>{@link Builder#workload}: workloads given here, which the component produces as annotated copies. Add them
 *       to this component <em>instead of</em> to the spec: adding the original too makes the planner report the
 *       same object with two different contents.
 * </ul>
 * Either way, a container a hook names must exist in each workload.
 *
 * <pre>{@code
 * PodBackupHooks.builder().name("db-hooks")
 *     .selecting("t1", Map.of("app", "postgres"))
 *     .pre(ExecHook.in("postgres", "/bin/sh", "-c", "psql -c CHECKPOINT").build())
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class PodBackupHooks implements Component {

  @Override
  public abstract String name();

  /** The workloads given as they are, as the builder stored them (copies); read through {@link #workloads()}. */
  abstract List<HasMetadata> workloadObjects();

  /**
   * Deep copies of the workloads to annotate (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods, …), so
   * that changing them does not change the component.
   */
  public List<HasMetadata> workloads() {
    return workloadObjects().stream().map(Manifests::copy).collect(Collectors.toUnmodifiableList());
  }

  /** The workloads of the spec whose pod templates get the annotations, see {@link Builder#selecting}. */
  public abstract List<WorkloadSelector> selectors();

  /** The hook run before each pod is backed up. */
  public abstract Optional<ExecHook> pre();

  /** The hook run after each pod is backed up. */
  public abstract Optional<ExecHook> post();

  public static Builder builder() {
    return ImmutablePodBackupHooks.builder();
  }

  /** The annotations put on each pod template, such as {@code pre.hook.backup.velero.io/command}. */
  public Map<String, String> annotations() {
    return PodHookAnnotations.of(pre(), post());
  }

  /** Fresh annotated copies of the workloads, in the order given. */
  @Override
  public List<HasMetadata> compile(CompileContext context) {
    Map<String, String> annotations = annotations();
    return workloadObjects().stream().map(w -> PodHookAnnotations.annotate(w, annotations))
        .collect(Collectors.toList());
  }

  /** One amendment per selector, adding {@link #annotations()} to the pod templates it selects. */
  @Override
  public List<Amendment> amendments() {
    Map<String, String> annotations = annotations();
    return selectors().stream()
        .map(s -> Amendment.builder().description("backup hooks '" + name() + "' on " + s).target(s.predicate())
            .putAllPodTemplateAnnotations(annotations).build())
        .collect(Collectors.toList());
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return PodHookAnnotations.check(this, context);
  }

  /** Builds {@link PodBackupHooks}. */
  public sealed interface Builder permits ImmutablePodBackupHooks.Builder {
    /** Starts from every attribute of {@code hooks}. */
    Builder from(PodBackupHooks hooks);

    Builder name(String name);

    /** Adds deep copies of these workloads, so later changes to them do not reach the spec. */
    default Builder workload(HasMetadata... workloads) {
      for (HasMetadata w : workloads) ((ImmutablePodBackupHooks.Builder) this).addWorkloadObjects(Manifests.copy(w));
      return this;
    }

    /**
     * Annotates the workloads of the spec in {@code namespace} whose pod templates carry every label of
     * {@code podLabels} (an empty map: every workload of the namespace).
     */
    default Builder selecting(String namespace, Map<String, String> podLabels) {
      return ((ImmutablePodBackupHooks.Builder) this).addSelectors(WorkloadSelector.of(namespace, podLabels));
    }

    Builder pre(ExecHook pre);

    Builder post(ExecHook post);

    PodBackupHooks build();
  }
}
