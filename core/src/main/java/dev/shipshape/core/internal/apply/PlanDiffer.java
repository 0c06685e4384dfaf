package dev.shipshape.core.internal.apply;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.diff.DiffReport;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.diff.ResourceDiff;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Compares a whole plan with the cluster, reading live objects with one list per kind and namespace. */
public final class PlanDiffer {
  private final ResourceAccess access;
  private final RunSettings options;

  public PlanDiffer(ResourceAccess access, RunSettings options) {
    this.access = access;
    this.options = options;
  }

  public DiffReport diff(Plan plan) {
    return diff(plan, live(plan));
  }

  /** The live objects of the plan that exist, by reference, read with one list per kind and namespace. */
  public Map<ResourceRef, GenericKubernetesResource> live(Plan plan) {
    return live(plan, r -> { });
  }

  /** {@link #live(Plan)}, telling {@code absent} of each planned object that does not exist as soon as it is known. */
  public Map<ResourceRef, GenericKubernetesResource> live(Plan plan, Consumer<PlannedResource> absent) {
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), runnable -> {
      Thread thread = new Thread(runnable, "shipshape-diff");
      thread.setDaemon(true);
      return thread;
    });
    try {
      return new LiveStateReader(access, pool).read(plan.resources(), absent);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The plan compared with these live objects (read by {@link #live}). */
  public DiffReport diff(Plan plan, Map<ResourceRef, GenericKubernetesResource> live) {
    ResourceWriter writer = new ResourceWriter(access, options, ApplySets.forPlan(plan, options));
    List<ResourceDiff> diffs = new ArrayList<>();
    for (PlannedResource r : plan.resources()) {
      GenericKubernetesResource current = live.get(r.ref());
      ResourceDiff.Builder diff = ResourceDiff.builder().ref(r.ref());
      if (current == null) {
        diffs.add(diff.action(ResourceDiff.Action.CREATE).build());
        continue;
      }
      List<FieldChange> changes = writer.changes(r, current);
      diffs.add(diff.action(changes.isEmpty() ? ResourceDiff.Action.UNCHANGED : ResourceDiff.Action.UPDATE)
          .addAllChanges(changes).build());
    }
    return DiffReport.of(diffs);
  }
}
