package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.PlannedStep;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.ConditionResult;
import dev.shipshape.core.step.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Passes every event on with Secret values hidden from its results, reports and causes. */
public final class RedactingListener implements ApplyListener {
  private final ApplyListener delegate;
  private final SecretRedactor redactor;

  public RedactingListener(ApplyListener delegate, SecretRedactor redactor) {
    this.delegate = delegate;
    this.redactor = redactor;
  }

  @Override
  public void applyStart(Plan plan) {
    delegate.applyStart(plan);
  }

  @Override
  public void applyEnd(ApplyReport report) {
    delegate.applyEnd(redactor.redact(report));
  }

  @Override
  public void waitStart(Gate gate) {
    delegate.waitStart(gate);
  }

  @Override
  public void waitEnd(Gate gate, ConditionResult result) {
    delegate.waitEnd(gate, result);
  }

  @Override
  public void waitFailed(Gate gate, Throwable cause) {
    delegate.waitFailed(gate, redactor.redact(cause));
  }

  @Override
  public void waveStart(Wave wave) {
    delegate.waveStart(wave);
  }

  @Override
  public void waveEnd(Wave wave) {
    delegate.waveEnd(wave);
  }

  @Override
  public void waveFailed(Wave wave, Throwable cause) {
    delegate.waveFailed(wave, redactor.redact(cause));
  }

  @Override
  public void resourceStart(PlannedResource resource) {
    delegate.resourceStart(resource);
  }

  @Override
  public void resourceRetry(PlannedResource resource, int attempt, Duration delay, Throwable cause) {
    delegate.resourceRetry(resource, attempt, delay, redactor.redact(cause));
  }

  @Override
  public void resourceEnd(ResourceResult result) {
    delegate.resourceEnd(redactor.redact(result));
  }

  @Override
  public void resourceFailed(ResourceResult result, Throwable cause) {
    delegate.resourceFailed(redactor.redact(result), redactor.redact(cause));
  }

  @Override
  public void pruneEnd(List<ResourceResult> pruned) {
    List<ResourceResult> redacted = new ArrayList<>();
    pruned.forEach(r -> redacted.add(redactor.redact(r)));
    delegate.pruneEnd(redacted);
  }

  @Override
  public void stepStart(PlannedStep step) {
    delegate.stepStart(step);
  }

  @Override
  public void stepEnd(StepResult result) {
    delegate.stepEnd(redactor.redact(result));
  }

  @Override
  public void stepFailed(StepResult result, Throwable cause) {
    delegate.stepFailed(redactor.redact(result), redactor.redact(cause));
  }
}
