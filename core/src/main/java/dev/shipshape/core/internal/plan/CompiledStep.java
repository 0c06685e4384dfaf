package dev.shipshape.core.internal.plan;

import dev.shipshape.core.step.ExternalStep;

/** A step that is not a Kubernetes object, with the component that contributed it. */
final class CompiledStep {
  final ExternalStep step;
  final String component;
  final String id;

  CompiledStep(ExternalStep step, String component) {
    this.step = step;
    this.component = component;
    this.id = step.id();
  }
}
