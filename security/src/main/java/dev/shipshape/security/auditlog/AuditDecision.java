package dev.shipshape.security.auditlog;

import dev.shipshape.core.ShipshapeStyle;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/** How the API server logs one request under an {@link AuditPolicy}: see {@link AuditPolicy#decide}. */
@Value.Immutable
@ShipshapeStyle
public abstract class AuditDecision {

  /** The level; {@link AuditLevel#NONE} when no rule matches. */
  public abstract AuditLevel level();

  /** The stages not logged: the policy's and the rule's. */
  public abstract Set<AuditStage> omittedStages();

  /** Whether managed fields are left out of logged bodies. */
  public abstract boolean omitManagedFields();

  /** The index of the first rule that matches, which decides; empty when none does. */
  public abstract Optional<Integer> rule();

  static AuditDecision of(AuditLevel level, Set<AuditStage> omitted, boolean omitManagedFields,
      Optional<Integer> rule) {
    return ImmutableAuditDecision.builder().level(level).omittedStages(omitted).omitManagedFields(omitManagedFields)
        .rule(rule).build();
  }

  @Override
  public String toString() {
    return level().wireName() + rule().map(i -> " by rules[" + i + "]").orElse(" (no rule matches)");
  }
}
