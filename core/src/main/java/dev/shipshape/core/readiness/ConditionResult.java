package dev.shipshape.core.readiness;

import java.util.Objects;

/** Whether a {@link ReadinessCondition} holds, with the reason in words ("2/3 replicas ready"). */
public final class ConditionResult {
  private final boolean met;
  private final String reason;

  private ConditionResult(boolean met, String reason) {
    this.met = met;
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  public static ConditionResult met(String reason) {
    return new ConditionResult(true, reason);
  }

  public static ConditionResult notMet(String reason) {
    return new ConditionResult(false, reason);
  }

  public boolean isMet() {
    return met;
  }

  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return (met ? "met: " : "not met: ") + reason;
  }
}
