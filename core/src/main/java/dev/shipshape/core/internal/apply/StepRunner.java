package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.diff.ResourceDiff;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedStep;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.step.StepContext;
import dev.shipshape.core.step.StepDiff;
import dev.shipshape.core.step.StepOutcome;
import dev.shipshape.core.step.StepResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs the steps of a wave that are not Kubernetes objects, one after the other, with the executor's client and
 * timeout; asks them for their diffs. A step that throws fails with the error's message, never the run.
 */
public final class StepRunner {
  private final StepContext context;
  private final ApplyListener listener;

  public StepRunner(KubernetesClient client, RunSettings options) {
    this.context = StepContext.of(client, options.timeout(), options.dryRun());
    this.listener = options.listener();
  }

  /** Runs the wave's steps in order; each result carries the step's id, description and wave. */
  public List<StepResult> run(Wave wave) {
    List<StepResult> results = new ArrayList<>();
    for (PlannedStep step : wave.steps()) {
      listener.stepStart(step);
      StepResult result = runOne(step);
      if (result.isFailed()) {
        listener.stepFailed(result, new IllegalStateException(result.message().orElse("step " + step.id()
            + " failed")));
      } else {
        listener.stepEnd(result);
      }
      results.add(result);
    }
    return results;
  }

  private StepResult runOne(PlannedStep step) {
    StepResult.Builder result = StepResult.builder().step(step.id()).description(step.description())
        .wave(step.wave());
    try {
      StepResult ran = step.step().run(context);
      return result.outcome(ran.outcome()).message(ran.message()).build();
    } catch (RuntimeException e) {
      return result.outcome(StepOutcome.FAILED).message("unexpected error: " + e).build();
    }
  }

  /** The wave's steps as not attempted, for {@code reason}. */
  public static List<StepResult> notAttempted(Wave wave, String reason) {
    return wave.steps().stream().map(s -> withOutcome(s, StepOutcome.NOT_ATTEMPTED, reason))
        .collect(Collectors.toList());
  }

  /** One result per step of the plan with the same outcome and message, for executors that do not run steps. */
  public static List<StepResult> all(Plan plan, StepOutcome outcome, String message) {
    return plan.steps().stream().map(s -> withOutcome(s, outcome, message)).collect(Collectors.toList());
  }

  private static StepResult withOutcome(PlannedStep step, StepOutcome outcome, String message) {
    return StepResult.builder().step(step.id()).description(step.description()).wave(step.wave())
        .outcome(outcome).message(message).build();
  }

  /** What each step of the plan would change; a step that throws shows the error as its only detail. */
  public List<StepDiff> diff(Plan plan) {
    List<StepDiff> diffs = new ArrayList<>();
    for (PlannedStep step : plan.steps()) {
      StepDiff diff;
      try {
        StepDiff asked = step.step().diff(context);
        diff = StepDiff.builder().step(step.id()).description(step.description()).action(asked.action())
            .addAllDetails(asked.details()).build();
      } catch (RuntimeException e) {
        // Unknown is reported as a change: a diff must not claim that nothing would happen.
        diff = StepDiff.builder().step(step.id()).description(step.description()).action(ResourceDiff.Action.UPDATE)
            .addDetails("could not compute the diff: " + e).build();
      }
      diffs.add(diff);
    }
    return diffs;
  }
}
