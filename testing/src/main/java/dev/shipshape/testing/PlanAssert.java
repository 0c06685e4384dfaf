package dev.shipshape.testing;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link Plan}: which objects it holds, their fields, and the order of their waves. */
public final class PlanAssert extends AbstractAssert<PlanAssert, Plan> {
  PlanAssert(Plan plan) {
    super(plan, PlanAssert.class);
  }

  /** The plan holds this object. */
  public PlanAssert containsObject(ResourceRef ref) {
    find(ref);
    return this;
  }

  /** The plan holds an object of this kind (any API group), namespace ({@code null}: cluster-scoped) and name. */
  public PlanAssert containsObject(String kind, String namespace, String name) {
    find(kind, namespace, name);
    return this;
  }

  /** The plan does not hold this object. */
  public PlanAssert doesNotContainObject(ResourceRef ref) {
    isNotNull();
    if (actual.find(ref).isPresent()) failWithMessage("Expected plan <%s> not to contain %s", actual.specName(), ref);
    return this;
  }

  /** Assertions on one object of the plan, which must hold it. */
  public PlannedObjectAssert object(ResourceRef ref) {
    return new PlannedObjectAssert(find(ref));
  }

  /** Assertions on one object of the plan by kind, namespace ({@code null}: cluster-scoped) and name. */
  public PlannedObjectAssert object(String kind, String namespace, String name) {
    return new PlannedObjectAssert(find(kind, namespace, name));
  }

  /** {@code first} is applied in an earlier wave than {@code second}, so it exists (and is ready) before it. */
  public PlanAssert appliesBefore(ResourceRef first, ResourceRef second) {
    PlannedResource a = find(first);
    PlannedResource b = find(second);
    if (a.wave() >= b.wave()) {
      failWithMessage("Expected %s (wave %s) to be applied before %s (wave %s)", first, a.wave(), second, b.wave());
    }
    return this;
  }

  /** The plan carries no warnings (a plan with errors cannot exist: planning throws). */
  public PlanAssert hasNoWarnings() {
    isNotNull();
    if (!actual.warnings().isEmpty()) {
      failWithMessage("Expected plan <%s> to have no warnings but had:%n%s", actual.specName(),
          actual.warnings().stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    }
    return this;
  }

  private PlannedResource find(ResourceRef ref) {
    isNotNull();
    Optional<PlannedResource> found = actual.find(ref);
    if (found.isEmpty()) failWithMessage("Expected plan <%s> to contain %s but it holds:%n%s", actual.specName(),
        ref, listing());
    return found.get();
  }

  private PlannedResource find(String kind, String namespace, String name) {
    isNotNull();
    Optional<PlannedResource> found = actual.resources().stream()
        .filter(r -> r.ref().kind().equals(kind) && r.ref().name().equals(name)
            && r.ref().namespace().equals(Optional.ofNullable(namespace)))
        .findFirst();
    if (found.isEmpty()) failWithMessage("Expected plan <%s> to contain %s %s%s but it holds:%n%s",
        actual.specName(), kind, namespace == null ? "" : namespace + "/", name, listing());
    return found.get();
  }

  private String listing() {
    return actual.resources().stream().map(r -> "  wave " + r.wave() + ": " + r.ref())
        .collect(Collectors.joining("\n"));
  }
}
