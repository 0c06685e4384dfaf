package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.readiness.ConditionResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import dev.shipshape.core.ResourceRef;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Polls gates' targets until their conditions hold or the timeout passes: one gate by reading its target, or many
 * of one kind and namespace with one list per round. A target that does not exist, such as one a controller has
 * still to make, is not ready yet.
 */
final class GateWaiter {
  private final ResourceAccess access;
  private final RunSettings options;
  private final ApplyListener listener;

  GateWaiter(ResourceAccess access, RunSettings options) {
    this(access, options, options.listener());
  }

  /** A waiter that reports to {@code listener} instead of the run's listener. */
  GateWaiter(ResourceAccess access, RunSettings options, ApplyListener listener) {
    this.access = access;
    this.options = options;
    this.listener = listener;
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
    return Optional.of(timedOut(gate, last));
  }

  /**
   * Waits for gates whose targets are of one kind in one namespace (or cluster-scoped), checking all of them with
   * one list per round instead of one read per gate; for each gate, empty when it opened, or the reason it did not.
   */
  Map<Gate, Optional<String>> awaitAll(List<Gate> gates, String apiVersion) {
    gates.forEach(listener::waitStart);
    long deadline = System.nanoTime() + options.timeout().toNanos();
    Map<Gate, ConditionResult> pending = new LinkedHashMap<>();
    gates.forEach(gate -> pending.put(gate, ConditionResult.notMet("not checked yet")));
    Map<Gate, Optional<String>> outcome = new LinkedHashMap<>();
    ResourceRef first = gates.get(0).target();
    try {
      while (true) {
        Map<String, GenericKubernetesResource> live = listByName(apiVersion, first);
        for (Iterator<Map.Entry<Gate, ConditionResult>> it = pending.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<Gate, ConditionResult> entry = it.next();
          GenericKubernetesResource target = live.get(entry.getKey().target().name());
          ConditionResult result = target == null ? notFound(entry.getKey())
              : entry.getKey().condition().evaluate(target);
          entry.setValue(result);
          if (result.isMet()) {
            listener.waitEnd(entry.getKey(), result);
            outcome.put(entry.getKey(), Optional.empty());
            it.remove();
          }
        }
        if (pending.isEmpty() || System.nanoTime() >= deadline) break;
        Thread.sleep(Math.max(1, Math.min(options.pollInterval().toMillis(),
            Duration.ofNanos(deadline - System.nanoTime()).toMillis())));
      }
      pending.forEach((gate, last) -> outcome.put(gate, Optional.of(timedOut(gate, last))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.keySet().forEach(gate -> {
        String reason = "interrupted while waiting for " + gate;
        listener.waitFailed(gate, new IllegalStateException(reason, e));
        outcome.put(gate, Optional.of(reason));
      });
    } catch (RuntimeException e) {
      pending.keySet().forEach(gate -> {
        listener.waitFailed(gate, e);
        outcome.put(gate, Optional.of("could not read " + gate.target() + ": " + Failure.of(e).message));
      });
    }
    Map<Gate, Optional<String>> inGateOrder = new LinkedHashMap<>();
    gates.forEach(gate -> inGateOrder.put(gate, outcome.get(gate)));
    return inGateOrder;
  }

  private Map<String, GenericKubernetesResource> listByName(String apiVersion, ResourceRef first) {
    Map<String, GenericKubernetesResource> byName = new HashMap<>();
    try {
      for (GenericKubernetesResource item : access.list(apiVersion, first.kind(), first.namespace(),
          Optional.empty())) {
        byName.put(item.getMetadata().getName(), item);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) throw e; // not served yet: none of them exists
    }
    return byName;
  }

  private String timedOut(Gate gate, ConditionResult last) {
    String reason = "timed out after " + describe(options.timeout()) + " waiting for " + gate + " ("
        + last.reason() + ")";
    listener.waitFailed(gate, new IllegalStateException(reason));
    return reason;
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
      return live == null ? notFound(gate) : gate.condition().evaluate(live);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return notFound(gate);
      throw e;
    }
  }

  /**
   * A target that does not exist has not met the condition yet: the plan writes it in an earlier wave, or a
   * controller has still to make it from {@link Gate#madeFrom()}, with the likely reasons it has not, which a
   * timeout reports.
   */
  private static ConditionResult notFound(Gate gate) {
    return ConditionResult.notMet(gate.madeFrom().map(from -> "not made yet by the controller of " + from
        + ": that controller may not run on the cluster, may make it only after something else is ready (a"
        + " StatefulSet under podManagementPolicy OrderedReady makes a pod and its claims only once every pod before"
        + " it is Running and Ready), or " + from + " may not cover the name " + gate.target().name() + " (such as"
        + " a StatefulSet's replicas, ordinals and claim templates)").orElse("not found"));
  }
}
