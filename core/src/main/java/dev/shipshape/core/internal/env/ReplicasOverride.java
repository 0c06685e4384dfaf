package dev.shipshape.core.internal.env;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;
import java.util.Optional;
import java.util.Set;

/** {@code spec.replicas} of one workload, or of every workload that has replicas. */
public record ReplicasOverride(Optional<ResourceRef> workload, int replicas) implements EnvironmentOverride {
  /** The kinds with {@code spec.replicas}, as {@code Kind.group}. */
  static final Set<String> SCALABLE = Set.of("Deployment.apps", "StatefulSet.apps", "ReplicaSet.apps",
      "ReplicationController");

  public ReplicasOverride {
    if (replicas < 0) throw new IllegalArgumentException("replicas " + replicas + " is negative — use 0 or more");
    workload.ifPresent(ref -> {
      if (!SCALABLE.contains(ref.groupKind())) {
        throw new IllegalArgumentException(ref + " has no spec.replicas — name a Deployment, StatefulSet, "
            + "ReplicaSet or ReplicationController");
      }
    });
  }

  @Override
  public String description() {
    return "replicas of " + workload.map(ResourceRef::toString).orElse("every workload") + ": " + replicas;
  }

  @Override
  public Optional<ResourceRef> onlyObject() {
    return workload;
  }

  @Override
  public boolean apply(OverriddenObject object) {
    boolean concerned = workload.map(object.ref()::equals).orElse(SCALABLE.contains(object.ref().groupKind()));
    if (concerned) object.tree().with("spec").put("replicas", replicas);
    return concerned;
  }
}
