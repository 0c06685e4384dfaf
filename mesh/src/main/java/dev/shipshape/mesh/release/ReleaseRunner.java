package dev.shipshape.mesh.release;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Component;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.PlanExecutor;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.readiness.ConditionResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a {@link Release} against a cluster: each step is a plan (the base spec with the step's routes in place of
 * the Service's {@code TrafficRoutes}) applied through a {@link PlanExecutor}; after each step but the last the
 * release's gate is polled on the live target until it holds or times out. A failed apply or gate applies the
 * rollback step and ends the release. Not thread-safe; one release at a time.
 */
public final class ReleaseRunner {
  private final PlanExecutor executor;
  private final KubernetesClient client;
  private final Duration pollInterval;
  private final ReleaseListener listener;

  private ReleaseRunner(PlanExecutor executor, KubernetesClient client, Duration pollInterval,
      ReleaseListener listener) {
    this.executor = executor;
    this.client = client;
    this.pollInterval = pollInterval;
    this.listener = listener;
  }

  /** A runner applying through {@code executor} and reading gate targets with {@code client}; polls every 2s. */
  public static ReleaseRunner using(PlanExecutor executor, KubernetesClient client) {
    return new ReleaseRunner(Objects.requireNonNull(executor, "executor == null"),
        Objects.requireNonNull(client, "client == null"), Duration.ofSeconds(2), ReleaseListener.NONE);
  }

  public ReleaseRunner pollInterval(Duration interval) {
    return new ReleaseRunner(executor, client, Objects.requireNonNull(interval, "interval == null"), listener);
  }

  public ReleaseRunner listener(ReleaseListener newListener) {
    return new ReleaseRunner(executor, client, pollInterval, Objects.requireNonNull(newListener, "listener == null"));
  }

  /** The plan of one step: the base spec with the step's routes. */
  public static Plan plan(ClusterSpec base, ReleaseStep step) {
    List<Component> components = new ArrayList<>();
    for (Component c : base.components()) {
      if (!c.name().equals(step.routes().name())) components.add(c);
    }
    components.add(step.routes());
    return ClusterSpec.builder().from(base).components(components).build().plan();
  }

  /** Runs every step of the release on top of {@code base}. */
  public ReleaseReport run(Release release, ClusterSpec base) {
    List<String> done = new ArrayList<>();
    List<ReleaseStep> steps = release.steps();
    for (int i = 0; i < steps.size(); i++) {
      ReleaseStep step = steps.get(i);
      listener.stepStart(step);
      Plan plan = plan(base, step);
      ApplyReport applied = executor.apply(plan);
      if (!applied.isSuccess()) {
        String reason = step.name() + " failed to apply: " + applied.failed();
        listener.stepFailed(step, reason);
        return rollBack(release, base, done, reason);
      }
      listener.stepEnd(step);
      if (i < steps.size() - 1 && release.gate().isPresent()) {
        Optional<String> failure = awaitGate(release.gate().get(), plan, step);
        if (failure.isPresent()) return rollBack(release, base, done, failure.get());
      }
      done.add(step.name());
    }
    return new ReleaseReport(release.name(), done, null);
  }

  private ReleaseReport rollBack(Release release, ClusterSpec base, List<String> done, String reason) {
    listener.rollbackStart(release.rollback(), reason);
    ApplyReport applied = executor.apply(plan(base, release.rollback()));
    String why = applied.isSuccess() ? reason : reason + "; the rollback failed too: " + applied.failed();
    return new ReleaseReport(release.name(), done, why);
  }

  private Optional<String> awaitGate(ReleaseGate gate, Plan plan, ReleaseStep step) {
    Optional<HasMetadata> target = plan.find(gate.target()).map(PlannedResource::object);
    if (target.isEmpty()) return Optional.of("gate target " + gate.target() + " is not in the spec");
    long deadline = System.nanoTime() + gate.timeout().toNanos();
    ConditionResult result;
    while (true) {
      HasMetadata live = client.resource(target.get()).get();
      result = live == null ? ConditionResult.notMet(gate.target() + " does not exist")
          : gate.condition().evaluate(live);
      listener.gateChecked(step, result);
      if (result.isMet()) return Optional.empty();
      if (System.nanoTime() >= deadline) break;
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted while waiting for " + gate);
      }
    }
    return Optional.of("gate " + gate + " did not hold after " + step.name() + " within " + gate.timeout() + ": "
        + result.reason());
  }
}
