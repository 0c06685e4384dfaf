package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.WritableOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The innermost step: one request with the strategy chosen for it. Server-side apply (with the field manager,
 * forcing conflicts when asked, without the server's field validation after a preflight: {@link ApplyPatch}), or
 * client-side: a create for a new object, a JSON merge patch for an existing one. A failure goes up the chain
 * classified ({@link Failure}); a create that finds the object exists makes the next attempt an update.
 */
final class SendStep implements ApplyInterceptor {
  private final ResourceAccess access;
  private final ApplyPatch applyPatch;
  private final String fieldManager;
  private final boolean forceConflicts;

  SendStep(ResourceAccess access, String fieldManager, boolean forceConflicts, boolean afterPreflight) {
    this.access = access;
    this.applyPatch = new ApplyPatch(access, afterPreflight);
    this.fieldManager = fieldManager;
    this.forceConflicts = forceConflicts;
  }

  @Override
  public ResourceResult intercept(Chain chain) {
    WriteState state = WriteChain.state(chain);
    boolean clientSideCreate = state.strategy == ApplyStrategy.CLIENT_SIDE && !state.exists;
    state.attempts++;
    try {
      send(chain.desired(), state.exists, state.strategy, chain.dryRun());
    } catch (RuntimeException e) {
      Failure failure = clientSideCreate ? Failure.ofCreate(e) : Failure.of(e);
      if (failure.alreadyExists) state.exists = true;
      throw new WriteFailure(failure, e);
    }
    return ResourceResult.builder().ref(chain.resource().ref()).wave(chain.resource().wave())
        .outcome(state.exists ? Outcome.UPDATED : Outcome.CREATED).attempts(state.attempts).build();
  }

  private void send(GenericKubernetesResource desired, boolean exists, ApplyStrategy strategy, boolean dryRun) {
    if (strategy != ApplyStrategy.CLIENT_SIDE) {
      applyPatch.send(desired, fieldManager, forceConflicts, dryRun);
      return;
    }
    Resource<GenericKubernetesResource> resource = access.resource(desired);
    WritableOperation<GenericKubernetesResource> operation = dryRun ? resource.dryRun() : resource;
    if (exists) {
      PatchContext patch = PatchContext.of(PatchType.JSON_MERGE);
      patch.setFieldManager(fieldManager);
      operation.patch(patch, desired);
    } else {
      operation.create();
    }
  }
}
