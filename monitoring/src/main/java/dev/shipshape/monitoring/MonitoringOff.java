package dev.shipshape.monitoring;

import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;

/** Leaves out of an environment's plan every object a Monitoring component of this name holds. */
record MonitoringOff(String component) implements EnvironmentOverride {

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
