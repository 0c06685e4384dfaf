package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The chain of one object's write: the steps from {@code index} on, the object as it is to be sent, and the state
 * the built-in steps share. {@link #proceed} hands the object to the step at {@code index}, with a chain over the
 * steps after it.
 */
final class WriteChain implements ApplyInterceptor.Chain {
  private final List<ApplyInterceptor> steps;
  private final int index;
  private final PlannedResource resource;
  private final GenericKubernetesResource desired;
  private final Optional<GenericKubernetesResource> live;
  private final boolean dryRun;
  private final WriteState state;

  WriteChain(List<ApplyInterceptor> steps, int index, PlannedResource resource, GenericKubernetesResource desired,
      Optional<GenericKubernetesResource> live, boolean dryRun, WriteState state) {
    this.steps = steps;
    this.index = index;
    this.resource = resource;
    this.desired = desired;
    this.live = live;
    this.dryRun = dryRun;
    this.state = state;
  }

  /** The state of the object's write; every built-in step gets a chain of this type. */
  static WriteState state(ApplyInterceptor.Chain chain) {
    return ((WriteChain) chain).state;
  }

  @Override
  public PlannedResource resource() {
    return resource;
  }

  @Override
  public GenericKubernetesResource desired() {
    return desired;
  }

  @Override
  public Optional<GenericKubernetesResource> live() {
    return live;
  }

  @Override
  public boolean dryRun() {
    return dryRun;
  }

  @Override
  public ResourceResult proceed(GenericKubernetesResource next) {
    Objects.requireNonNull(next, "desired == null");
    if (index >= steps.size()) throw new IllegalStateException("the last step of the write path must not proceed");
    ApplyInterceptor step = steps.get(index);
    ResourceResult result = step.intercept(new WriteChain(steps, index + 1, resource, next, live, dryRun, state));
    if (result == null) throw new IllegalStateException("the write step " + step + " returned no result");
    return result;
  }
}
