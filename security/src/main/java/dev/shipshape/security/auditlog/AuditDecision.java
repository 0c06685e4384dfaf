package dev.shipshape.security.auditlog;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * How the API server logs one request under an {@link AuditPolicy}: the level of the rule that decides it, and the
 * stages at which an event is written. See {@link AuditPolicy#decide}.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class AuditDecision {
  /**
   * Verbs and subresources the API server serves as long-running requests ({@code kube-apiserver}'s {@code
   * BasicLongRunningRequestCheck}): their events are also written when the response starts.
   */
  private static final Set<String> LONG_RUNNING_VERBS = Set.of("watch", "proxy");
  private static final Set<String> LONG_RUNNING_SUBRESOURCES = Set.of("attach", "exec", "proxy", "log",
      "portforward");

  /** The level; {@link AuditLevel#NONE} when no rule matches. */
  public abstract AuditLevel level();

  /** The stages not logged: the policy's and the rule's. */
  public abstract Set<AuditStage> omittedStages();

  /** Whether managed fields are left out of logged bodies. */
  public abstract boolean omitManagedFields();

  /** The index of the first rule that matches, which decides; empty when none does. */
  public abstract Optional<Integer> rule();

  /**
   * The stages at which the API server writes an event for this request, whatever the policy omits: {@code
   * RequestReceived} and {@code ResponseComplete}, and {@code ResponseStarted} for long-running requests (verbs
   * {@code watch} and {@code proxy}; subresources {@code attach}, {@code exec}, {@code log}, {@code portforward} and
   * {@code proxy}). {@code Panic} is left out: only a handler that fails writes it.
   */
  public abstract Set<AuditStage> requestStages();

  /** The stages at which an event is written to the log: none at {@code None}, else those not omitted. */
  public Set<AuditStage> writtenStages() {
    Set<AuditStage> written = EnumSet.noneOf(AuditStage.class);
    if (level() == AuditLevel.NONE) return written;
    written.addAll(requestStages());
    written.removeAll(omittedStages());
    return written;
  }

  /** Whether the request appears in the log at all. */
  public boolean logged() {
    return !writtenStages().isEmpty();
  }

  /**
   * Whether the request's body, if it has one, is written: at {@code Request} or above, with the {@code
   * ResponseComplete} event (the {@code RequestReceived} event is written before the body is read).
   */
  public boolean writesRequestBody() {
    return level().logsBodies() && writtenStages().contains(AuditStage.RESPONSE_COMPLETE);
  }

  /** Whether the response's body is written: at {@code RequestResponse}, with the {@code ResponseComplete} event. */
  public boolean writesResponseBody() {
    return level() == AuditLevel.REQUEST_RESPONSE && writtenStages().contains(AuditStage.RESPONSE_COMPLETE);
  }

  static AuditDecision of(AuditLevel level, Set<AuditStage> omitted, boolean omitManagedFields,
      Optional<Integer> rule, AccessRequest request) {
    Set<AuditStage> stages = EnumSet.of(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_COMPLETE);
    if (LONG_RUNNING_VERBS.contains(request.verb()) || LONG_RUNNING_SUBRESOURCES.contains(request.subresource())) {
      stages.add(AuditStage.RESPONSE_STARTED);
    }
    return ImmutableAuditDecision.builder().level(level).omittedStages(omitted).omitManagedFields(omitManagedFields)
        .rule(rule).requestStages(stages).build();
  }

  @Override
  public String toString() {
    return level().wireName() + rule().map(i -> " by rules[" + i + "]").orElse(" (no rule matches)");
  }
}
