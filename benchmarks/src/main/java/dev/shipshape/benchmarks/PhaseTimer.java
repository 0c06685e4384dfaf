package dev.shipshape.benchmarks;

import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.ConditionResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times the phases of one apply from the listener's events: the checks before the first write (from {@link #begin}
 * to {@code applyStart}), each wave's gates (first {@code waitStart} to last {@code waitEnd}) and writes
 * ({@code waveStart} to {@code waveEnd}), and what follows the last wave. Start it with {@link #begin} right before
 * the apply; thread-safe.
 */
final class PhaseTimer implements ApplyListener {
  private final List<String> phases = new ArrayList<>();
  private long begun;
  private long mark;
  private long gatesStarted;
  private long gatesEnded;

  synchronized void begin() {
    phases.clear();
    begun = System.nanoTime();
    mark = begun;
    gatesStarted = 0;
  }

  @Override
  public synchronized void applyStart(Plan plan) {
    lap("preflight (namespaces, discovery, access, validation)");
  }

  @Override
  public synchronized void waitStart(Gate gate) {
    if (gatesStarted == 0) gatesStarted = System.nanoTime();
  }

  @Override
  public synchronized void waitEnd(Gate gate, ConditionResult result) {
    gatesEnded = System.nanoTime();
  }

  @Override
  public synchronized void waveStart(Wave wave) {
    if (gatesStarted != 0) {
      phases.add(String.format(Locale.ROOT, "  gates before wave %d: %6.0f ms (%6.0f ms in the waits)", wave.index(),
          (System.nanoTime() - mark) / 1e6, (gatesEnded - gatesStarted) / 1e6));
      gatesStarted = 0;
    } else {
      lap("between waves");
    }
    mark = System.nanoTime();
  }

  @Override
  public synchronized void waveEnd(Wave wave) {
    lap("wave " + wave.index() + " (" + wave.resources().size() + " objects: live read and writes)");
  }

  @Override
  public synchronized void waveFailed(Wave wave, Throwable cause) {
    lap("wave " + wave.index() + " (failed)");
  }

  @Override
  public synchronized void applyEnd(ApplyReport report) {
    lap("after the last wave");
  }

  /** The phases timed since {@link #begin}, one per line. */
  synchronized void print(PrintStream out) {
    phases.forEach(out::println);
  }

  private void lap(String phase) {
    long now = System.nanoTime();
    if (now - mark >= 1_000_000) phases.add(String.format(Locale.ROOT, "  %-60s %6.0f ms", phase, (now - mark) / 1e6));
    mark = now;
  }
}
