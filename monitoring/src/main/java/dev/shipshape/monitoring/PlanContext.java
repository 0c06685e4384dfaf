package dev.shipshape.monitoring;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The compiled spec as a {@link SpecContext}, read from a plan of it (objects in spec order are not needed). */
final class PlanContext implements SpecContext {
  private final ClusterSpec spec;
  private final Plan plan;
  private final Map<Object, Object> shared = new HashMap<>();

  private PlanContext(ClusterSpec spec, Plan plan) {
    this.spec = spec;
    this.plan = plan;
  }

  /** The context of {@code plan}, a plan of {@code spec}. */
  static PlanContext of(ClusterSpec spec, Plan plan) {
    return new PlanContext(spec, plan);
  }

  @Override
  public KubernetesVersion kubernetesVersion() {
    return plan.kubernetesVersion();
  }

  @Override
  public List<HasMetadata> resources() {
    return plan.resources().stream().map(PlannedResource::object).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public <T extends HasMetadata> List<T> resources(Class<T> type) {
    return resources().stream().filter(type::isInstance).map(type::cast).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public List<HasMetadata> resources(String group, String kind) {
    return plan.resources().stream()
        .filter(r -> r.ref().group().equals(group) && r.ref().kind().equals(kind))
        .map(PlannedResource::object)
        .collect(Collectors.toUnmodifiableList());
  }

  /** Computed once per context; a computation may ask for other keys (the lock is reentrant). */
  @Override
  @SuppressWarnings("unchecked")
  public synchronized <T> T shared(Object key, Function<SpecContext, T> compute) {
    if (!shared.containsKey(key)) shared.put(key, compute.apply(this));
    return (T) shared.get(key);
  }

  @Override
  public Optional<HasMetadata> find(ResourceRef ref) {
    return plan.find(ref).map(PlannedResource::object);
  }

  @Override
  public boolean namespaceExists(String namespace) {
    return namespaceInSpec(namespace) || spec.preExistingNamespaces().contains(namespace)
        || ClusterSpec.SYSTEM_NAMESPACES.contains(namespace);
  }

  @Override
  public boolean namespaceInSpec(String namespace) {
    return plan.find(ResourceRef.core("Namespace", null, namespace)).isPresent();
  }

  @Override
  public boolean isPreExisting(ResourceRef ref) {
    return spec.preExisting().contains(ref);
  }

  @Override
  public Optional<String> producerOf(ResourceRef ref) {
    return plan.find(ref).map(PlannedResource::component);
  }
}
