package dev.shipshape.storage.drift;

import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import org.immutables.value.Value;

/** One reviewed action of a {@link RemediationPlan}: what to do about which object, and the commands for it. */
@Value.Immutable
@ShipshapeStyle
public abstract class RemediationStep {

  /** The rule of the finding this step answers. */
  public abstract String ruleId();

  /** The object concerned, such as {@code PersistentVolume pvc-1f3e} or {@code openstack volume 6c1a…}. */
  public abstract String subject();

  /** What to do and what to check first, in words. */
  public abstract String action();

  /** kubectl and provider CLI commands that carry it out; review them, Shipshape never runs them. */
  public abstract List<String> commands();

  /** True when the commands delete data or objects. */
  public abstract boolean destructive();

  public static Builder builder() {
    return ImmutableRemediationStep.builder();
  }

  /** Builds {@link RemediationStep}s. */
  public interface Builder {
    Builder ruleId(String ruleId);

    Builder subject(String subject);

    Builder action(String action);

    Builder addCommands(String... commands);

    Builder addAllCommands(Iterable<String> commands);

    Builder destructive(boolean destructive);

    RemediationStep build();
  }
}
