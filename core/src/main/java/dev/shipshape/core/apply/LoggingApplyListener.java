package dev.shipshape.core.apply;

import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.ConditionResult;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs apply progress through SLF4J (logger {@code dev.shipshape.apply}): waves and failures at INFO/WARN,
 * each object at DEBUG. Only references and outcomes are logged, never object contents.
 */
public final class LoggingApplyListener implements ApplyListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.shipshape.apply");

  @Override
  public void applyStart(Plan plan) {
    LOG.info("applying {}: {} objects in {} waves", plan.specName(), plan.resources().size(), plan.waves().size());
  }

  @Override
  public void applyEnd(ApplyReport report) {
    LOG.info("{}", report.toText().strip());
  }

  @Override
  public void waitStart(Gate gate) {
    LOG.debug("waiting for {}", gate);
  }

  @Override
  public void waitFailed(Gate gate, Throwable cause) {
    LOG.warn("gate {} did not open: {}", gate, cause.getMessage());
  }

  @Override
  public void waitEnd(Gate gate, ConditionResult result) {
    LOG.debug("{}: {}", gate, result.reason());
  }

  @Override
  public void waveStart(Wave wave) {
    LOG.info("wave {}: {} objects", wave.index(), wave.resources().size());
  }

  @Override
  public void stepStart(dev.shipshape.core.plan.PlannedStep step) {
    LOG.info("running {}", step.description());
  }

  @Override
  public void stepEnd(dev.shipshape.core.step.StepResult result) {
    LOG.info("{}", result);
  }

  @Override
  public void stepFailed(dev.shipshape.core.step.StepResult result, Throwable cause) {
    LOG.warn("{}", result);
  }

  @Override
  public void waveFailed(Wave wave, Throwable cause) {
    LOG.warn("{}", cause.getMessage());
  }

  @Override
  public void resourceRetry(PlannedResource resource, int attempt, Duration delay, Throwable cause) {
    LOG.info("retrying {} in {} ms after attempt {}: {}", resource.ref(), delay.toMillis(), attempt,
        cause.getMessage());
  }

  @Override
  public void resourceEnd(ResourceResult result) {
    LOG.debug("{}", result);
  }

  @Override
  public void resourceFailed(ResourceResult result, Throwable cause) {
    LOG.warn("{}", result);
  }

  @Override
  public void pruneEnd(List<ResourceResult> pruned) {
    pruned.forEach(r -> LOG.info("{}", r));
  }
}
