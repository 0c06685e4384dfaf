package dev.shipshape.core.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.internal.diff.ObjectComparator;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.PlannedStep;
import dev.shipshape.core.step.ExternalStep;
import dev.shipshape.core.step.StepOutcome;
import dev.shipshape.core.step.StepResult;
import dev.shipshape.core.plan.Wave;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An in-memory cluster for tests: it keeps what was applied, reports created, updated and unchanged objects as a
 * real cluster would, records the order of writes, and prunes objects of the same spec that left the plan. It runs
 * no controllers and opens every gate at once. Steps that are not Kubernetes objects are recorded, not run, after
 * their wave's objects: a step is created the first time its id is seen, unchanged when an equal step (by {@code
 * equals}, which steps implement as values) was recorded before, updated otherwise.
 *
 * <pre>{@code
 * RecordingExecutor cluster = new RecordingExecutor();
 * cluster.apply(spec.plan()).throwIfFailed();
 * assertThat(cluster.written()).containsSubsequence(namespaceRef, deploymentRef);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RecordingExecutor implements PlanExecutor {
  private final Map<ResourceRef, ObjectNode> store = new LinkedHashMap<>();
  private final Map<ResourceRef, String> owners = new LinkedHashMap<>();
  private final List<ResourceRef> written = new ArrayList<>();
  private final Map<String, ExternalStep> steps = new LinkedHashMap<>();
  private final List<String> ranSteps = new ArrayList<>();

  @Override
  public synchronized ApplyReport apply(Plan plan, ApplyOptions options) {
    long started = System.nanoTime();
    ApplyListener listener = options.listener();
    listener.applyStart(plan);
    List<ResourceResult> results = new ArrayList<>();
    List<StepResult> stepResults = new ArrayList<>();
    for (Wave wave : plan.waves()) {
      listener.waveStart(wave);
      for (PlannedResource r : wave.resources()) results.add(write(r, plan.specName(), options));
      for (PlannedStep step : wave.steps()) stepResults.add(record(step, options));
      listener.waveEnd(wave);
    }
    if (options.prune()) {
      Set<ResourceRef> members = plan.resources().stream().map(PlannedResource::ref).collect(Collectors.toSet());
      List<ResourceResult> pruned = new ArrayList<>();
      for (ResourceRef ref : List.copyOf(owners.keySet())) {
        if (plan.specName().equals(owners.get(ref)) && !members.contains(ref)) {
          if (!options.dryRun()) {
            store.remove(ref);
            owners.remove(ref);
          }
          pruned.add(ResourceResult.builder().ref(ref).outcome(Outcome.PRUNED).attempts(1).build());
        }
      }
      listener.pruneEnd(pruned);
      results.addAll(pruned);
    }
    ApplyReport report = ApplyReport.builder().specName(plan.specName()).dryRun(options.dryRun())
        .addAllResults(results).addAllSteps(stepResults).elapsed(Duration.ofNanos(System.nanoTime() - started)).build();
    listener.applyEnd(report);
    return report;
  }

  private ResourceResult write(PlannedResource r, String specName, ApplyOptions options) {
    options.listener().resourceStart(r);
    ObjectNode desired = Manifests.toTree(r.object());
    ObjectNode current = store.get(r.ref());
    List<FieldChange> changes = current == null ? List.of()
        : ObjectComparator.compare(desired, current, Optional.empty(), r.isSecret());
    Outcome outcome = current == null ? Outcome.CREATED : changes.isEmpty() ? Outcome.UNCHANGED : Outcome.UPDATED;
    if (outcome != Outcome.UNCHANGED && !options.dryRun()) {
      store.put(r.ref(), desired);
      owners.put(r.ref(), specName);
      written.add(r.ref());
    }
    ResourceResult result = ResourceResult.builder().ref(r.ref()).wave(r.wave()).outcome(outcome)
        .attempts(outcome == Outcome.UNCHANGED ? 0 : 1).addAllChanges(changes).build();
    options.listener().resourceEnd(result);
    return result;
  }

  private StepResult record(PlannedStep step, ApplyOptions options) {
    options.listener().stepStart(step);
    ExternalStep before = steps.get(step.id());
    StepOutcome outcome = before == null ? StepOutcome.CREATED
        : before.equals(step.step()) ? StepOutcome.UNCHANGED : StepOutcome.UPDATED;
    if (outcome != StepOutcome.UNCHANGED && !options.dryRun()) {
      steps.put(step.id(), step.step());
      ranSteps.add(step.id());
    }
    StepResult result = StepResult.builder().step(step.id()).description(step.description()).wave(step.wave())
        .outcome(outcome).build();
    options.listener().stepEnd(result);
    return result;
  }

  /** The ids of the steps that were run (created or updated), in order; unchanged steps are not run. */
  public synchronized List<String> ranSteps() {
    return List.copyOf(ranSteps);
  }

  /** Every write, in order; unchanged objects are not written. */
  public synchronized List<ResourceRef> written() {
    return List.copyOf(written);
  }

  /** A copy of the stored object. */
  public synchronized Optional<HasMetadata> get(ResourceRef ref) {
    return Optional.ofNullable(store.get(ref)).map(Manifests::fromTree);
  }

  /** The references of every stored object, in first-write order. */
  public synchronized List<ResourceRef> stored() {
    return List.copyOf(store.keySet());
  }
}
