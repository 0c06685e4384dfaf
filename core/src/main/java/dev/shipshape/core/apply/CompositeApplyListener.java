package dev.shipshape.core.apply;

import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.PlannedStep;
import dev.shipshape.core.step.StepResult;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.ConditionResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Forwards every event to several listeners in order. */
final class CompositeApplyListener implements ApplyListener {
  private final List<ApplyListener> listeners;

  CompositeApplyListener(List<ApplyListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(Consumer<ApplyListener> event) {
    listeners.forEach(event);
  }

  @Override
  public void applyStart(Plan plan) {
    each(l -> l.applyStart(plan));
  }

  @Override
  public void applyEnd(ApplyReport report) {
    each(l -> l.applyEnd(report));
  }

  @Override
  public void waitStart(Gate gate) {
    each(l -> l.waitStart(gate));
  }

  @Override
  public void waitEnd(Gate gate, ConditionResult result) {
    each(l -> l.waitEnd(gate, result));
  }

  @Override
  public void waitFailed(Gate gate, Throwable cause) {
    each(l -> l.waitFailed(gate, cause));
  }

  @Override
  public void waveStart(Wave wave) {
    each(l -> l.waveStart(wave));
  }

  @Override
  public void waveEnd(Wave wave) {
    each(l -> l.waveEnd(wave));
  }

  @Override
  public void waveFailed(Wave wave, Throwable cause) {
    each(l -> l.waveFailed(wave, cause));
  }

  @Override
  public void resourceStart(PlannedResource resource) {
    each(l -> l.resourceStart(resource));
  }

  @Override
  public void resourceRetry(PlannedResource resource, int attempt, Duration delay, Throwable cause) {
    each(l -> l.resourceRetry(resource, attempt, delay, cause));
  }

  @Override
  public void resourceEnd(ResourceResult result) {
    each(l -> l.resourceEnd(result));
  }

  @Override
  public void resourceFailed(ResourceResult result, Throwable cause) {
    each(l -> l.resourceFailed(result, cause));
  }

  @Override
  public void pruneEnd(List<ResourceResult> pruned) {
    each(l -> l.pruneEnd(pruned));
  }

  @Override
  public void stepStart(PlannedStep step) {
    each(l -> l.stepStart(step));
  }

  @Override
  public void stepEnd(StepResult result) {
    each(l -> l.stepEnd(result));
  }

  @Override
  public void stepFailed(StepResult result, Throwable cause) {
    each(l -> l.stepFailed(result, cause));
  }
}
