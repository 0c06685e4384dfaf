package dev.shipshape.core.internal.apply;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.applyset.ApplySet;
import dev.shipshape.core.internal.plan.KindOrder;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deletes members of an ApplySet that are no longer in the plan. Members are found by the part-of label, with one
 * list call per group-kind and namespace the set records, and deleted in reverse install order (Namespaces last).
 */
final class Pruner {
  private final ResourceAccess access;
  private final RunSettings options;
  private final ApplySet applySet;

  Pruner(ResourceAccess access, RunSettings options, ApplySet applySet) {
    this.access = access;
    this.options = options;
    this.applySet = applySet;
  }

  List<ResourceResult> prune(Plan plan, Set<String> groupKinds, Set<String> namespaces) {
    Map<String, String> apiVersions = new HashMap<>();
    for (PlannedResource r : plan.resources()) apiVersions.putIfAbsent(r.ref().groupKind(), r.apiVersion());
    List<ResourceResult> results = new ArrayList<>();
    List<GenericKubernetesResource> stale = new ArrayList<>();
    Optional<String> selector = Optional.of(ApplySet.PART_OF_LABEL + "=" + applySet.id());
    for (String groupKind : new TreeSet<>(groupKinds)) {
      Optional<String> apiVersion = Optional.ofNullable(apiVersions.get(groupKind)).or(() -> access.servedVersion(groupKind));
      if (apiVersion.isEmpty()) {
        results.add(failure(groupKind, "cannot prune " + groupKind + ": its API group is not served"));
        continue;
      }
      String kind = groupKind.contains(".") ? groupKind.substring(0, groupKind.indexOf('.')) : groupKind;
      try {
        if (access.isNamespaced(apiVersion.get(), kind)) {
          for (String ns : namespaces) stale.addAll(access.list(apiVersion.get(), kind, Optional.of(ns), selector));
        } else {
          stale.addAll(access.list(apiVersion.get(), kind, Optional.empty(), selector));
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) results.add(failure(groupKind, "cannot list " + groupKind + " to prune: "
            + Failure.of(e).message));
      }
    }
    stale.removeIf(o -> plan.find(ResourceRef.of(o)).isPresent() || !applySet.id().equals(labelOf(o)));
    stale.sort(Comparator.comparingInt((GenericKubernetesResource o) -> -KindOrder.rank(o.getKind()))
        .thenComparing(o -> ResourceRef.of(o)));
    for (GenericKubernetesResource o : stale) results.add(delete(o));
    return results;
  }

  private ResourceResult delete(GenericKubernetesResource o) {
    ResourceRef ref = ResourceRef.of(o);
    try {
      var resource = access.resource(o.getApiVersion(), ref);
      if (options.dryRun()) resource.dryRun().delete();
      else resource.delete();
      return ResourceResult.builder().ref(ref).outcome(Outcome.PRUNED).attempts(1).build();
    } catch (KubernetesClientException e) {
      Failure failure = Failure.of(e);
      return ResourceResult.builder().ref(ref).outcome(Outcome.FAILED).attempts(1)
          .message("prune failed: " + failure.message).statusCode(failure.code).build();
    }
  }

  private static String labelOf(GenericKubernetesResource o) {
    return o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(ApplySet.PART_OF_LABEL);
  }

  private static ResourceResult failure(String groupKind, String message) {
    String kind = groupKind.contains(".") ? groupKind.substring(0, groupKind.indexOf('.')) : groupKind;
    String group = groupKind.contains(".") ? groupKind.substring(groupKind.indexOf('.') + 1) : "";
    return ResourceResult.builder().ref(ResourceRef.clusterScoped(group, kind, "*")).outcome(Outcome.FAILED)
        .message(message).build();
  }
}
