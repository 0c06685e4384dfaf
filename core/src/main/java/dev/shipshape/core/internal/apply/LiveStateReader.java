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

/**
 * Reads the live state of planned objects with one list call per kind and namespace, in parallel; never one call
 * per object, unless listing is forbidden, when it falls back to reading each object by name.
 */
final class LiveStateReader {
  private final ResourceAccess access;
  private final ExecutorService pool;

  LiveStateReader(ResourceAccess access, ExecutorService pool) {
    this.access = access;
    this.pool = pool;
  }

  /** The live objects that exist, by reference. */
  Map<ResourceRef, GenericKubernetesResource> read(List<PlannedResource> resources) {
    Map<String, List<PlannedResource>> groups = new LinkedHashMap<>();
    for (PlannedResource r : resources) {
      String key = r.apiVersion() + "|" + r.ref().kind() + "|" + r.ref().namespace().orElse("");
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    Map<ResourceRef, GenericKubernetesResource> live = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (List<PlannedResource> group : groups.values()) {
      reads.add(CompletableFuture.runAsync(() -> readGroup(group, live), pool));
    }
    reads.forEach(CompletableFuture::join);
    return live;
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
