package dev.shipshape.core.internal.apply;

import dev.shipshape.core.DeletePolicy;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.Conditions;
import dev.shipshape.core.readiness.ReadinessCondition;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Acts on a plan's {@link DeletePolicy delete policies} around the writes of each wave: deletes an existing object
 * before it is created again, and, once a wave is written, waits for the readiness of objects deleted after
 * success or failure and deletes them accordingly. Objects deleted after success count as ready for the gates of
 * later waves (they were, before they went). Does nothing in a dry run.
 */
final class DeletePolicyRunner {
  private final ResourceAccess access;
  private final RunSettings options;
  private final Plan plan;
  private final GateWaiter waiter;
  private final Set<ResourceRef> succeeded = ConcurrentHashMap.newKeySet();

  DeletePolicyRunner(ResourceAccess access, RunSettings options, Plan plan, GateWaiter waiter) {
    this.access = access;
    this.options = options;
    this.plan = plan;
    this.waiter = waiter;
  }

  /**
   * Deletes the live objects of {@code wave} whose policy deletes them before creation, waits until they are gone
   * and drops them from {@code live}; returns the objects whose deletion failed, with the reason.
   */
  Map<ResourceRef, String> beforeCreation(Wave wave, Map<ResourceRef, GenericKubernetesResource> live) {
    Map<ResourceRef, String> failed = new HashMap<>();
    if (options.dryRun()) return failed;
    for (PlannedResource r : wave.resources()) {
      if (!live.containsKey(r.ref()) || !deletes(r.ref(), DeletePolicy.When.BEFORE_CREATION)) continue;
      delete(r).ifPresentOrElse(reason -> failed.put(r.ref(), "could not delete the previous object before "
          + "creating it (delete policy): " + reason), () -> live.remove(r.ref()));
    }
    return failed;
  }

  /**
   * For the written objects of a wave that have an after-success or after-failure policy: waits for their
   * readiness and deletes them as their policy says. Returns the results, with what happened in their messages;
   * an object that did not get ready fails.
   */
  List<ResourceResult> afterWrites(List<ResourceResult> results) {
    if (options.dryRun()) return results;
    List<ResourceResult> updated = new ArrayList<>();
    for (ResourceResult result : results) {
      Optional<DeletePolicy> policy = plan.deletePolicy(result.ref());
      boolean acts = policy.isPresent() && (policy.get().deletes(DeletePolicy.When.AFTER_SUCCESS)
          || policy.get().deletes(DeletePolicy.When.AFTER_FAILURE));
      if (!acts || result.isFailed() || result.outcome() == Outcome.NOT_ATTEMPTED) {
        updated.add(result);
      } else {
        updated.add(settle(result, policy.get()));
      }
    }
    return updated;
  }

  /** True when the gate's target was deleted after it succeeded: it was ready, and is gone on purpose. */
  boolean deletedAfterSuccess(Gate gate) {
    return succeeded.contains(gate.target());
  }

  private ResourceResult settle(ResourceResult result, DeletePolicy policy) {
    PlannedResource planned = plan.find(result.ref()).orElseThrow();
    Optional<String> notReady = readiness(planned).flatMap(c -> waiter.await(Gate.of(planned.ref(), c),
        planned.apiVersion()));
    String applied = result.outcome().name().toLowerCase(java.util.Locale.ROOT);
    if (notReady.isEmpty()) {
      if (!policy.deletes(DeletePolicy.When.AFTER_SUCCESS)) return result;
      Optional<String> failure = delete(planned);
      if (failure.isPresent()) return failed(result, applied + " and ready, but could not be deleted after success "
          + "(delete policy): " + failure.get());
      succeeded.add(planned.ref());
      return ResourceResult.builder().from(result).message(applied + ", ready, then deleted (delete policy after "
          + "success)").build();
    }
    if (!policy.deletes(DeletePolicy.When.AFTER_FAILURE)) return failed(result, applied + ", but " + notReady.get());
    Optional<String> failure = delete(planned);
    return failed(result, applied + ", but " + notReady.get() + failure.map(f -> "; could not be deleted after "
        + "failure (delete policy): " + f).orElse("; deleted (delete policy after failure)"));
  }

  private Optional<ReadinessCondition> readiness(PlannedResource r) {
    return Optional.ofNullable(options.readiness().get(r.ref().groupKind()))
        .or(() -> Optional.ofNullable(plan.readiness().get(r.ref().groupKind())))
        .or(() -> Conditions.workloadReadiness(r.ref().kind()));
  }

  /** Deletes the object (its dependents in the background, as Helm deletes hooks) and waits until it is gone. */
  private Optional<String> delete(PlannedResource r) {
    try {
      Resource<GenericKubernetesResource> resource = access.resource(r.apiVersion(), r.ref());
      resource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      resource.waitUntilCondition(o -> o == null, options.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(Failure.of(e).message);
    }
  }

  private boolean deletes(ResourceRef ref, DeletePolicy.When moment) {
    return plan.deletePolicy(ref).map(p -> p.deletes(moment)).orElse(false);
  }

  private static ResourceResult failed(ResourceResult result, String message) {
    return ResourceResult.builder().from(result).outcome(Outcome.FAILED).message(message).build();
  }
}
