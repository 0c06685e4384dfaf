package dev.shipshape.core.plan;

import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * A set of objects that can be applied in parallel: everything they depend on is in earlier waves. Before a wave
 * starts, its {@link #gates()} must hold; its {@link #steps()} run after its objects.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Wave {

  /** The wave number, from 0. */
  public abstract int index();

  /** The objects of this wave, in a deterministic order (install order of kinds, then namespace and name). */
  public abstract List<PlannedResource> resources();

  /** What must be ready on the cluster before this wave is applied. */
  public abstract List<Gate> gates();

  /** Steps that are not Kubernetes objects, run after the wave's objects, in this order (by id). */
  public abstract List<PlannedStep> steps();

  public static Builder builder() {
    return ImmutableWave.builder();
  }

  /** Builds {@link Wave}s. */
  public interface Builder {
    /** Starts from every attribute of {@code wave}. */
    Builder from(Wave wave);

    Builder index(int index);

    Builder addResources(PlannedResource resource);

    Builder addResources(PlannedResource... resources);

    /** Replaces the objects. */
    Builder resources(Iterable<? extends PlannedResource> resources);

    Builder addAllResources(Iterable<? extends PlannedResource> resources);

    Builder addGates(Gate... gates);

    /** Replaces the gates. */
    Builder gates(Iterable<? extends Gate> gates);

    Builder addAllGates(Iterable<? extends Gate> gates);

    Builder addSteps(PlannedStep step);

    /** Replaces the steps. */
    Builder steps(Iterable<? extends PlannedStep> steps);

    Wave build();
  }
}
