package dev.shipshape.backup.internal;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Reads a spec object as its typed model. Components already compile typed objects (a {@code VeleroSchedule} a
 * {@code Schedule}), so those are read as they are; only raw manifests are converted. The result is for reading
 * only: it may be the spec's own object.
 */
final class Typed {
  private Typed() {}

  static <T extends HasMetadata> T as(HasMetadata object, Class<T> type) {
    return type.isInstance(object) ? type.cast(object) : Manifests.convert(object, type);
  }
}
