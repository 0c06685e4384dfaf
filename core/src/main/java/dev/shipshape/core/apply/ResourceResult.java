package dev.shipshape.core.apply;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.diff.FieldChange;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What happened to one object: its outcome, the attempts it took, and why it failed or was skipped. */
@Value.Immutable
@ShipshapeStyle
public abstract class ResourceResult {

  public abstract ResourceRef ref();

  public abstract Outcome outcome();

  /** The wave of the object; -1 for pruned objects, which are not in the plan. */
  @Value.Default
  public int wave() {
    return -1;
  }

  /** Requests sent for the object, retries included; 0 when nothing was sent. */
  @Value.Default
  public int attempts() {
    return 0;
  }

  /** The reason for a failure or a skip, or the server's message. */
  public abstract Optional<String> message();

  /** The HTTP status of the final failure, when the server answered. */
  public abstract Optional<Integer> statusCode();

  /** The fields changed by an update. Secret values are hidden. */
  public abstract List<FieldChange> changes();

  public static Builder builder() {
    return ImmutableResourceResult.builder();
  }

  public boolean isFailed() {
    return outcome() == Outcome.FAILED;
  }

  /** Builds {@link ResourceResult}s. */
  public interface Builder {
    /** Starts from every attribute of {@code result}. */
    Builder from(ResourceResult result);

    Builder ref(ResourceRef ref);

    Builder outcome(Outcome outcome);

    Builder wave(int wave);

    Builder attempts(int attempts);

    Builder message(String message);

    Builder message(Optional<String> message);

    Builder statusCode(int statusCode);

    Builder statusCode(Optional<Integer> statusCode);

    Builder addChanges(FieldChange... changes);

    /** Replaces the changes. */
    Builder changes(Iterable<? extends FieldChange> changes);

    Builder addAllChanges(Iterable<? extends FieldChange> changes);

    ResourceResult build();
  }

  @Override
  public String toString() {
    return outcome().name().toLowerCase().replace('_', ' ') + " " + ref()
        + message().map(m -> ": " + m).orElse("");
  }
}
