package dev.shipshape.core.internal.apply;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.applyset.ApplySet;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.Condition;
import dev.shipshape.core.readiness.Conditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  private final ResourceAccess access;
  private final ApplyOptions options;
  private final ApplyListener listener;
  private final ApplySet applySet;

  public WaveRunner(ResourceAccess access, ApplyOptions options, String specName) {
    this.access = access;
    this.options = options;
    this.listener = options.listener();
    this.applySet = ApplySet.forSpec(specName, options.applySetNamespace());
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
          .addAllResults(results).elapsed(Duration.ofNanos(System.nanoTime() - started)).build();
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
    ParentRecord previous = ParentRecord.EMPTY;
    if (!options.dryRun()) {
      try {
        previous = readParent();
        // Record new group-kinds and namespaces before any member is written, so an interrupted run can prune.
        writeParent(previous.union(groupKinds(members), namespaces(members)));
      } catch (RuntimeException e) {
        stopReason = Optional.of("could not record the ApplySet in " + applySet.parent() + ": "
            + Failure.of(e).message);
      }
    }
    ResourceWriter writer = new ResourceWriter(access, options, applySet);
    LiveStateReader reader = new LiveStateReader(access, pool);
    GateWaiter waiter = new GateWaiter(access, options);
    List<PlannedResource> previousWave = List.of();
    for (Wave wave : plan.waves()) {
      if (stopReason.isEmpty() && !options.dryRun()) {
        stopReason = openGates(plan, gatesBefore(wave, previousWave), waiter, pool);
      }
      if (stopReason.isPresent()) {
        for (PlannedResource r : wave.resources()) {
          results.add(ResourceResult.builder().ref(r.ref()).wave(r.wave()).outcome(Outcome.NOT_ATTEMPTED)
              .message(stopReason.get()).build());
        }
        continue;
      }
      List<ResourceResult> waveResults = applyWave(wave, writer, reader, pool);
      results.addAll(waveResults);
      List<ResourceResult> failed = waveResults.stream().filter(ResourceResult::isFailed)
          .collect(Collectors.toList());
      if (failed.isEmpty()) {
        listener.waveEnd(wave);
      } else {
        String reason = "wave " + wave.index() + " failed (" + failed.size() + " of " + wave.resources().size()
            + " objects)";
        listener.waveFailed(wave, new IllegalStateException(reason));
        stopReason = Optional.of("not attempted: " + reason);
      }
      previousWave = wave.resources();
    }
    if (stopReason.isEmpty() && options.prune()) {
      List<ResourceResult> pruned = new Pruner(access, options, applySet)
          .prune(plan, previous.union(groupKinds(members), namespaces(members)).groupKinds,
              allNamespaces(previous.union(groupKinds(members), namespaces(members))));
      listener.pruneEnd(pruned);
      results.addAll(pruned);
    }
    boolean pruneFailed = results.stream().anyMatch(r -> r.wave() < 0 && r.isFailed());
    if (stopReason.isEmpty() && !options.dryRun() && (options.prune() && !pruneFailed)) {
      try {
        writeParent(new ParentRecord(groupKinds(members), namespaces(members)));
      } catch (RuntimeException e) {
        results.add(ResourceResult.builder().ref(applySet.parent()).outcome(Outcome.FAILED)
            .message("could not update the ApplySet parent: " + Failure.of(e).message).build());
      }
    }
    return results;
  }

  private List<ResourceResult> applyWave(Wave wave, ResourceWriter writer, LiveStateReader reader,
      ExecutorService pool) {
    listener.waveStart(wave);
    Map<ResourceRef, GenericKubernetesResource> live;
    try {
      live = reader.read(wave.resources());
    } catch (RuntimeException e) {
      String message = "could not read the live objects of wave " + wave.index() + ": " + Failure.of(e).message;
      return wave.resources().stream().map(r -> ResourceResult.builder().ref(r.ref()).wave(r.wave())
          .outcome(Outcome.FAILED).message(message).build()).collect(Collectors.toList());
    }
    List<CompletableFuture<ResourceResult>> writes = new ArrayList<>();
    for (PlannedResource r : wave.resources()) {
      writes.add(CompletableFuture.supplyAsync(() -> writer.write(r, Optional.ofNullable(live.get(r.ref()))), pool));
    }
    return writes.stream().map(CompletableFuture::join).collect(Collectors.toList());
  }

  /** The wave's own gates, plus readiness of the previous wave's workloads when asked to wait for them. */
  private List<Gate> gatesBefore(Wave wave, List<PlannedResource> previousWave) {
    Map<String, Gate> gates = new LinkedHashMap<>();
    wave.gates().forEach(g -> gates.put(g.toString(), g));
    if (options.waitForWorkloads()) {
      for (PlannedResource r : previousWave) {
        Optional<Condition> condition = Optional.ofNullable(options.readiness().get(r.ref().groupKind()))
            .or(() -> Conditions.workloadReadiness(r.ref().kind()));
        condition.ifPresent(c -> gates.putIfAbsent(r.ref() + c.description(), Gate.of(r.ref(), c)));
      }
    }
    return List.copyOf(gates.values());
  }

  private Optional<String> openGates(Plan plan, List<Gate> gates, GateWaiter waiter, ExecutorService pool) {
    List<CompletableFuture<Optional<String>>> waits = new ArrayList<>();
    for (Gate gate : gates) {
      String apiVersion = plan.find(gate.target()).map(PlannedResource::apiVersion).orElse("v1");
      waits.add(CompletableFuture.supplyAsync(() -> waiter.await(gate, apiVersion), pool));
    }
    return waits.stream().map(CompletableFuture::join).flatMap(Optional::stream).findFirst()
        .map(reason -> "not attempted: " + reason);
  }

  private ParentRecord readParent() {
    Secret parent = access.client().secrets().inNamespace(applySet.parent().namespace().orElseThrow())
        .withName(applySet.parent().name()).get();
    if (parent == null || parent.getMetadata().getAnnotations() == null) return ParentRecord.EMPTY;
    Map<String, String> annotations = parent.getMetadata().getAnnotations();
    return new ParentRecord(ApplySet.split(annotations.get(ApplySet.CONTAINS_GROUP_KINDS_ANNOTATION)),
        ApplySet.split(annotations.get(ApplySet.ADDITIONAL_NAMESPACES_ANNOTATION)));
  }

  private void writeParent(ParentRecord record) {
    Secret parent = new SecretBuilder()
        .withNewMetadata()
        .withName(applySet.parent().name())
        .withNamespace(applySet.parent().namespace().orElseThrow())
        .addToLabels(ApplySet.ID_LABEL, applySet.id())
        .addToAnnotations(ApplySet.TOOLING_ANNOTATION, ApplySet.TOOLING)
        .addToAnnotations(ApplySet.CONTAINS_GROUP_KINDS_ANNOTATION, String.join(",", record.groupKinds))
        .addToAnnotations(ApplySet.ADDITIONAL_NAMESPACES_ANNOTATION, String.join(",", record.namespaces))
        .endMetadata()
        .withType("Opaque")
        .build();
    access.client().resource(parent).createOr(NonDeletingOperation::update);
  }

  private static Set<String> groupKinds(Set<ResourceRef> members) {
    return ApplySet.split(ApplySet.groupKinds(members));
  }

  private Set<String> namespaces(Set<ResourceRef> members) {
    return ApplySet.split(applySet.additionalNamespaces(members));
  }

  private Set<String> allNamespaces(ParentRecord record) {
    Set<String> all = new TreeSet<>(record.namespaces);
    applySet.parent().namespace().ifPresent(all::add);
    return all;
  }

  /** What the parent Secret records: the group-kinds and additional namespaces of the set. */
  private static final class ParentRecord {
    static final ParentRecord EMPTY = new ParentRecord(Set.of(), Set.of());
    final Set<String> groupKinds;
    final Set<String> namespaces;

    ParentRecord(Set<String> groupKinds, Set<String> namespaces) {
      this.groupKinds = new TreeSet<>(groupKinds);
      this.namespaces = new TreeSet<>(namespaces);
    }

    ParentRecord union(Set<String> moreGroupKinds, Set<String> moreNamespaces) {
      Set<String> kinds = new TreeSet<>(groupKinds);
      kinds.addAll(moreGroupKinds);
      Set<String> spaces = new TreeSet<>(namespaces);
      spaces.addAll(moreNamespaces);
      return new ParentRecord(kinds, spaces);
    }
  }
}
