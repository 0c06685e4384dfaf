package dev.shipshape.core.apply;

import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.ConditionResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Prints apply progress as plain lines, one per wave, gate, retry and failure: for consoles, logs and CI output.
 * Only references and outcomes are printed, never object contents.
 */
public final class PrintingApplyListener implements ApplyListener {
  private final PrintStream out;
  private final Map<Outcome, Integer> waveCounts = new EnumMap<>(Outcome.class);
  private long waveStarted;
  private long applyStarted;

  public PrintingApplyListener(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out == null");
  }

  @Override
  public synchronized void applyStart(Plan plan) {
    applyStarted = System.nanoTime();
    out.printf(Locale.ROOT, "Applying %s: %d objects in %d waves%n", plan.specName(), plan.resources().size(),
        plan.waves().size());
  }

  @Override
  public synchronized void waitEnd(Gate gate, ConditionResult result) {
    out.printf(Locale.ROOT, "  waited for %s: %s%n", gate, result.reason());
  }

  @Override
  public synchronized void waitFailed(Gate gate, Throwable cause) {
    out.printf(Locale.ROOT, "  gate did not open: %s%n", cause.getMessage());
  }

  @Override
  public synchronized void waveStart(Wave wave) {
    waveStarted = System.nanoTime();
    waveCounts.clear();
  }

  @Override
  public synchronized void resourceEnd(ResourceResult result) {
    waveCounts.merge(result.outcome(), 1, Integer::sum);
  }

  @Override
  public synchronized void resourceFailed(ResourceResult result, Throwable cause) {
    waveCounts.merge(result.outcome(), 1, Integer::sum);
    out.printf(Locale.ROOT, "  failed %s: %s%n", result.ref(), result.message().orElse(""));
  }

  @Override
  public synchronized void resourceRetry(dev.shipshape.core.plan.PlannedResource resource, int attempt,
      Duration delay, Throwable cause) {
    out.printf(Locale.ROOT, "  retrying %s in %d ms (attempt %d failed)%n", resource.ref(), delay.toMillis(),
        attempt);
  }

  @Override
  public synchronized void stepEnd(dev.shipshape.core.step.StepResult result) {
    out.printf(Locale.ROOT, "  %s%n", result);
  }

  @Override
  public synchronized void stepFailed(dev.shipshape.core.step.StepResult result, Throwable cause) {
    out.printf(Locale.ROOT, "  %s%n", result);
  }

  @Override
  public synchronized void waveEnd(Wave wave) {
    printWave(wave, "done");
  }

  @Override
  public synchronized void waveFailed(Wave wave, Throwable cause) {
    printWave(wave, "FAILED");
  }

  private void printWave(Wave wave, String verdict) {
    StringBuilder counts = new StringBuilder();
    waveCounts.forEach((outcome, n) -> counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ')
        .append(outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    out.printf(Locale.ROOT, "wave %d: %d objects %s (%s) in %d ms%n", wave.index(), wave.resources().size(), verdict,
        counts, Duration.ofNanos(System.nanoTime() - waveStarted).toMillis());
  }

  @Override
  public synchronized void pruneEnd(List<ResourceResult> pruned) {
    out.printf(Locale.ROOT, "pruned %d objects%n", pruned.stream().filter(r -> r.outcome() == Outcome.PRUNED).count());
    pruned.stream().filter(ResourceResult::isFailed).forEach(r -> out.printf(Locale.ROOT, "  %s%n", r));
  }

  @Override
  public synchronized void applyEnd(ApplyReport report) {
    out.printf(Locale.ROOT, "%s %s in %d ms: %d changed, %s%n", report.dryRun() ? "Dry run of" : "Applied",
        report.specName(), Duration.ofNanos(System.nanoTime() - applyStarted).toMillis(), report.changeCount(),
        report.isSuccess() ? "success" : report.failed().size() + " failed");
  }
}
