package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.internal.schema.CrdSchema;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The CustomResourceDefinitions of a plan, by the group-kind ({@code Kind.group}) each defines, and the schemas
 * their custom resources are judged by: each version's prepared once for all its custom resources. Thread-safe.
 */
final class PlanDefinitions {
  private static final String CRD = "CustomResourceDefinition.apiextensions.k8s.io";

  private final Map<String, PlannedResource> byGroupKind;
  /** The CRD object each group-kind's schemas are read from, the plan's or the live one; read when first needed. */
  private final Map<String, Supplier<JsonNode>> schemaSources;
  private final Map<String, Optional<CrdSchema>> schemas = new ConcurrentHashMap<>();

  PlanDefinitions(Plan plan) {
    Map<String, PlannedResource> defined = new LinkedHashMap<>();
    Map<String, Supplier<JsonNode>> sources = new HashMap<>();
    for (PlannedResource r : plan.resources()) {
      if (!r.ref().groupKind().equals(CRD)) continue;
      JsonNode tree = r.toTree();
      JsonNode spec = tree.path("spec");
      String groupKind = spec.path("names").path("kind").asText() + "." + spec.path("group").asText();
      if (defined.putIfAbsent(groupKind, r) == null) sources.put(groupKind, () -> tree);
    }
    this.byGroupKind = Map.copyOf(defined);
    this.schemaSources = Map.copyOf(sources);
  }

  private PlanDefinitions(Map<String, PlannedResource> byGroupKind, Map<String, Supplier<JsonNode>> schemaSources) {
    this.byGroupKind = byGroupKind;
    this.schemaSources = schemaSources;
  }

  /** True when a CRD of the plan defines this group-kind. */
  boolean defines(String groupKind) {
    return byGroupKind.containsKey(groupKind);
  }

  /** The plan's CRD that defines the kind of {@code r}. */
  Optional<PlannedResource> of(PlannedResource r) {
    return Optional.ofNullable(byGroupKind.get(r.ref().groupKind()));
  }

  /** The group-kinds whose CRD is {@code changed} (created or updated by this apply). */
  Set<String> changed(Predicate<ResourceRef> changed) {
    return byGroupKind.entrySet().stream().filter(e -> changed.test(e.getValue().ref())).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /**
   * These definitions, judging the custom resources of the CRDs that this apply leaves unchanged by the live CRD:
   * what the server validates them against, which may be wider than the plan's (another field manager may have
   * added to its schema, and the comparison with the plan only looks at what the plan sets).
   */
  PlanDefinitions judgingUnchangedByLive(Map<ResourceRef, GenericKubernetesResource> live, Set<String> changed) {
    Map<String, Supplier<JsonNode>> sources = new HashMap<>(schemaSources);
    byGroupKind.forEach((groupKind, crd) -> {
      GenericKubernetesResource liveCrd = live.get(crd.ref());
      if (liveCrd != null && !changed.contains(groupKind)) sources.put(groupKind, () -> Manifests.toTree(liveCrd));
    });
    return new PlanDefinitions(byGroupKind, Map.copyOf(sources));
  }

  /**
   * What the CRD's schema finds for sure in {@code desired}, the object {@code r} as it is sent, for an object the
   * server cannot judge (see {@link SchemaProblems#definiteByDefinition}); none when the plan defines no CRD for
   * its kind.
   */
  List<Problem> definiteProblems(PlannedResource r, JsonNode desired) {
    return of(r).map(crd -> SchemaProblems.definiteByDefinition(r, desired, crd.ref().name(), schema(r)))
        .orElse(List.of());
  }

  /**
   * What the CRD's schema finds in {@code desired}, judged as the server's published schema would be (see
   * {@link SchemaProblems#ofDefinition}): empty when the server must judge, or the plan defines no CRD for the kind.
   */
  Optional<List<Problem>> problems(PlannedResource r, JsonNode desired) {
    return of(r).flatMap(crd -> SchemaProblems.ofDefinition(r, desired, crd.ref().name(), schema(r)));
  }

  private Optional<CrdSchema> schema(PlannedResource r) {
    String groupKind = r.ref().groupKind();
    return schemas.computeIfAbsent(groupKind + "/" + r.version(),
        key -> CrdSchema.of(schemaSources.get(groupKind).get(), r.version()));
  }
}
