package dev.shipshape.core.step;

import dev.shipshape.core.ShipshapeStyle;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/** What happened to one {@link ExternalStep} of a plan: its outcome and, for people, what it did or why it failed. */
@Value.Immutable
@ShipshapeStyle
public abstract class StepResult {

  /** The step's {@link ExternalStep#id()}. */
  public abstract String step();

  /** The step's {@link ExternalStep#description()}. */
  public abstract String description();

  public abstract StepOutcome outcome();

  /** The step's wave; -1 until an executor sets it. */
  @Value.Default
  public int wave() {
    return -1;
  }

  /** What the step did ({@code installed revision 1}), would do, or why it failed or was not run. */
  public abstract Optional<String> message();

  public static Builder builder() {
    return ImmutableStepResult.builder();
  }

  /** True for {@link StepOutcome#FAILED}. */
  public boolean isFailed() {
    return outcome() == StepOutcome.FAILED;
  }

  /** Builds {@link StepResult}s. */
  public interface Builder {
    /** Starts from every attribute of {@code result}. */
    Builder from(StepResult result);

    Builder step(String step);

    Builder description(String description);

    Builder outcome(StepOutcome outcome);

    Builder wave(int wave);

    Builder message(String message);

    Builder message(Optional<String> message);

    StepResult build();
  }

  /** {@code updated step helm-release shop/web: upgraded to revision 2}. */
  @Override
  public String toString() {
    return outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " step " + step()
        + message().map(m -> ": " + m).orElse("");
  }
}
