package dev.shipshape.helm;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What upgrading a {@link ReleaseMode#RELEASED released} chart would change: the objects of the release's deployed
 * manifest (as Helm recorded it) against the manifest the chart renders now with the given values for the cluster's
 * Kubernetes version, as {@code helm upgrade --dry-run} computes it. Hooks are not part of a release's manifest and
 * not compared. Values and object contents are never shown: only which objects change.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ReleaseDiff {

  public abstract String release();

  public abstract String namespace();

  /** The deployed revision compared against; empty when the release is not installed. */
  public abstract Optional<Integer> revision();

  /** Objects the upgrade (or the install) would create. */
  public abstract List<ResourceRef> added();

  /** Objects whose content would change. */
  public abstract List<ResourceRef> changed();

  /** Objects of the release the upgrade would delete. */
  public abstract List<ResourceRef> removed();

  /** How many objects stay as they are. */
  public abstract int unchanged();

  public static Builder builder() {
    return ImmutableReleaseDiff.builder();
  }

  /** True when the upgrade would change no object. */
  public boolean isEmpty() {
    return revision().isPresent() && added().isEmpty() && changed().isEmpty() && removed().isEmpty();
  }

  /** One line per changed object ({@code + }, {@code ~ }, {@code - }), then a count. */
  public String toText() {
    StringBuilder out = new StringBuilder("release ").append(namespace()).append('/').append(release())
        .append(revision().map(r -> " (revision " + r + ")").orElse(" (not installed)")).append('\n');
    added().forEach(r -> out.append("+ ").append(r).append('\n'));
    changed().forEach(r -> out.append("~ ").append(r).append('\n'));
    removed().forEach(r -> out.append("- ").append(r).append('\n'));
    return out.append(added().size()).append(" to add, ").append(changed().size()).append(" to change, ")
        .append(removed().size()).append(" to remove, ").append(unchanged()).append(" unchanged\n").toString();
  }

  /** Builds a {@link ReleaseDiff}. */
  public interface Builder {
    Builder release(String release);

    Builder namespace(String namespace);

    Builder revision(int revision);

    Builder addAdded(ResourceRef ref);

    Builder addChanged(ResourceRef ref);

    Builder addRemoved(ResourceRef ref);

    Builder unchanged(int unchanged);

    ReleaseDiff build();
  }
}
