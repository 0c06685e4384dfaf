package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * A part of a {@link ClusterSpec} that compiles into Kubernetes objects: the extension point that every Shipshape
 * module implements ({@code NetworkPolicySet}, {@code RbacProfile}, {@code VeleroSchedule}, …).
 *
 * <p>Implementations are immutable values. {@link #compile} must return fresh objects on every call (the planner
 * stamps labels on them) and must not throw checked exceptions; a component that finds itself invalid while
 * compiling throws a {@link SpecValidationException} listing its problems, and the planner reports them together
 * with every other problem of the spec.
 */
public interface Component {

  /** A name unique within the spec, shown in problems and in the plan summary. */
  String name();

  /**
   * The objects this component stands for, as typed fabric8 models or {@code GenericKubernetesResource}s. Each
   * call returns new objects, which the planner takes over (it stamps common labels on them): never return an
   * object the component keeps.
   */
  List<HasMetadata> compile(CompileContext context);

  /**
   * Objects that must be applied, and ready, before any object of this component. By default, none; the
   * planner already orders by kind, namespace and custom resource definition.
   */
  default List<ResourceRef> dependsOn() {
    return List.of();
  }

  /**
   * Labels and annotations this component adds to objects that others produce, such as Pod Security labels on
   * tenant Namespaces. Applied after every component compiled, before validation. By default, none.
   */
  default List<Amendment> amendments() {
    return List.of();
  }

  /**
   * Checks this component against the whole compiled spec, for example that a container it names exists in the
   * workload it targets. Called only after every component compiled. By default, no problems.
   */
  default List<Problem> validate(SpecContext context) {
    return List.of();
  }
}
