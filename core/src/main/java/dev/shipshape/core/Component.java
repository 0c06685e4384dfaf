package dev.shipshape.core;

import dev.shipshape.core.step.ExternalStep;
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
   * Objects outside the plan that a controller makes on the cluster from an object of the plan, and that must meet
   * a condition before any object of this component is applied, such as the claim {@code data-db-0} that the
   * StatefulSet controller makes for StatefulSet {@code db}, Bound. The planner orders every object of this
   * component after the object the target is made from, once that one is applied (it does not wait for it to be
   * ready), and puts a gate on the target before them; an executor that waits (the live one) reads the target until
   * the condition holds, a target not made yet counting as not ready, until its timeout. Such an object made from a
   * pre-existing object gets the gate only. A target of the plan is an error: order after it with
   * {@link #dependsOn}. By default, none.
   */
  default List<ControllerObject> awaits() {
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
   * workload it targets. Called only after every component compiled, once per plan, possibly on another thread and
   * at the same time as the other components' validation and the spec checks: read the context, change nothing.
   * By default, no problems.
   */
  default List<Problem> validate(SpecContext context) {
    return List.of();
  }

  /**
   * Ordering edges between this component's own objects, such as Helm hooks and weights: each {@link
   * Dependency}'s dependent is applied only after its prerequisite is applied and, when its kind has a readiness
   * rule, ready. Both ends must be objects this component compiled; the planner reports any other as an error.
   * {@code compiled} are this component's objects after amendments, read-only. By default, none.
   */
  default List<Dependency> orderingEdges(List<HasMetadata> compiled) {
    return List.of();
  }

  /**
   * When an executor deletes some of this component's own objects around applying them, such as Helm hooks with
   * {@code helm.sh/hook-delete-policy}. Targets must be objects this component compiled; the planner reports any
   * other as an error. {@code compiled} are this component's objects after amendments, read-only. By default, none.
   */
  default List<DeletePolicy> deletePolicies(List<HasMetadata> compiled) {
    return List.of();
  }

  /**
   * Ordering rules for this component's custom kinds, added to the planner's built-in rules for every object of
   * the spec, whichever component produced it. By default, none.
   */
  default List<KindOrdering> kindOrderings() {
    return List.of();
  }

  /**
   * When objects of this component's custom kinds are ready; used for gates on dependencies and when an executor
   * waits for workloads. By default, none: custom resources count as ready once applied.
   */
  default List<ReadinessRule> readinessRules() {
    return List.of();
  }

  /**
   * The CustomResourceDefinitions this component's objects need. Planning warns when one is neither in the spec
   * nor declared pre-existing; {@code RequiredCrdsCheck} checks them on a live cluster. By default, none.
   */
  default List<RequiredCrd> requiredCrds() {
    return List.of();
  }

  /**
   * Steps of the plan that are not Kubernetes objects, such as a release that Helm installs: the planner puts each
   * in a wave (see {@link ExternalStep} for how it is ordered) and executors run it there. Called once per plan,
   * with the same context as {@link #compile}. By default, none.
   */
  default List<ExternalStep> externalSteps(CompileContext context) {
    return List.of();
  }
}
