package dev.shipshape.core.env;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.internal.env.IngressHostOverride;
import dev.shipshape.core.internal.env.ReplicasOverride;
import dev.shipshape.core.internal.env.ResourcesOverride;
import dev.shipshape.core.internal.env.StorageClassOverride;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Optional;

/**
 * The overrides core applies to any workload, whichever component (or raw YAML) produced it. Each one concerns
 * the objects it names; one that concerns no object of the spec is a plan error, so a misspelt name is caught.
 *
 * <pre>{@code
 * Overrides.replicas(1)                                                  // every Deployment, StatefulSet, ...
 * Overrides.replicas(ResourceRef.namespaced("apps", "Deployment", "shop", "web"), 2)
 * Overrides.resources(web, "web", new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("50m")).build())
 * Overrides.storageClass("csi-cinder-high-speed", "standard")            // claims and claim templates
 * Overrides.ingressHost("shop.example.com", "shop.localtest.me")
 * }</pre>
 *
 * <p>Each factory throws {@link IllegalArgumentException} when its arguments cannot make sense (negative replicas, a
 * kind that has no replicas or runs no pods), with the fix.
 */
public final class Overrides {
  private Overrides() {}

  /** {@code spec.replicas} of every Deployment, StatefulSet, ReplicaSet and ReplicationController. */
  public static EnvironmentOverride replicas(int replicas) {
    return new ReplicasOverride(Optional.empty(), replicas);
  }

  /** {@code spec.replicas} of one Deployment, StatefulSet, ReplicaSet or ReplicationController. */
  public static EnvironmentOverride replicas(ResourceRef workload, int replicas) {
    return new ReplicasOverride(Optional.of(workload), replicas);
  }

  /**
   * The resources (requests and limits) of one container (or init container) of a workload, replacing the
   * spec's as a whole; a container the workload does not have is a plan error listing the ones it has.
   */
  public static EnvironmentOverride resources(ResourceRef workload, String container,
      ResourceRequirements resources) {
    return new ResourcesOverride(workload, container, resources);
  }

  /**
   * {@code storageClassName} {@code to} for every PersistentVolumeClaim, and every StatefulSet claim template,
   * of class {@code from}. Claims without a class (the cluster's default) keep none.
   */
  public static EnvironmentOverride storageClass(String from, String to) {
    return new StorageClassOverride(Optional.empty(), Optional.of(from), to);
  }

  /** {@code storageClassName} of one PersistentVolumeClaim. */
  public static EnvironmentOverride storageClass(ResourceRef claim, String to) {
    return new StorageClassOverride(Optional.of(claim), Optional.empty(), to);
  }

  /** Host {@code from} replaced by {@code to} in every Ingress, in its rules and its TLS hosts. */
  public static EnvironmentOverride ingressHost(String from, String to) {
    return new IngressHostOverride(from, to);
  }
}
