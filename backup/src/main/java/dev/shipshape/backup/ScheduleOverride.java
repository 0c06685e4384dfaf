package dev.shipshape.backup;

import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;
import java.util.Objects;

/**
 * Backup schedules on or off in an environment: {@code spec.paused} of every Velero {@code Schedule} of the spec.
 * A paused schedule stays on the cluster and creates no backups until it is resumed, which is Velero's own switch
 * ({@code velero schedule pause}); the environments keep the same objects, and the laptop's plan still shows
 * what production backs up.
 *
 * <pre>{@code
 * Environment.of("laptop", ScheduleOverride.paused());
 * }</pre>
 */
public final class ScheduleOverride implements EnvironmentOverride {
  private final boolean paused;

  private ScheduleOverride(boolean paused) {
    this.paused = paused;
  }

  /** Every schedule paused: no backups in this environment. */
  public static ScheduleOverride paused() {
    return new ScheduleOverride(true);
  }

  /** Every schedule running, also those the spec pauses. */
  public static ScheduleOverride running() {
    return new ScheduleOverride(false);
  }

  @Override
  public String description() {
    return "Velero schedules " + (paused ? "paused" : "running");
  }

  @Override
  public boolean apply(OverriddenObject object) {
    if (!object.ref().groupKind().equals("Schedule." + Velero.GROUP)) return false;
    object.tree().with("spec").put("paused", paused);
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScheduleOverride o && o.paused == paused;
  }

  @Override
  public int hashCode() {
    return Objects.hash(paused);
  }

  @Override
  public String toString() {
    return description();
  }
}
