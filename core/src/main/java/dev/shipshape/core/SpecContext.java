package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole compiled spec, as seen by {@link Component#validate}: every object any component or raw resource
 * produced, after duplicates merged and common labels were stamped. Objects returned are the planner's own:
 * read them, never change them.
 */
public interface SpecContext {

  /** The target Kubernetes version. */
  KubernetesVersion kubernetesVersion();

  /** Where the cluster runs, when the spec declares it ({@code ClusterSpec#clusterProfile()}). By default, empty. */
  default Optional<dev.shipshape.core.cluster.ClusterProfile> clusterProfile() {
    return Optional.empty();
  }

  /** Every compiled object, in spec order. */
  List<HasMetadata> resources();

  /** The compiled objects of one typed fabric8 model class, such as {@code Deployment.class}. */
  <T extends HasMetadata> List<T> resources(Class<T> type);

  /** The compiled objects of one kind (and API group; empty for the core group). */
  List<HasMetadata> resources(String group, String kind);

  /** The compiled object with this identity. */
  Optional<HasMetadata> find(ResourceRef ref);

  /** True when the spec creates this namespace, or declares it pre-existing. */
  boolean namespaceExists(String namespace);

  /** True when the spec creates this namespace. */
  boolean namespaceInSpec(String namespace);

  /** True when the spec declares this object as already present on the target cluster. */
  boolean isPreExisting(ResourceRef ref);

  /** The name of the component that produced this object ({@code resources} for raw resources). */
  Optional<String> producerOf(ResourceRef ref);

  /**
   * A value computed once per planned spec and shared by the validation of every component, such as an index of
   * every object of a kind. Checks that compare one component's objects with all others build such an index
   * rather than scanning the whole spec per component, which would make planning quadratic.
   *
   * <p>{@code compute} runs at most once per key (keys are compared with {@code equals} and must not be null: use
   * a constant of the check's own), also when checks run at the same time: a second caller waits for the first
   * one's value (or its exception); it must not ask for the same key, directly or through another key's
   * computation (asked for on the same thread, that fails with {@code IllegalStateException}). The value must not
   * be changed after it is returned.
   */
  <T> T shared(Object key, Function<SpecContext, T> compute);
}
