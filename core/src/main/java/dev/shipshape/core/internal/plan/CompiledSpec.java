package dev.shipshape.core.internal.plan;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.DefinedKind;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The compiled objects of a spec with the indexes that checks and components look things up in. */
final class CompiledSpec implements SpecContext {
  final ClusterSpec spec;
  final List<CompiledObject> objects;
  final Map<ResourceRef, CompiledObject> byRef = new LinkedHashMap<>();
  private final Map<String, List<HasMetadata>> byGroupKind = new HashMap<>();
  private final Set<String> namespacesInSpec = new HashSet<>();
  /** Scope of custom resources whose CRD is in the spec, by {@code Kind.group}: true when namespaced. */
  final Map<String, Boolean> crdNamespaced = new HashMap<>();
  /** Index of CRDs in the spec by the {@code Kind.group} they define. */
  final Map<String, ResourceRef> crdByGroupKind = new HashMap<>();
  /** The {@code Kind.group}s already warned about for a missing CRD, to warn once per kind. */
  final Set<String> missingCrdWarned = ConcurrentHashMap.newKeySet();
  /** The smallest reference of each {@code Kind.group}: the object a per-kind warning names, whatever the order. */
  final Map<String, ResourceRef> smallestOfKind = new HashMap<>();
  /** Kinds ({@code Kind.group}) whose CRD a component declares required: ComponentRules warns about those by name. */
  final Set<String> requiredCrdKinds = new HashSet<>();
  static final String CRD_GROUP_KIND = "CustomResourceDefinition.apiextensions.k8s.io";

  private final List<HasMetadata> all;
  private final Map<Class<?>, List<?>> byClass = new HashMap<>();
  /** Values computed once per key: the task is there before it runs, so that a second caller waits for it. */
  private final ConcurrentHashMap<Object, SharedValue> shared = new ConcurrentHashMap<>();

  CompiledSpec(ClusterSpec spec, List<CompiledObject> objects) {
    this.spec = spec;
    this.objects = objects;
    this.all = objects.stream().map(o -> o.object).collect(Collectors.toUnmodifiableList());
    spec.components().forEach(c -> c.requiredCrds().forEach(crd -> requiredCrdKinds.add(crd.groupKind())));
    for (CompiledObject o : objects) {
      byRef.put(o.ref, o);
      smallestOfKind.merge(o.ref.groupKind(), o.ref, (a, b) -> a.compareTo(b) <= 0 ? a : b);
      byGroupKind.computeIfAbsent(o.ref.groupKind(), k -> new ArrayList<>()).add(o.object);
      if (o.ref.groupKind().equals("Namespace")) namespacesInSpec.add(o.ref.name());
      if (o.ref.groupKind().equals(CRD_GROUP_KIND)) indexCrd(o);
    }
  }

  private void indexCrd(CompiledObject crd) {
    DefinedKind.of(crd.object).ifPresent(defined -> {
      crdNamespaced.put(defined.groupKind(), defined.namespaced());
      crdByGroupKind.put(defined.groupKind(), crd.ref);
    });
  }

  @Override
  public KubernetesVersion kubernetesVersion() {
    return spec.kubernetesVersion();
  }

  @Override
  public java.util.Optional<dev.shipshape.core.cluster.ClusterProfile> clusterProfile() {
    return spec.clusterProfile();
  }

  @Override
  public List<HasMetadata> resources() {
    return all;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <T extends HasMetadata> List<T> resources(Class<T> type) {
    return (List<T>) byClass.computeIfAbsent(type, t -> all.stream().filter(type::isInstance).map(type::cast)
        .collect(Collectors.toUnmodifiableList()));
  }

  @Override
  public List<HasMetadata> resources(String group, String kind) {
    return Collections.unmodifiableList(byGroupKind.getOrDefault(group.isEmpty() ? kind : kind + "." + group,
        List.of()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T shared(Object key, Function<SpecContext, T> compute) {
    Objects.requireNonNull(key, "key == null");
    SharedValue earlier = shared.get(key);
    if (earlier == null) {
      SharedValue task = new SharedValue(() -> compute.apply(this));
      earlier = shared.putIfAbsent(key, task);
      if (earlier == null) {
        task.run();
        earlier = task;
      }
    }
    if (earlier.computedBy == Thread.currentThread() && !earlier.isDone()) {
      // Waiting here would wait for ever.
      throw new IllegalStateException("the shared value " + key + " was asked for while it was being computed");
    }
    try {
      return (T) earlier.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) throw runtime;
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while another check computed a shared value", e);
    }
  }

  /** A value being computed or computed, and the thread that computes it. */
  private static final class SharedValue extends FutureTask<Object> {
    private volatile Thread computedBy;

    SharedValue(Callable<Object> compute) {
      super(compute);
    }

    @Override
    public void run() {
      computedBy = Thread.currentThread();
      super.run();
    }
  }

  @Override
  public Optional<HasMetadata> find(ResourceRef ref) {
    return Optional.ofNullable(byRef.get(ref)).map(o -> o.object);
  }

  @Override
  public boolean namespaceExists(String namespace) {
    return namespacesInSpec.contains(namespace) || isPreExistingNamespace(namespace);
  }

  @Override
  public boolean namespaceInSpec(String namespace) {
    return namespacesInSpec.contains(namespace);
  }

  boolean isPreExistingNamespace(String namespace) {
    return ClusterSpec.SYSTEM_NAMESPACES.contains(namespace) || spec.preExistingNamespaces().contains(namespace);
  }

  /**
   * True when a CRD declared pre-existing defines this {@code Kind.group}: its name is {@code <plural>.<group>}
   * and the plural starts with the lower-case kind (without a final y, for {@code policies}).
   */
  boolean isCrdPreExisting(String kind, String group) {
    String lower = kind.toLowerCase(java.util.Locale.ROOT);
    String stem = lower.endsWith("y") ? lower.substring(0, lower.length() - 1) : lower;
    return spec.preExisting().stream().anyMatch(r -> r.groupKind().equals(CRD_GROUP_KIND)
        && r.name().endsWith("." + group) && r.name().startsWith(stem));
  }

  @Override
  public boolean isPreExisting(ResourceRef ref) {
    return spec.preExisting().contains(ref);
  }

  @Override
  public Optional<String> producerOf(ResourceRef ref) {
    return Optional.ofNullable(byRef.get(ref)).map(o -> o.component);
  }
}
