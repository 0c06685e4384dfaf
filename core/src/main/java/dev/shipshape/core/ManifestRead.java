package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What a {@link ManifestReader} read: the objects in file and document order, and a warning for each document or
 * file a tolerant reader skipped (always empty for a strict reader, which throws instead).
 */
public record ManifestRead(List<HasMetadata> objects, List<String> warnings) {
  /** Copies both lists. */
  public ManifestRead {
    objects = List.copyOf(objects);
    warnings = List.copyOf(warnings);
  }
}
