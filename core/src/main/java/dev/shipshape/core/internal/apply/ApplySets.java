package dev.shipshape.core.internal.apply;

import dev.shipshape.core.applyset.ApplySet;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import java.util.Optional;

/**
 * Where a plan's ApplySet parent lives: the namespace the options name, else the first namespace (by name) that the
 * plan creates. Never {@code kube-system} unless asked for.
 */
final class ApplySets {
  /** Used for the members' label only when no parent namespace can be chosen; pruning then stops and says so. */
  private static final String UNCHOSEN = "default";

  private ApplySets() {}

  static ApplySet forPlan(Plan plan, RunSettings options) {
    return ApplySet.forSpec(plan.specName(), parentNamespace(plan, options).orElse(UNCHOSEN));
  }

  static Optional<String> parentNamespace(Plan plan, RunSettings options) {
    if (!options.applySetNamespace().isEmpty()) return Optional.of(options.applySetNamespace());
    return plan.resources().stream().map(PlannedResource::ref).filter(ref -> ref.groupKind().equals("Namespace"))
        .map(ref -> ref.name()).sorted().findFirst();
  }

  static String noParentNamespace(Plan plan) {
    return "cannot prune: spec " + plan.specName() + " creates no namespace to hold its ApplySet parent; name one "
        + "with KubernetesExecutor.Builder.applySetNamespace (a namespace the spec's writer may create Secrets in)";
  }
}
