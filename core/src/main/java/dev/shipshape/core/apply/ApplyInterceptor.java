package dev.shipshape.core.apply;

import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/**
 * One step of the {@link KubernetesExecutor}'s write path, composed like OkHttp's interceptors: each step gets a
 * {@link Chain}, may look at or change the object, and calls {@link Chain#proceed} to hand it to the next step (or
 * returns a result of its own without proceeding). The built-in steps are, from the outside in: progress events
 * and failure reporting, the unchanged check (an object equal to the live one gets no request and never reaches
 * the steps after it), <em>the user's steps in the order they were added</em>, retries of transient failures, the
 * fallback to client-side writes on servers that cannot apply, redaction of Secret values from server messages,
 * and the request itself.
 *
 * <p>So a user's step is called once for each object that is about to be written, before retries; an approval
 * step that refuses a write throws (the object fails with the exception's message, nothing is sent), an audit step
 * records what it sees and what {@code proceed} returned or threw:
 *
 * <pre>{@code
 * ApplyInterceptor audit = chain -> {
 *   ResourceResult result = chain.proceed(chain.desired());
 *   log.info("{} {}", result.outcome(), result.ref());
 *   return result;
 * };
 * KubernetesExecutor.builder(client).addInterceptor(audit).build().apply(plan);
 * }</pre>
 *
 * <p>Threading: steps are called concurrently for the objects of one wave, from the executor's worker threads; they
 * must be thread-safe. A Secret's {@link Chain#desired() desired} object holds its values: a step must not log them.
 */
@FunctionalInterface
public interface ApplyInterceptor {

  /**
   * Handles one object: usually {@code chain.proceed(chain.desired())}, with work before or after. Throwing a
   * {@link RuntimeException} fails the object with the exception's message.
   */
  ResourceResult intercept(Chain chain);

  /** One object on its way to the server, and the rest of the steps. */
  interface Chain {

    /** The planned object being written. */
    PlannedResource resource();

    /**
     * The object as it is about to be sent: the plan's object with the ApplySet label, without status, a Secret's
     * {@code stringData} folded into {@code data}. A step that changes it passes its copy to {@link #proceed}.
     */
    GenericKubernetesResource desired();

    /** The live object, read once for the whole wave before any write; empty when it does not exist. */
    Optional<GenericKubernetesResource> live();

    /** True when this run is a server-side dry run: the server validates and persists nothing. */
    boolean dryRun();

    /**
     * Passes {@code desired} on to the next step and returns its result: created, updated or unchanged, with the
     * requests it took. Throws a {@link RuntimeException} when the write failed for good (retries done), its
     * message being the reason reported (Secret values hidden).
     */
    ResourceResult proceed(GenericKubernetesResource desired);
  }
}
