package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.internal.diff.ObjectComparator;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/**
 * Compares the object with the live one: an unchanged object gets no request (its result is {@code UNCHANGED} and
 * the steps after this one never see it); a changed one goes on, and its result lists the changes.
 */
final class UnchangedStep implements ApplyInterceptor {
  private final String fieldManager;

  UnchangedStep(String fieldManager) {
    this.fieldManager = fieldManager;
  }

  @Override
  public ResourceResult intercept(Chain chain) {
    PlannedResource r = chain.resource();
    if (chain.live().isEmpty()) return chain.proceed(chain.desired());
    List<FieldChange> changes = changes(r, chain.desired(), chain.live().get(), fieldManager);
    WriteChain.state(chain).changes = changes;
    if (changes.isEmpty()) {
      return ResourceResult.builder().ref(r.ref()).wave(r.wave()).outcome(Outcome.UNCHANGED).build();
    }
    return ResourceResult.builder().from(chain.proceed(chain.desired())).changes(changes).build();
  }

  /**
   * The changes applying {@code desired} would make to {@code live}: the fields that differ, leaving out what
   * other field managers own and what the server defaults.
   */
  static List<FieldChange> changes(PlannedResource r, GenericKubernetesResource desired,
      GenericKubernetesResource live, String fieldManager) {
    return changes(r, Manifests.toTree(desired), live, fieldManager);
  }

  /** {@link #changes(PlannedResource, GenericKubernetesResource, GenericKubernetesResource, String)} of a tree. */
  static List<FieldChange> changes(PlannedResource r, JsonNode desired, GenericKubernetesResource live,
      String fieldManager) {
    JsonNode liveTree = Manifests.toTree(live);
    return ObjectComparator.compare(desired, liveTree, ObjectComparator.ownedFields(liveTree, fieldManager),
        r.isSecret());
  }
}
