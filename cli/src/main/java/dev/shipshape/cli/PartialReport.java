package dev.shipshape.cli;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows an apply, so that an interrupted one (Ctrl-C) can still say what it did: the results so far, and every
 * other object of the plan as not attempted. Thread-safe: events come from the apply's worker threads, the report
 * is read from the shutdown hook.
 */
final class PartialReport implements ApplyListener {
  private final Map<ResourceRef, ResourceResult> results = new LinkedHashMap<>();
  private final long started = System.nanoTime();
  private Plan plan;
  private boolean finished;

  @Override
  public synchronized void applyStart(Plan plan) {
    this.plan = plan;
  }

  @Override
  public synchronized void resourceEnd(ResourceResult result) {
    results.put(result.ref(), result);
  }

  @Override
  public synchronized void resourceFailed(ResourceResult result, Throwable cause) {
    results.put(result.ref(), result);
  }

  @Override
  public synchronized void applyEnd(ApplyReport report) {
    finished = true;
  }

  /** True once the apply started and has not ended. */
  synchronized boolean interrupted() {
    return plan != null && !finished;
  }

  /** The report of what happened so far, in plan order; objects without a result are not attempted. */
  synchronized ApplyReport report() {
    List<ResourceResult> all = new ArrayList<>();
    for (PlannedResource r : plan.resources()) {
      ResourceResult result = results.get(r.ref());
      all.add(result != null ? result : ResourceResult.builder().ref(r.ref()).wave(r.wave())
          .outcome(Outcome.NOT_ATTEMPTED).message("interrupted before it was attempted").build());
    }
    return ApplyReport.builder().specName(plan.specName()).dryRun(false).addAllResults(all)
        .elapsed(Duration.ofNanos(System.nanoTime() - started)).build();
  }

  /** The text printed when the apply is interrupted. */
  String interruptedText() {
    ApplyReport report = report();
    return "Interrupted: the apply stopped before it finished; objects already written stay on the cluster, "
        + "apply again to finish." + System.lineSeparator() + report.toText();
  }
}
