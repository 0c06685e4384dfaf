package dev.shipshape.backup.internal;

import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's namespaced objects by namespace, in spec order, read once per plan: a check per tenant that looks at
 * its own namespace's objects would otherwise scan the whole spec each time, which grows with the square of the
 * tenants.
 */
final class ObjectsByNamespace {
  private final Map<String, List<HasMetadata>> byNamespace = new HashMap<>();

  private ObjectsByNamespace(SpecContext context) {
    for (HasMetadata object : context.resources()) {
      String namespace = object.getMetadata().getNamespace();
      if (namespace != null) byNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()).add(object);
    }
  }

  /** The spec's objects in {@code namespace}, in spec order. */
  static List<HasMetadata> of(SpecContext context, String namespace) {
    return context.shared(ObjectsByNamespace.class, ObjectsByNamespace::new).byNamespace
        .getOrDefault(namespace, List.of());
  }
}
