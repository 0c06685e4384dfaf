package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.applyset.ApplySet;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Writes one planned object through the run's chain of steps: reporting, the unchanged check, the user's
 * interceptors, retries, the strategy fallback, Secret message redaction and the request (see
 * {@link ApplyInterceptor} for what each does).
 */
final class ResourceWriter {
  private final RunSettings settings;
  private final ApplySet applySet;
  private final List<ApplyInterceptor> steps;

  ResourceWriter(ResourceAccess access, RunSettings settings, ApplySet applySet) {
    this.settings = settings;
    this.applySet = applySet;
    List<ApplyInterceptor> chain = new ArrayList<>();
    chain.add(new ReportingStep(settings.listener()));
    chain.add(new UnchangedStep(settings.fieldManager()));
    chain.addAll(settings.interceptors());
    chain.add(new RetryStep(settings.retryPolicy(), settings.listener()));
    chain.add(new StrategyFallbackStep(settings.strategy()));
    chain.add(new SecretMessageStep());
    chain.add(new SendStep(access, settings.fieldManager(), settings.forceConflicts(), settings.preflight()));
    this.steps = List.copyOf(chain);
  }

  /** The object as it is sent: the plan's object with the ApplySet label, without status. */
  GenericKubernetesResource desired(PlannedResource r) {
    return Manifests.convert(desiredTree(r), GenericKubernetesResource.class);
  }

  /** {@link #desired} as a JSON tree, made straight from the plan's object (no copy of it first). */
  ObjectNode desiredTree(PlannedResource r) {
    ObjectNode desired = r.toTree();
    desired.withObject("/metadata").withObject("/labels").put(ApplySet.PART_OF_LABEL, applySet.id());
    desired.remove("status");
    if (r.isSecret()) foldStringData(desired);
    return desired;
  }

  /**
   * The API server merges a Secret's {@code stringData} into {@code data} on write and never returns
   * {@code stringData} (see the Secret API reference,
   * https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/): send
   * what it stores, so that the live Secret compares equal and an unchanged Secret gets no request.
   */
  private static void foldStringData(ObjectNode secret) {
    JsonNode stringData = secret.remove("stringData");
    if (stringData == null || !stringData.isObject() || stringData.isEmpty()) return;
    ObjectNode data = secret.withObject("/data");
    stringData.fields().forEachRemaining(entry -> data.put(entry.getKey(),
        Base64.getEncoder().encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8))));
  }

  /** The changes applying {@code r} would make to {@code live}. */
  List<FieldChange> changes(PlannedResource r, GenericKubernetesResource live) {
    return UnchangedStep.changes(r, desiredTree(r), live, settings.fieldManager());
  }

  /** Writes the object; a failure is reported in the result, never thrown. */
  ResourceResult write(PlannedResource r, Optional<GenericKubernetesResource> live) {
    WriteState state = new WriteState(live.isPresent(), settings.strategy());
    GenericKubernetesResource desired = desired(r);
    return new WriteChain(steps, 0, r, desired, live, settings.dryRun(), state).proceed(desired);
  }
}
