package dev.shipshape.core.internal.apply;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Reads the live state of planned objects with one list call per kind and namespace, in parallel; a namespaced
 * kind whose objects are spread over several namespaces with one list across all namespaces instead (falling back
 * to one per namespace where that is forbidden). Never one call per object, unless listing is forbidden, when it
 * falls back to reading each object by name.
 */
final class LiveStateReader {
  /** From this many namespaces on, one list across all namespaces replaces one list per namespace. */
  static final int NAMESPACES_FOR_ONE_LIST = 3;

  private final ResourceAccess access;
  private final ExecutorService pool;

  LiveStateReader(ResourceAccess access, ExecutorService pool) {
    this.access = access;
    this.pool = pool;
  }

  /** The live objects that exist, by reference. */
  Map<ResourceRef, GenericKubernetesResource> read(List<PlannedResource> resources) {
    return read(resources, r -> { });
  }

  /**
   * The live objects that exist, by reference; {@code absent} hears of each planned object that does not exist as
   * soon as the list of its kind (and namespace) shows it, from the reading threads, before the whole read ends.
   */
  Map<ResourceRef, GenericKubernetesResource> read(List<PlannedResource> resources,
      Consumer<PlannedResource> absent) {
    Map<String, Map<String, List<PlannedResource>>> byKind = new LinkedHashMap<>();
    for (PlannedResource r : resources) {
      byKind.computeIfAbsent(r.apiVersion() + "|" + r.ref().kind(), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.ref().namespace().orElse(""), k -> new ArrayList<>()).add(r);
    }
    Map<ResourceRef, GenericKubernetesResource> live = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (Map<String, List<PlannedResource>> byNamespace : byKind.values()) {
      if (byNamespace.size() >= NAMESPACES_FOR_ONE_LIST) {
        reads.add(CompletableFuture.runAsync(() -> {
          readAcrossNamespaces(byNamespace, live);
          byNamespace.values().forEach(group -> tellAbsent(group, live, absent));
        }, pool));
        continue;
      }
      for (List<PlannedResource> group : byNamespace.values()) {
        reads.add(CompletableFuture.runAsync(() -> {
          readGroup(group, live);
          tellAbsent(group, live, absent);
        }, pool));
      }
    }
    reads.forEach(CompletableFuture::join);
    return live;
  }

  private static void tellAbsent(List<PlannedResource> group, Map<ResourceRef, GenericKubernetesResource> live,
      Consumer<PlannedResource> absent) {
    for (PlannedResource r : group) {
      if (!live.containsKey(r.ref())) absent.accept(r);
    }
  }

  private void readAcrossNamespaces(Map<String, List<PlannedResource>> byNamespace,
      Map<ResourceRef, GenericKubernetesResource> live) {
    PlannedResource first = byNamespace.values().iterator().next().get(0);
    Map<String, PlannedResource> wanted = new LinkedHashMap<>();
    byNamespace.values().forEach(group -> group.forEach(r -> wanted.put(r.ref().namespace().orElse("") + "/"
        + r.ref().name(), r)));
    try {
      for (GenericKubernetesResource item : access.listInAllNamespaces(first.apiVersion(), first.ref().kind())) {
        PlannedResource r = wanted.get(item.getMetadata().getNamespace() + "/" + item.getMetadata().getName());
        if (r != null) live.put(r.ref(), item);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return; // the kind is not served yet (its CRD comes in this plan): nothing exists
      // Listing across namespaces is forbidden to many users who may list in their own namespaces.
      byNamespace.values().forEach(group -> readGroup(group, live));
    }
  }

  private void readGroup(List<PlannedResource> group, Map<ResourceRef, GenericKubernetesResource> live) {
    PlannedResource first = group.get(0);
    Map<String, PlannedResource> wanted = new LinkedHashMap<>();
    group.forEach(r -> wanted.put(r.ref().name(), r));
    try {
      for (GenericKubernetesResource item : access.list(first.apiVersion(), first.ref().kind(),
          first.ref().namespace(), Optional.empty())) {
        PlannedResource r = wanted.get(item.getMetadata().getName());
        if (r != null) live.put(r.ref(), item);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return; // the kind is not served yet (its CRD comes in this plan): nothing exists
      for (PlannedResource r : group) readOne(r, live);
    }
  }

  private void readOne(PlannedResource r, Map<ResourceRef, GenericKubernetesResource> live) {
    try {
      GenericKubernetesResource item = access.resource(r.apiVersion(), r.ref()).get();
      if (item != null) live.put(r.ref(), item);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) throw e;
    }
  }
}
