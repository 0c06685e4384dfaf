package dev.shipshape.core.step;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.diff.ResourceDiff;
import java.util.List;
import org.immutables.value.Value;

/**
 * What running an {@link ExternalStep} would change: create, update or leave its target, with lines for people
 * (such as {@code ~ Deployment.apps shop/web: spec.replicas 1 -> 2}). Secret values never appear.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class StepDiff {

  /** The step's {@link ExternalStep#id()}. */
  public abstract String step();

  /** The step's {@link ExternalStep#description()}. */
  public abstract String description();

  public abstract ResourceDiff.Action action();

  /** What would change, one line each; empty when unchanged. */
  public abstract List<String> details();

  public static Builder builder() {
    return ImmutableStepDiff.builder();
  }

  /** Builds {@link StepDiff}s. */
  public interface Builder {
    Builder step(String step);

    Builder description(String description);

    Builder action(ResourceDiff.Action action);

    Builder addDetails(String detail);

    Builder addAllDetails(Iterable<String> details);

    StepDiff build();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(action().name().toLowerCase()).append(" step ").append(step());
    for (String detail : details()) out.append("\n    ").append(detail);
    return out.toString();
  }
}
