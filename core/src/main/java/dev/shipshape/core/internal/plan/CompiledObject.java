package dev.shipshape.core.internal.plan;

import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** One compiled object with the component that produced it. */
final class CompiledObject {
  final ResourceRef ref;
  final HasMetadata object;
  final String component;

  CompiledObject(HasMetadata object, String component) {
    this.ref = ResourceRef.of(object);
    this.object = object;
    this.component = component;
  }
}
