package dev.shipshape.core.plan;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.step.ExternalStep;
import java.util.List;
import org.immutables.value.Value;

/**
 * One {@link ExternalStep} of a {@link Plan}: where it came from, its wave and what it waits for. Executors run it
 * in its wave, after the wave's objects.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class PlannedStep {

  /** The step's {@link ExternalStep#id()}. */
  public abstract String id();

  /** The step's {@link ExternalStep#description()}, as the plan shows it. */
  public abstract String description();

  /** The name of the component that contributed the step. */
  public abstract String component();

  /** The wave the step runs in, from 0. */
  public abstract int wave();

  /** The objects of the plan this step runs after. */
  public abstract List<ResourceRef> prerequisites();

  /** The step itself, which executors run; not part of the plan's identity. */
  @Value.Auxiliary
  public abstract ExternalStep step();

  public static Builder builder() {
    return ImmutablePlannedStep.builder();
  }

  /** Builds {@link PlannedStep}s. */
  public interface Builder {
    /** Starts from every attribute of {@code step}. */
    Builder from(PlannedStep step);

    Builder id(String id);

    Builder description(String description);

    Builder component(String component);

    Builder wave(int wave);

    Builder addAllPrerequisites(Iterable<? extends ResourceRef> prerequisites);

    Builder step(ExternalStep step);

    PlannedStep build();
  }

  @Override
  public String toString() {
    return "step " + id() + " (wave " + wave() + ", " + component() + ")";
  }
}
