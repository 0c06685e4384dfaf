package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.internal.schema.CrdSchema;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CustomResourceDefinitions of a plan, by the group-kind ({@code Kind.group}) each defines, with the schema of
 * each version prepared once for all its custom resources. Thread-safe.
 */
final class PlanDefinitions {
  private final Map<String, PlannedResource> byGroupKind;
  private final Map<String, Optional<CrdSchema>> schemas = new ConcurrentHashMap<>();

  PlanDefinitions(Plan plan) {
    this.byGroupKind = ServedKinds.definitions(plan.resources());
  }

  /** The plan's CRD that defines the kind of {@code r}. */
  Optional<PlannedResource> of(PlannedResource r) {
    return Optional.ofNullable(byGroupKind.get(r.ref().groupKind()));
  }

  /**
   * What the schema in the plan's CRD finds for sure in {@code desired}, the object {@code r} as it is sent, for an
   * object the server cannot judge (see {@link SchemaProblems#definiteByDefinition}); none when the plan defines no
   * CRD for its kind.
   */
  List<Problem> definiteProblems(PlannedResource r, JsonNode desired) {
    return of(r).map(crd -> SchemaProblems.definiteByDefinition(r, desired, crd.ref().name(), schema(crd, r)))
        .orElse(List.of());
  }

  /**
   * What the schema in the plan's CRD finds in {@code desired}, judged as the server's published schema would be
   * (see {@link SchemaProblems#ofDefinition}): empty when the server must judge, or the plan defines no CRD for the
   * kind.
   */
  Optional<List<Problem>> problems(PlannedResource r, JsonNode desired) {
    return of(r).flatMap(crd -> SchemaProblems.ofDefinition(r, desired, crd.ref().name(), schema(crd, r)));
  }

  private Optional<CrdSchema> schema(PlannedResource crd, PlannedResource r) {
    return schemas.computeIfAbsent(r.ref().groupKind() + "/" + r.version(),
        key -> CrdSchema.of(Manifests.toTree(crd.object()), r.version()));
  }
}
