package dev.shipshape.core.env;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;

/**
 * One compiled object as an {@link EnvironmentOverride} sees it. The planner owns it: overrides change it only
 * through these methods, during {@link EnvironmentOverride#apply}, and never keep it.
 */
public interface OverriddenObject {

  /** The object's identity; an override must not change kind, namespace or name. */
  ResourceRef ref();

  /** The name of the component that produced the object ({@code resources} for raw resources). */
  String component();

  /**
   * The object as a JSON tree, to read and to change in place; the planner turns it back into the object after
   * the overrides ran. The same tree on every call for this object.
   */
  ObjectNode tree();

  /** Leaves the object out of the environment's plan; references to it are then checked as for any missing object. */
  void omit();

  /** Reports a problem of the override on this object, such as a container name the workload does not have. */
  void report(Problem problem);
}
