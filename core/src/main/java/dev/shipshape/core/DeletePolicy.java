package dev.shipshape.core;

import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * When an executor deletes one of a component's objects around applying it, such as a Helm hook's {@code
 * helm.sh/hook-delete-policy}: before it is created again, once it is ready (succeeded), or once it failed to get
 * ready. Components declare them with {@link Component#deletePolicies}; the plan carries them and shows them.
 *
 * <p>{@link When#BEFORE_CREATION}: an existing object is deleted, and gone, before the object is applied, so it is
 * created afresh (a Job runs again). {@link When#AFTER_SUCCESS}: once applied, the executor waits for the object's
 * readiness (an object of a kind without readiness rule counts as ready once applied) and deletes it;
 * {@link When#AFTER_FAILURE}: it deletes the object when that wait fails.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class DeletePolicy {

  /** The moments an object is deleted. */
  public enum When {
    /** Before it is applied, when it exists. */
    BEFORE_CREATION,
    /** Once it is ready. */
    AFTER_SUCCESS,
    /** Once waiting for it to get ready failed. */
    AFTER_FAILURE
  }

  @Value.Parameter
  public abstract ResourceRef target();

  @Value.Parameter
  public abstract Set<When> when();

  public static DeletePolicy of(ResourceRef target, Set<When> when) {
    return ImmutableDeletePolicy.of(target, when);
  }

  /** True when the policy deletes its object at {@code moment}. */
  public boolean deletes(When moment) {
    return when().contains(moment);
  }

  @Value.Check
  void check() {
    if (when().isEmpty()) {
      throw new IllegalStateException("DeletePolicy " + target() + ".when: empty — give at least one moment");
    }
  }

  /** {@code Job.batch shop/migrate deleted before creation, after success}. */
  @Override
  public String toString() {
    return target() + " deleted " + when().stream().sorted()
        .map(w -> w.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).collect(Collectors.joining(", "));
  }
}
