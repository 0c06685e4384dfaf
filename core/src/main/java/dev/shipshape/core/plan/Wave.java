package dev.shipshape.core.plan;

import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * A set of objects that can be applied in parallel: everything they depend on is in earlier waves. Before a wave
 * starts, its {@link #gates()} must hold.
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

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Wave}s. */
  public static final class Builder extends ImmutableWave.Builder {}
}
