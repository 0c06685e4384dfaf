package dev.shipshape.monitoring.internal;

import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;

/** Leaves out of an environment's plan every object a Monitoring component of this name holds. */
public record MonitoringOff(String component) implements EnvironmentOverride {

  @Override
  public String description() {
    return "monitoring off (the objects of component " + component + ")";
  }

  @Override
  public boolean apply(OverriddenObject object) {
    if (!object.component().equals(component)) return false;
    object.omit();
    return true;
  }
}
