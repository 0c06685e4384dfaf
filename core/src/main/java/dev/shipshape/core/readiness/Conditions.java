package dev.shipshape.core.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.internal.schema.CrdStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;
import java.util.function.Function;

/**
 * The built-in readiness gates. Namespace and CustomResourceDefinition gates are always applied between waves;
 * workload gates only when waiting for workloads is asked for. Each follows what {@code kubectl rollout status}
 * and {@code kubectl wait} check.
 */
public final class Conditions {
  private Conditions() {}

  /**
   * A CustomResourceDefinition whose {@code Established} condition is {@code True}: its API is served. While it is
   * not, a {@code NamesAccepted} condition that is {@code False} is the reason given: the server refused its names
   * (taken by another CRD of the group) and will not establish it until that changes.
   */
  public static ReadinessCondition crdEstablished() {
    return named("CustomResourceDefinition Established", status -> {
      for (JsonNode c : status.path("conditions")) {
        if ("Established".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
          return met("Established");
        }
      }
      return notMet(CrdStatus.namesRefused(status)
          .map(why -> "the server refused its names (" + why + ")").orElse("not Established yet"));
    });
  }

  /** A Namespace in phase {@code Active} (not {@code Terminating}). */
  public static ReadinessCondition namespaceActive() {
    return named("Namespace Active", status -> {
      String phase = status.path("phase").asText("");
      return phase.equals("Active") ? met("Active") : notMet(phase.isEmpty() ? "no phase yet" : "phase " + phase);
    });
  }

  /**
   * A Deployment, StatefulSet or ReplicaSet whose controller has seen the latest generation and whose replicas
   * are all updated and available.
   */
  public static ReadinessCondition replicasReady(String kind) {
    return new ObjectCondition(kind + " ready", live -> {
      JsonNode tree = Manifests.toTree(live);
      JsonNode status = tree.path("status");
      long generation = tree.path("metadata").path("generation").asLong(0);
      long observed = status.path("observedGeneration").asLong(0);
      int desired = tree.path("spec").path("replicas").asInt(1);
      int ready = status.path(kind.equals("Deployment") ? "availableReplicas" : "readyReplicas").asInt(0);
      int updated = status.path("updatedReplicas").asInt(kind.equals("ReplicaSet") ? ready : 0);
      if (generation > 0 && observed < generation) return notMet("controller has not seen generation " + generation);
      if (updated < desired) return notMet(updated + "/" + desired + " replicas updated");
      // As kubectl rollout status: replicas of the old revision still running are part of the rollout.
      int old = status.path("replicas").asInt(updated) - updated;
      if (kind.equals("Deployment") && old > 0) return notMet(old + " old replicas pending termination");
      return ready >= desired ? met(ready + "/" + desired + " replicas ready")
          : notMet(ready + "/" + desired + " replicas ready");
    });
  }

  /** A DaemonSet with a ready pod on every node it is scheduled to. */
  public static ReadinessCondition daemonSetReady() {
    return named("DaemonSet ready", status -> {
      int desired = status.path("desiredNumberScheduled").asInt(-1);
      int ready = status.path("numberReady").asInt(0);
      if (desired < 0) return notMet("not scheduled yet");
      return ready >= desired ? met(ready + "/" + desired + " pods ready")
          : notMet(ready + "/" + desired + " pods ready");
    });
  }

  /** A Job with the {@code Complete} condition; a {@code Failed} condition is reported as not met. */
  public static ReadinessCondition jobComplete() {
    return named("Job complete", status -> {
      for (JsonNode c : status.path("conditions")) {
        if ("True".equals(c.path("status").asText())) {
          if ("Complete".equals(c.path("type").asText())) return met("complete");
          if ("Failed".equals(c.path("type").asText())) return notMet("failed: " + c.path("message").asText());
        }
      }
      return notMet(status.path("succeeded").asInt(0) + " pods succeeded");
    });
  }

  /** A PersistentVolumeClaim in phase {@code Bound}. */
  public static ReadinessCondition pvcBound() {
    return named("PersistentVolumeClaim Bound", status -> {
      String phase = status.path("phase").asText("");
      return phase.equals("Bound") ? met("Bound") : notMet(phase.isEmpty() ? "no phase yet" : "phase " + phase);
    });
  }

  /** The workload readiness gate for a kind, when there is one (Deployment, StatefulSet, DaemonSet, …). */
  public static Optional<ReadinessCondition> workloadReadiness(String kind) {
    switch (kind) {
      case "Deployment":
      case "StatefulSet":
      case "ReplicaSet":
        return Optional.of(replicasReady(kind));
      case "DaemonSet":
        return Optional.of(daemonSetReady());
      case "Job":
        return Optional.of(jobComplete());
      case "PersistentVolumeClaim":
        return Optional.of(pvcBound());
      default:
        return Optional.empty();
    }
  }

  private static ConditionResult met(String reason) {
    return ConditionResult.met(reason);
  }

  private static ConditionResult notMet(String reason) {
    return ConditionResult.notMet(reason);
  }

  private static ReadinessCondition named(String description, Function<JsonNode, ConditionResult> onStatus) {
    return new ObjectCondition(description, live -> onStatus.apply(Manifests.toTree(live).path("status")));
  }

  /** A condition computed from the whole live object. */
  private static final class ObjectCondition implements ReadinessCondition {
    private final String description;
    private final Function<HasMetadata, ConditionResult> check;

    ObjectCondition(String description, Function<HasMetadata, ConditionResult> check) {
      this.description = description;
      this.check = check;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public ConditionResult evaluate(HasMetadata live) {
      return check.apply(live);
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
