package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.readiness.ConditionResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Optional;

/** Polls one gate's target until its condition holds or the timeout passes. */
final class GateWaiter {
  private final ResourceAccess access;
  private final RunSettings options;
  private final ApplyListener listener;

  GateWaiter(ResourceAccess access, RunSettings options) {
    this.access = access;
    this.options = options;
    this.listener = options.listener();
  }

  /** Waits for the gate; empty when it opened, or the reason it did not. */
  Optional<String> await(Gate gate, String apiVersion) {
    listener.waitStart(gate);
    long deadline = System.nanoTime() + options.timeout().toNanos();
    ConditionResult last = ConditionResult.notMet("not checked yet");
    try {
      while (true) {
        last = check(gate, apiVersion);
        if (last.isMet()) {
          listener.waitEnd(gate, last);
          return Optional.empty();
        }
        if (System.nanoTime() >= deadline) break;
        Thread.sleep(Math.max(1, Math.min(options.pollInterval().toMillis(),
            Duration.ofNanos(deadline - System.nanoTime()).toMillis())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      String reason = "interrupted while waiting for " + gate;
      listener.waitFailed(gate, new IllegalStateException(reason, e));
      return Optional.of(reason);
    } catch (RuntimeException e) {
      String reason = "could not read " + gate.target() + ": " + Failure.of(e).message;
      listener.waitFailed(gate, e);
      return Optional.of(reason);
    }
    String reason = "timed out after " + describe(options.timeout()) + " waiting for " + gate + " ("
        + last.reason() + ")";
    listener.waitFailed(gate, new IllegalStateException(reason));
    return Optional.of(reason);
  }

  /** "5m", "30s", or "300 ms" for timeouts under a second (which used to read "0s"). */
  private static String describe(Duration timeout) {
    if (timeout.toMillis() < 1000) return timeout.toMillis() + " ms";
    return timeout.toSecondsPart() == 0 && timeout.toMinutes() > 0 ? timeout.toMinutes() + "m"
        : timeout.toSeconds() + "s";
  }

  private ConditionResult check(Gate gate, String apiVersion) {
    try {
      GenericKubernetesResource live = access.resource(apiVersion, gate.target()).get();
      return live == null ? ConditionResult.notMet("not found") : gate.condition().evaluate(live);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return ConditionResult.notMet("not found");
      throw e;
    }
  }
}
