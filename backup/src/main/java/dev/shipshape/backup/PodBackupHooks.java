package dev.shipshape.backup;

import dev.shipshape.backup.internal.PodHookAnnotations;
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
 * Backup hooks declared on the pods themselves: the workloads given here are compiled as copies whose pod
 * templates carry Velero's {@code pre.hook.backup.velero.io/*} and {@code post.hook.backup.velero.io/*}
 * annotations, so every backup that takes these pods runs the hooks, whatever schedule made it.
 *
 * <p>Add the workloads to this component <em>instead of</em> to the spec: the component produces them. Adding
 * the original too makes the planner report the same object with two different contents.
 *
 * <pre>{@code
 * PodBackupHooks.builder().name("db-hooks").workload(postgresStatefulSet)
 *     .pre(ExecHook.in("postgres", "/bin/sh", "-c", "psql -c CHECKPOINT").build())
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class PodBackupHooks implements Component {

  @Override
  public abstract String name();

  /** The workloads to annotate: Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods, … */
  public abstract List<HasMetadata> workloads();

  /** The hook run before each pod is backed up. */
  public abstract Optional<ExecHook> pre();

  /** The hook run after each pod is backed up. */
  public abstract Optional<ExecHook> post();

  public static Builder builder() {
    return new Builder();
  }

  /** The annotations put on each pod template, such as {@code pre.hook.backup.velero.io/command}. */
  public Map<String, String> annotations() {
    return PodHookAnnotations.of(pre(), post());
  }

  /** Fresh annotated copies of the workloads, in the order given. */
  @Override
  public List<HasMetadata> compile(CompileContext context) {
    Map<String, String> annotations = annotations();
    return workloads().stream().map(w -> PodHookAnnotations.annotate(w, annotations)).collect(Collectors.toList());
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return PodHookAnnotations.check(this);
  }

  /** Builds {@link PodBackupHooks}. */
  public static final class Builder extends ImmutablePodBackupHooks.Builder {

    /** Adds deep copies of these workloads, so later changes to them do not reach the spec. */
    public Builder workload(HasMetadata... workloads) {
      for (HasMetadata w : workloads) addWorkloads(Manifests.copy(w));
      return this;
    }
  }
}
