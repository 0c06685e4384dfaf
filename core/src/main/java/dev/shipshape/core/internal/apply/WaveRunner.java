package dev.shipshape.core.internal.apply;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.applyset.ApplySet;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.ReadinessCondition;
import dev.shipshape.core.readiness.Conditions;
import dev.shipshape.core.step.StepResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Applies a plan wave by wave: opens the wave's gates, reads the live state with one list per kind and namespace,
 * writes what changed with bounded parallelism, and stops after a wave with a failure. Then prunes, when asked,
 * and records the ApplySet in its parent Secret.
 */
public final class WaveRunner {
  /** From this many gates on objects of one kind and namespace, they are checked with one list per round. */
  private static final int GATES_FOR_ONE_LIST = 3;

  private final ResourceAccess access;
  private final RunSettings options;
  private final ApplyListener listener;
  private final ApplySet applySet;
  private final GateWaiter waiter;
  private final DeletePolicyRunner deletions;
  private final Optional<Map<ResourceRef, GenericKubernetesResource>> preread;
  /** Whether nothing this run did (a write, a step) can have made {@link #preread} stale yet. */
  private boolean prereadCurrent = true;
  private final StepRunner stepRunner;
  /** The apiVersion of each group-kind that controllers make, by {@link #apiVersion}: discovery is read once. */
  private final Map<String, String> servedVersions = new HashMap<>();
  /** The results of the plan's steps that are not objects, filled by {@link #applyAll}. */
  private final List<StepResult> stepResults = new ArrayList<>();

  public WaveRunner(ResourceAccess access, RunSettings options, Plan plan) {
    this(access, options, plan, Optional.empty());
  }

  /**
   * A runner that takes the live state of the plan's objects from {@code preread} (read a moment before, by the
   * preflight) instead of reading it again before each wave, as long as the run has written nothing and run no step:
   * after that, each wave reads its objects again.
   */
  public WaveRunner(ResourceAccess access, RunSettings options, Plan plan,
      Optional<Map<ResourceRef, GenericKubernetesResource>> preread) {
    this.preread = preread;
    this.access = access;
    this.options = options;
    this.listener = options.listener();
    this.applySet = ApplySets.forPlan(plan, options);
    this.waiter = new GateWaiter(access, options);
    this.deletions = new DeletePolicyRunner(access, options, plan, waiter);
    this.stepRunner = new StepRunner(access.client(), options);
  }

  public ApplyReport run(Plan plan) {
    long started = System.nanoTime();
    listener.applyStart(plan);
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), runnable -> {
      Thread thread = new Thread(runnable, "shipshape-apply");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<ResourceResult> results = applyAll(plan, pool);
      ApplyReport report = ApplyReport.builder().specName(plan.specName()).dryRun(options.dryRun())
          .addAllResults(results).addAllSteps(stepResults).elapsed(Duration.ofNanos(System.nanoTime() - started)).build();
      listener.applyEnd(report);
      return report;
    } finally {
      pool.shutdownNow();
    }
  }

  private List<ResourceResult> applyAll(Plan plan, ExecutorService pool) {
    List<ResourceResult> results = new ArrayList<>();
    Set<ResourceRef> members = plan.resources().stream().map(PlannedResource::ref).collect(Collectors.toSet());
    Optional<String> stopReason = Optional.empty();
    ApplySetParent parent = new ApplySetParent(access, applySet);
    ApplySetParent.Record planned = ApplySetParent.Record.of(applySet, members);
    ApplySetParent.Record recorded = planned;
    // The parent is read and written only when pruning is asked for, as kubectl does with --applyset.
    if (options.prune() && ApplySets.parentNamespace(plan, options).isEmpty()) {
      stopReason = Optional.of(ApplySets.noParentNamespace(plan));
    } else if (options.prune()) {
      try {
        // A pruning dry run reads the record too, so that it reports what a real run would prune.
        recorded = parent.read().union(planned);
      } catch (RuntimeException e) {
        stopReason = Optional.of("could not read the ApplySet parent " + applySet.parent() + ": "
            + Failure.of(e).message);
      }
    }
    // Record new group-kinds and namespaces as soon as the parent's namespace exists (before the first wave, or
    // after the wave that creates it), before other members are written, so that an interrupted run can prune.
    int recordBefore = waveCreating(plan, applySet.parent().namespace().orElse("")) + 1;
    boolean record = options.prune() && !options.dryRun();
    ResourceWriter writer = new ResourceWriter(access, options, applySet);
    LiveStateReader reader = new LiveStateReader(access, pool);
    List<PlannedResource> previousWave = List.of();
    Map<Gate, String> closed = Map.of();
    for (Wave wave : plan.waves()) {
      if (record && stopReason.isEmpty() && wave.index() == recordBefore) stopReason = record(parent, recorded);
      if (stopReason.isEmpty() && !options.dryRun()) {
        closed = openGates(plan, gatesBefore(plan, wave, previousWave), waiter, pool);
        stopReason = stopReason(closed);
        markNotReady(results, closed);
      }
      if (stopReason.isPresent()) {
        ClosedGates closedGates = new ClosedGates(closed);
        for (PlannedResource r : wave.resources()) {
          results.add(ResourceResult.builder().ref(r.ref()).wave(r.wave()).outcome(Outcome.NOT_ATTEMPTED)
              .message(notAttemptedReason(r, closedGates, stopReason.get())).build());
        }
        stepResults.addAll(StepRunner.notAttempted(wave, stopReason.get()));
        continue;
      }
      List<ResourceResult> waveResults = applyWave(wave, writer, reader, pool);
      results.addAll(waveResults);
      prereadCurrent &= wave.steps().isEmpty()
          && waveResults.stream().allMatch(r -> r.outcome() == Outcome.UNCHANGED);
      List<ResourceResult> failed = waveResults.stream().filter(ResourceResult::isFailed)
          .collect(Collectors.toList());
      // A wave's steps run after its objects, and only when every object of the wave was written.
      long failedSteps = 0;
      if (failed.isEmpty()) {
        List<StepResult> ran = stepRunner.run(wave);
        stepResults.addAll(ran);
        failedSteps = ran.stream().filter(StepResult::isFailed).count();
      } else {
        stepResults.addAll(StepRunner.notAttempted(wave, "an object of wave " + wave.index() + " failed"));
      }
      if (failed.isEmpty() && failedSteps == 0) {
        listener.waveEnd(wave);
      } else {
        String reason = "wave " + wave.index() + " failed (" + (failed.isEmpty() ? failedSteps + " of "
            + wave.steps().size() + " steps" : failed.size() + " of " + wave.resources().size() + " objects") + ")";
        listener.waveFailed(wave, new IllegalStateException(reason));
        stopReason = Optional.of(reason);
      }
      previousWave = wave.resources();
    }
    if (stopReason.isEmpty() && !options.dryRun() && options.waitForWorkloads()) {
      // The last wave's workloads have no next wave to hold back; the run waits for them before it ends.
      Map<Gate, String> notReady = openGates(plan, workloadGates(plan, previousWave), waiter, pool);
      stopReason = stopReason(notReady);
      markNotReady(results, notReady);
    }
    if (stopReason.isEmpty() && options.prune()) {
      List<ResourceResult> pruned = new Pruner(access, options, applySet)
          .prune(plan, recorded.groupKinds, allNamespaces(recorded));
      listener.pruneEnd(pruned);
      results.addAll(pruned);
      boolean pruneFailed = pruned.stream().anyMatch(ResourceResult::isFailed);
      if (!options.dryRun() && !pruneFailed) {
        try {
          parent.write(planned);
        } catch (RuntimeException e) {
          results.add(ResourceResult.builder().ref(applySet.parent()).outcome(Outcome.FAILED)
              .message("could not update the ApplySet parent: " + Failure.of(e).message).build());
        }
      }
    }
    return results;
  }

  private Optional<String> record(ApplySetParent parent, ApplySetParent.Record recorded) {
    try {
      parent.write(recorded);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("could not record the ApplySet in " + applySet.parent() + ": " + Failure.of(e).message);
    }
  }

  /** The wave of the plan's Namespace object of this name, or -1 when the plan does not create it. */
  private static int waveCreating(Plan plan, String namespace) {
    return plan.resources().stream().filter(r -> r.ref().groupKind().equals("Namespace")
        && r.ref().name().equals(namespace)).mapToInt(PlannedResource::wave).findFirst().orElse(-1);
  }

  private List<ResourceResult> applyWave(Wave wave, ResourceWriter writer, LiveStateReader reader,
      ExecutorService pool) {
    listener.waveStart(wave);
    Map<ResourceRef, GenericKubernetesResource> live;
    try {
      live = new HashMap<>(preread.isPresent() && prereadCurrent ? preread.get() : reader.read(wave.resources()));
    } catch (RuntimeException e) {
      String message = "could not read the live objects of wave " + wave.index() + ": " + Failure.of(e).message;
      return wave.resources().stream().map(r -> ResourceResult.builder().ref(r.ref()).wave(r.wave())
          .outcome(Outcome.FAILED).message(message).build()).collect(Collectors.toList());
    }
    Map<ResourceRef, String> notDeleted = deletions.beforeCreation(wave, live);
    List<CompletableFuture<ResourceResult>> writes = new ArrayList<>();
    for (PlannedResource r : wave.resources()) {
      writes.add(notDeleted.containsKey(r.ref())
          ? CompletableFuture.completedFuture(ResourceResult.builder().ref(r.ref()).wave(r.wave())
              .outcome(Outcome.FAILED).message(notDeleted.get(r.ref())).build())
          : CompletableFuture.supplyAsync(() -> writeOne(writer, r, live), pool));
    }
    return deletions.afterWrites(writes.stream().map(CompletableFuture::join).collect(Collectors.toList()));
  }

  /** One object's write; an unexpected error (a bug, a throwing listener) fails that object, not the report. */
  private static ResourceResult writeOne(ResourceWriter writer, PlannedResource r,
      Map<ResourceRef, GenericKubernetesResource> live) {
    try {
      return writer.write(r, Optional.ofNullable(live.get(r.ref())));
    } catch (RuntimeException e) {
      return ResourceResult.builder().ref(r.ref()).wave(r.wave()).outcome(Outcome.FAILED)
          .message("unexpected error: " + e.getClass().getSimpleName()
              + (r.isSecret() ? "" : ": " + e.getMessage())).build();
    }
  }

  /** The wave's own gates, plus readiness of the previous wave's workloads when asked to wait for them. */
  private List<Gate> gatesBefore(Plan plan, Wave wave, List<PlannedResource> previousWave) {
    Map<String, Gate> gates = new LinkedHashMap<>();
    wave.gates().forEach(g -> gates.put(g.toString(), g));
    if (options.waitForWorkloads()) workloadGates(plan, previousWave).forEach(g -> gates.putIfAbsent(g.toString(), g));
    return List.copyOf(gates.values());
  }

  /**
   * Readiness gates of these objects: the user's condition for their kind, else the one a component contributed,
   * else the built-in one.
   */
  private List<Gate> workloadGates(Plan plan, List<PlannedResource> resources) {
    List<Gate> gates = new ArrayList<>();
    for (PlannedResource r : resources) {
      Optional<ReadinessCondition> condition = Optional.ofNullable(options.readiness().get(r.ref().groupKind()))
          .or(() -> Optional.ofNullable(plan.readiness().get(r.ref().groupKind())))
          .or(() -> Conditions.workloadReadiness(r.ref().kind()));
      condition.ifPresent(c -> gates.add(Gate.of(r.ref(), c)));
    }
    return gates;
  }

  /** Workloads whose readiness gate did not open were applied, but the run failed on them. */
  private static void markNotReady(List<ResourceResult> results, Map<Gate, String> notReady) {
    if (notReady.isEmpty()) return;
    // By target, so that many closed gates (a Namespace per tenant not Active) do not each scan every result.
    Map<ResourceRef, List<String>> reasons = new HashMap<>();
    notReady.forEach((gate, reason) -> reasons.computeIfAbsent(gate.target(), k -> new ArrayList<>()).add(reason));
    results.replaceAll(r -> {
      ResourceResult marked = r;
      for (String reason : reasons.getOrDefault(r.ref(), List.of())) {
        marked = ResourceResult.builder().from(marked).outcome(Outcome.FAILED)
            .message(marked.outcome().name().toLowerCase(Locale.ROOT) + ", but " + reason).build();
      }
      return marked;
    });
  }

  /** Waits for the gates in parallel; the ones that did not open, with the reason, in gate order. */
  private Map<Gate, String> openGates(Plan plan, List<Gate> gates, GateWaiter waiter, ExecutorService pool) {
    // Gates on many objects of one kind and namespace (a Namespace per tenant, say) are checked with one list each
    // round; the others one read each.
    Map<String, List<Gate>> byKind = new LinkedHashMap<>();
    for (Gate gate : gates) {
      if (deletions.deletedAfterSuccess(gate)) continue;
      byKind.computeIfAbsent(apiVersion(plan, gate) + "|" + gate.target().kind() + "|"
          + gate.target().namespace().orElse(""), k -> new ArrayList<>()).add(gate);
    }
    List<CompletableFuture<Map<Gate, Optional<String>>>> waits = new ArrayList<>();
    for (List<Gate> group : byKind.values()) {
      String apiVersion = apiVersion(plan, group.get(0));
      if (group.size() >= GATES_FOR_ONE_LIST) {
        waits.add(CompletableFuture.supplyAsync(() -> waiter.awaitAll(group, apiVersion), pool));
        continue;
      }
      for (Gate gate : group) {
        waits.add(CompletableFuture.supplyAsync(() -> Map.of(gate, waiter.await(gate, apiVersion)), pool));
      }
    }
    Map<Gate, Optional<String>> answers = new LinkedHashMap<>();
    waits.forEach(wait -> answers.putAll(wait.join()));
    Map<Gate, String> closed = new LinkedHashMap<>();
    gates.forEach(gate -> answers.getOrDefault(gate, Optional.empty()).ifPresent(reason -> closed.put(gate, reason)));
    return closed;
  }

  /**
   * The apiVersion to read the gate's target with: the plan's, or, for a target a controller makes, a version the
   * cluster serves its kind under (every served version reads the same object), looked up once per kind; when
   * discovery tells none, {@code v1} of the target's group.
   */
  private String apiVersion(Plan plan, Gate gate) {
    Optional<String> planned = plan.find(gate.target()).map(PlannedResource::apiVersion);
    if (planned.isPresent() || gate.madeFrom().isEmpty()) return planned.orElse("v1");
    String group = gate.target().group();
    return servedVersions.computeIfAbsent(gate.target().groupKind(), groupKind -> access.servedVersion(groupKind)
        .orElse(group.isEmpty() ? "v1" : group + "/v1"));
  }

  /**
   * Why {@code r} was not attempted: the gate of its own prerequisite when that one did not open, otherwise the
   * gate that stopped the run, named as such rather than as {@code r}'s prerequisite.
   */
  private static String notAttemptedReason(PlannedResource r, ClosedGates closed, String stopReason) {
    Optional<String> own = closed.firstOf(r);
    if (own.isPresent()) return own.get();
    return closed.first().map(reason -> "the apply stopped before this wave (" + reason + ")")
        .orElse(stopReason);
  }

  /**
   * The gates that did not open, in gate order, found by target for the gates on objects of the plan, and as
   * themselves for the gates on objects controllers make: each object that was not attempted asks for the gates of
   * its own prerequisites and those it awaits, not for every gate. The object a controller makes a target from is
   * a prerequisite without a gate of its own: another object ordered after it did not wait for that target.
   */
  private static final class ClosedGates {
    private final List<String> reasons = new ArrayList<>();
    // The position, in gate order, of the first closed gate of each target of the plan, and of each awaited gate.
    private final Map<ResourceRef, Integer> firstByTarget = new HashMap<>();
    // By description, as the planner tells gates apart: two components awaiting one object share one wave gate.
    private final Map<String, Integer> awaited = new HashMap<>();

    ClosedGates(Map<Gate, String> closed) {
      closed.forEach((gate, reason) -> {
        if (gate.madeFrom().isPresent()) {
          awaited.putIfAbsent(gate.toString(), reasons.size());
        } else {
          firstByTarget.putIfAbsent(gate.target(), reasons.size());
        }
        reasons.add(reason);
      });
    }

    Optional<String> first() {
      return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons.get(0));
    }

    /** The reason of the earliest closed gate on one of {@code r}'s prerequisites or of those it awaits. */
    Optional<String> firstOf(PlannedResource r) {
      int first = Integer.MAX_VALUE;
      for (ResourceRef target : r.prerequisites()) {
        first = Math.min(first, firstByTarget.getOrDefault(target, Integer.MAX_VALUE));
      }
      for (Gate gate : r.awaited()) {
        first = Math.min(first, awaited.getOrDefault(gate.toString(), Integer.MAX_VALUE));
      }
      return first == Integer.MAX_VALUE ? Optional.empty() : Optional.of(reasons.get(first));
    }
  }

  private static Optional<String> stopReason(Map<Gate, String> closedGates) {
    return closedGates.values().stream().findFirst();
  }

  private Set<String> allNamespaces(ApplySetParent.Record record) {
    Set<String> all = new TreeSet<>(record.namespaces);
    applySet.parent().namespace().ifPresent(all::add);
    return all;
  }
}
