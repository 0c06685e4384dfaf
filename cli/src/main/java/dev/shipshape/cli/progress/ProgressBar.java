package dev.shipshape.cli.progress;

import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.ConditionResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Apply progress for an interactive terminal: one line per wave, redrawn in place with a carriage return and
 * the ANSI "erase line" sequence, showing a bar, objects done out of the wave's total, counts per outcome and the
 * elapsed time; gates and retries show on the same line while they last; failures are printed above it. Only
 * references and outcomes are printed, never object contents.
 *
 * <p>Thread-safe: object events arrive from the executor's worker threads, and a ticker redraws the line so that
 * the elapsed time moves during long waits.
 */
public final class ProgressBar implements ApplyListener {
  private static final String ERASE_LINE = "\r\u001b[2K";
  private static final int BAR_WIDTH = 24;
  private static final long TICK_MILLIS = 200;

  private final PrintWriter out;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService ticker;
  private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
  private int waves;
  private Wave wave;
  private long waveStarted;
  private String activity = "";
  private boolean lineOpen;

  ProgressBar(PrintWriter out, LongSupplier nanoTime, ScheduledExecutorService ticker) {
    this.out = Objects.requireNonNull(out, "out == null");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
    this.ticker = ticker;
  }

  /** A progress bar on {@code out} that redraws itself five times a second until the apply ends. */
  public static ProgressBar start(PrintWriter out) {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "shipshape-progress");
      thread.setDaemon(true);
      return thread;
    });
    ProgressBar bar = new ProgressBar(out, System::nanoTime, ticker);
    ticker.scheduleAtFixedRate(bar::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return bar;
  }

  @Override
  public synchronized void applyStart(Plan plan) {
    waves = plan.waves().size();
    out.printf(Locale.ROOT, "Applying %s: %d objects in %d waves%n", plan.specName(), plan.resources().size(),
        waves);
    out.flush();
  }

  @Override
  public synchronized void waitStart(Gate gate) {
    activity = "waiting for " + gate;
    redraw();
  }

  @Override
  public synchronized void waitEnd(Gate gate, ConditionResult result) {
    activity = "";
    redraw();
  }

  @Override
  public synchronized void waitFailed(Gate gate, Throwable cause) {
    above("gate did not open: " + gate + ": " + cause.getMessage());
    activity = "";
  }

  @Override
  public synchronized void waveStart(Wave started) {
    wave = started;
    waveStarted = nanoTime.getAsLong();
    counts.clear();
    activity = "";
    redraw();
  }

  @Override
  public synchronized void resourceRetry(PlannedResource resource, int attempt, Duration delay, Throwable cause) {
    activity = "retrying " + resource.ref() + " (attempt " + attempt + " failed)";
    redraw();
  }

  @Override
  public synchronized void resourceEnd(ResourceResult result) {
    counts.merge(result.outcome(), 1, Integer::sum);
    activity = "";
    redraw();
  }

  @Override
  public synchronized void resourceFailed(ResourceResult result, Throwable cause) {
    counts.merge(result.outcome(), 1, Integer::sum);
    above("failed " + result.ref() + result.message().map(m -> ": " + m).orElse(""));
  }

  @Override
  public synchronized void waveEnd(Wave ended) {
    finishWave("");
  }

  @Override
  public synchronized void waveFailed(Wave failed, Throwable cause) {
    finishWave("  FAILED");
  }

  @Override
  public synchronized void pruneEnd(List<ResourceResult> pruned) {
    long deleted = pruned.stream().filter(r -> r.outcome() == Outcome.PRUNED).count();
    above("pruned " + deleted + (deleted == 1 ? " object" : " objects"));
    pruned.stream().filter(ResourceResult::isFailed).forEach(r -> above("  " + r));
  }

  @Override
  public synchronized void applyEnd(ApplyReport report) {
    if (ticker != null) ticker.shutdownNow();
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
    out.flush();
  }

  private synchronized void tick() {
    if (wave != null || !activity.isEmpty()) redraw();
  }

  private void finishWave(String verdict) {
    activity = "";
    redraw();
    out.print(verdict);
    out.println();
    out.flush();
    lineOpen = false;
    wave = null;
  }

  /** Prints a line above the progress line, then redraws the progress line below it. */
  private void above(String line) {
    out.print(ERASE_LINE);
    out.println(line);
    lineOpen = false;
    redraw();
  }

  private void redraw() {
    if (wave == null && activity.isEmpty()) {
      out.flush();
      return;
    }
    out.print(ERASE_LINE);
    out.print(line());
    out.flush();
    lineOpen = true;
  }

  /**
   * {@code wave 2 of 0..4 [############------------]  6/12  4 created, 2 unchanged  1.3s  waiting for …}: waves
   * are numbered from 0, as in the plan.
   */
  String line() {
    if (wave == null) return activity;
    int total = wave.resources().size();
    int done = counts.values().stream().mapToInt(Integer::intValue).sum();
    int filled = total == 0 ? BAR_WIDTH : Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
    StringBuilder line = new StringBuilder()
        .append("wave ").append(wave.index()).append(" of 0..").append(waves - 1).append(" [")
        .append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
        .append(String.format(Locale.ROOT, "%" + String.valueOf(total).length() + "d/%d", done, total));
    StringBuilder outcomes = new StringBuilder();
    counts.forEach((outcome, n) -> outcomes.append(outcomes.length() == 0 ? "" : ", ").append(n).append(' ')
        .append(outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    if (outcomes.length() > 0) line.append("  ").append(outcomes);
    line.append(String.format(Locale.ROOT, "  %.1fs", (nanoTime.getAsLong() - waveStarted) / 1e9));
    if (!activity.isEmpty()) line.append("  ").append(activity);
    return line.toString();
  }
}
