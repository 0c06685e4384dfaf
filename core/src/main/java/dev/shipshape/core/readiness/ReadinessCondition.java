package dev.shipshape.core.readiness;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A readiness gate: a named check on the live state of one object, such as "CustomResourceDefinition
 * Established" or "Deployment available". Executors evaluate it between waves until it is met or times out.
 * Implementations must be stateless and fast.
 */
public interface ReadinessCondition {

  /** What the condition waits for, in words. */
  String description();

  /** Evaluates the condition on the object as the API server returned it. */
  ConditionResult evaluate(HasMetadata live);

  /** A condition from a user predicate; the reason is the description itself. */
  static ReadinessCondition of(String description, Predicate<HasMetadata> predicate) {
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(predicate, "predicate == null");
    return new ReadinessCondition() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public ConditionResult evaluate(HasMetadata live) {
        return predicate.test(live)
            ? ConditionResult.met(description)
            : ConditionResult.notMet("waiting for " + description);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
