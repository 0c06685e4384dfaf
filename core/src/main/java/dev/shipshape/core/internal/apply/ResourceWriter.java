package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.applyset.ApplySet;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.internal.diff.ObjectComparator;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.WritableOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Writes one planned object: compares it with the live object first (an unchanged object gets no request), then
 * applies it with the run's strategy, retrying transient failures as the retry policy allows.
 */
final class ResourceWriter {
  private static final Pattern QUOTED_VALUE = Pattern.compile("Invalid value: \"(?:[^\"\\\\]|\\\\.)*\"");

  private final ResourceAccess access;
  private final ApplyOptions options;
  private final ApplyListener listener;
  private final ApplySet applySet;
  /** The strategy in force; AUTO turns into SERVER_SIDE or CLIENT_SIDE at the first answer and stays. */
  private final AtomicReference<ApplyStrategy> strategy;

  ResourceWriter(ResourceAccess access, ApplyOptions options, ApplySet applySet) {
    this.access = access;
    this.options = options;
    this.listener = options.listener();
    this.applySet = applySet;
    this.strategy = new AtomicReference<>(options.strategy());
  }

  /** The object as it is sent: the plan's object with the ApplySet label, without status. */
  GenericKubernetesResource desired(PlannedResource r) {
    GenericKubernetesResource desired = ResourceAccess.generic(r.object());
    Map<String, String> labels = new LinkedHashMap<>();
    if (desired.getMetadata().getLabels() != null) labels.putAll(desired.getMetadata().getLabels());
    labels.put(ApplySet.PART_OF_LABEL, applySet.id());
    desired.getMetadata().setLabels(labels);
    desired.getAdditionalProperties().remove("status");
    if (r.isSecret()) foldStringData(desired);
    return desired;
  }

  /**
   * The API server merges a Secret's {@code stringData} into {@code data} on write and never returns
   * {@code stringData} (see the Secret API reference,
   * https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/): send
   * what it stores, so that the live Secret compares equal and an unchanged Secret gets no request.
   */
  @SuppressWarnings("unchecked")
  private static void foldStringData(GenericKubernetesResource secret) {
    Object stringData = secret.getAdditionalProperties().remove("stringData");
    if (!(stringData instanceof Map) || ((Map<?, ?>) stringData).isEmpty()) return;
    Map<String, Object> data = new LinkedHashMap<>();
    Object existing = secret.getAdditionalProperties().get("data");
    if (existing instanceof Map) data.putAll((Map<String, Object>) existing);
    ((Map<String, Object>) stringData).forEach((key, value) -> data.put(key,
        Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8))));
    secret.setAdditionalProperty("data", data);
  }

  /** The changes applying {@code r} would make to {@code live}. */
  List<FieldChange> changes(PlannedResource r, GenericKubernetesResource desired, GenericKubernetesResource live) {
    JsonNode liveTree = Manifests.toTree(live);
    return ObjectComparator.compare(Manifests.toTree(desired), liveTree,
        ObjectComparator.ownedFields(liveTree, options.fieldManager()), r.isSecret());
  }

  ResourceResult write(PlannedResource r, Optional<GenericKubernetesResource> live) {
    listener.resourceStart(r);
    GenericKubernetesResource desired = desired(r);
    List<FieldChange> changes = live.map(l -> changes(r, desired, l)).orElse(List.of());
    ResourceResult.Builder result = ResourceResult.builder().ref(r.ref()).wave(r.wave()).addAllChanges(changes);
    if (live.isPresent() && changes.isEmpty()) {
      ResourceResult unchanged = result.outcome(Outcome.UNCHANGED).build();
      listener.resourceEnd(unchanged);
      return unchanged;
    }
    boolean exists = live.isPresent();
    int attempts = 0;
    int transientFailures = 0;
    // In AUTO mode a 404 for a new object may mean "cannot apply" (the mock server) or a missing namespace or
    // kind (a real server): this object tries client-side, and only its success switches the run over.
    boolean probingClientSide = false;
    while (true) {
      ApplyStrategy used = probingClientSide ? ApplyStrategy.CLIENT_SIDE : strategy.get();
      attempts++;
      try {
        send(desired, exists, used);
        if (probingClientSide) strategy.compareAndSet(ApplyStrategy.AUTO, ApplyStrategy.CLIENT_SIDE);
        ResourceResult done = result.outcome(exists ? Outcome.UPDATED : Outcome.CREATED).attempts(attempts).build();
        listener.resourceEnd(done);
        return done;
      } catch (RuntimeException e) {
        Failure failure = used == ApplyStrategy.CLIENT_SIDE && !exists ? Failure.ofCreate(e) : Failure.of(e);
        int code = failure.code.orElse(0);
        if (used == ApplyStrategy.AUTO && code == 415) {
          // The server cannot apply at all; the probe does not count against the retry budget.
          strategy.compareAndSet(ApplyStrategy.AUTO, ApplyStrategy.CLIENT_SIDE);
          continue;
        }
        if (used == ApplyStrategy.AUTO && code == 404 && !exists) {
          probingClientSide = true;
          continue;
        }
        if (failure.alreadyExists) exists = true;
        if (failure.transientFailure) transientFailures++;
        if (!failure.transientFailure || transientFailures >= options.retryPolicy().maxAttempts()) {
          ResourceResult failed = result.outcome(Outcome.FAILED).attempts(attempts)
              .message(redact(r, failure.message)
                  + (failure.transientFailure ? " (gave up after " + attempts + (attempts == 1 ? " attempt)"
                      : " attempts)") : ""))
              .statusCode(failure.code).build();
          listener.resourceFailed(failed, shown(r, e, failed.message().orElse("")));
          return failed;
        }
        Duration delay = options.retryPolicy().delayAfter(transientFailures, failure.retryAfter);
        listener.resourceRetry(r, attempts, delay, shown(r, e, redact(r, failure.message)));
        if (!sleep(delay)) {
          ResourceResult interrupted = result.outcome(Outcome.FAILED).attempts(attempts)
              .message("interrupted while waiting to retry").build();
          listener.resourceFailed(interrupted, shown(r, e, "interrupted while waiting to retry"));
          return interrupted;
        }
      }
    }
  }


  private void send(GenericKubernetesResource desired, boolean exists, ApplyStrategy current) {
    Resource<GenericKubernetesResource> resource = access.resource(desired);
    WritableOperation<GenericKubernetesResource> operation = options.dryRun() ? resource.dryRun() : resource;
    if (current == ApplyStrategy.CLIENT_SIDE) {
      if (exists) {
        PatchContext patch = PatchContext.of(PatchType.JSON_MERGE);
        patch.setFieldManager(options.fieldManager());
        operation.patch(patch, desired);
      } else {
        operation.create();
      }
      return;
    }
    ServerSideApplicable<GenericKubernetesResource> apply = operation.fieldManager(options.fieldManager());
    if (options.forceConflicts()) apply = apply.forceConflicts();
    apply.serverSideApply();
    strategy.compareAndSet(ApplyStrategy.AUTO, ApplyStrategy.SERVER_SIDE);
  }

  /**
   * The exception listeners see: for a Secret, one carrying only the redacted message, as the server's own message
   * (and so the original exception) may quote a value.
   */
  private static Throwable shown(PlannedResource r, RuntimeException e, String redactedMessage) {
    return r.isSecret() ? new IllegalStateException(redactedMessage) : e;
  }

  /** Server messages about Secrets may quote the invalid value: hide it. */
  static String redact(PlannedResource r, String message) {
    return r.isSecret() ? QUOTED_VALUE.matcher(message).replaceAll("Invalid value: " + FieldChange.HIDDEN) : message;
  }

  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
