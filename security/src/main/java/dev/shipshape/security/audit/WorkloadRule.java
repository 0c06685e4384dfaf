package dev.shipshape.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.findings.Severity;
import java.util.Optional;

/**
 * A rule over pod templates: once per pod spec, or once per container ({@link #perContainer}). Lambdas keep each
 * rule to its one condition.
 */
final class WorkloadRule extends AuditRule {

  /** What a check returns when it fails: the field (relative to the container or pod spec) and the message. */
  static final class Violation {
    final String field;
    final String message;

    private Violation(String field, String message) {
      this.field = field;
      this.message = message;
    }

    static Optional<Violation> of(String field, String message) {
      return Optional.of(new Violation(field, message));
    }
  }

  /** A check of one container of a pod template. */
  interface ContainerCheck {
    Optional<Violation> check(AuditInput.PodTemplate pod, AuditInput.Container container);
  }

  /** A check of one pod spec. */
  interface PodCheck {
    Optional<Violation> check(AuditInput.PodTemplate pod, AuditInput input);
  }

  private final ContainerCheck containerCheck;
  private final PodCheck podCheck;
  private final boolean withInit;
  private final boolean skipJobs;

  private WorkloadRule(String id, Severity severity, String title, String fix, String[] equivalents,
      ContainerCheck containerCheck, PodCheck podCheck, boolean withInit, boolean skipJobs) {
    super(id, severity, title, fix, equivalents);
    this.containerCheck = containerCheck;
    this.podCheck = podCheck;
    this.withInit = withInit;
    this.skipJobs = skipJobs;
  }

  /** A rule checking every container, init containers included when {@code withInit}. */
  static WorkloadRule perContainer(String id, Severity severity, String title, String fix,
      boolean withInit, boolean skipJobs, ContainerCheck check, String... equivalents) {
    return new WorkloadRule(id, severity, title, fix, equivalents, check, null, withInit, skipJobs);
  }

  /** A rule checking every pod spec. */
  static WorkloadRule perPod(String id, Severity severity, String title, String fix, PodCheck check,
      String... equivalents) {
    return new WorkloadRule(id, severity, title, fix, equivalents, null, check, false, false);
  }

  @Override
  public void check(AuditInput input, Results results) {
    for (AuditInput.PodTemplate pod : input.podTemplates()) {
      if (skipJobs && pod.isJob()) continue;
      if (podCheck != null) {
        results.applied();
        podCheck.check(pod, input).ifPresent(v -> results.fail(pod.owner.ref, pod.specPath + v.field, v.message));
        continue;
      }
      for (AuditInput.Container c : pod.containers(withInit)) {
        results.applied();
        containerCheck.check(pod, c).ifPresent(v -> results.fail(pod.owner.ref, c.path + v.field,
            "container '" + c.name() + "' " + v.message));
      }
    }
  }

  /** True when the node is the JSON boolean {@code true}. */
  static boolean isTrue(JsonNode node) {
    return node.isBoolean() && node.booleanValue();
  }

  /** True when the node is the JSON boolean {@code false}. */
  static boolean isFalse(JsonNode node) {
    return node.isBoolean() && !node.booleanValue();
  }
}
