package dev.shipshape.core.apply;

import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.ConditionResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Records every event as one line, in arrival order, and the delays of retries. Thread-safe. */
final class RecordingListener implements ApplyListener {
  private final List<String> events = new ArrayList<>();
  private final List<Duration> retryDelays = new ArrayList<>();

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** The events whose line starts with this prefix. */
  synchronized List<String> events(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).collect(Collectors.toList());
  }

  synchronized List<Duration> retryDelays() {
    return List.copyOf(retryDelays);
  }

  private synchronized void record(String event) {
    events.add(event);
  }

  @Override
  public void applyStart(Plan plan) {
    record("applyStart " + plan.specName());
  }

  @Override
  public void applyEnd(ApplyReport report) {
    record("applyEnd " + (report.isSuccess() ? "success" : "failed"));
  }

  @Override
  public void waitStart(Gate gate) {
    record("waitStart " + gate);
  }

  @Override
  public void waitEnd(Gate gate, ConditionResult result) {
    record("waitEnd " + gate + ": " + result.reason());
  }

  @Override
  public void waitFailed(Gate gate, Throwable cause) {
    record("waitFailed " + gate + ": " + cause.getMessage());
  }

  @Override
  public void waveStart(Wave wave) {
    record("waveStart " + wave.index());
  }

  @Override
  public void waveEnd(Wave wave) {
    record("waveEnd " + wave.index());
  }

  @Override
  public void waveFailed(Wave wave, Throwable cause) {
    record("waveFailed " + wave.index() + ": " + cause.getMessage());
  }

  @Override
  public void resourceStart(PlannedResource resource) {
    record("resourceStart " + resource.ref());
  }

  @Override
  public synchronized void resourceRetry(PlannedResource resource, int attempt, Duration delay, Throwable cause) {
    retryDelays.add(delay);
    record("resourceRetry " + resource.ref() + " after attempt " + attempt);
  }

  @Override
  public void resourceEnd(ResourceResult result) {
    record("resourceEnd " + result.ref() + " " + result.outcome());
  }

  @Override
  public void resourceFailed(ResourceResult result, Throwable cause) {
    record("resourceFailed " + result.ref() + ": " + result.message().orElse(""));
  }

  @Override
  public void pruneEnd(List<ResourceResult> pruned) {
    record("pruneEnd " + pruned.stream().map(r -> r.outcome() + " " + r.ref()).collect(Collectors.joining(", ")));
  }

  @Override
  public void stepStart(dev.shipshape.core.plan.PlannedStep step) {
    record("stepStart " + step.id());
  }

  @Override
  public void stepEnd(dev.shipshape.core.step.StepResult result) {
    record("stepEnd " + result.step() + " " + result.outcome());
  }

  @Override
  public void stepFailed(dev.shipshape.core.step.StepResult result, Throwable cause) {
    record("stepFailed " + result.step() + ": " + cause.getMessage());
  }
}
