package dev.shipshape.core.internal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kind a CustomResourceDefinition defines ({@code Kind.group}) and whether its objects live in namespaces. */
final class CrdKind {
  final String groupKind;
  final boolean namespaced;

  private CrdKind(String groupKind, boolean namespaced) {
    this.groupKind = groupKind;
    this.namespaced = namespaced;
  }

  /** The kind {@code object} defines, when it is a CustomResourceDefinition that names one. */
  static Optional<CrdKind> of(HasMetadata object) {
    if (!"CustomResourceDefinition".equals(object.getKind()) || object.getApiVersion() == null
        || !object.getApiVersion().startsWith("apiextensions.k8s.io/")) {
      return Optional.empty();
    }
    JsonNode spec = Manifests.toTree(object).path("spec");
    String group = spec.path("group").asText("");
    String kind = spec.path("names").path("kind").asText("");
    if (kind.isEmpty()) return Optional.empty();
    // The server requires a scope; one left out is reported by the checks and read here as the usual one.
    return Optional.of(new CrdKind(group.isEmpty() ? kind : kind + "." + group,
        !"Cluster".equals(spec.path("scope").asText("Namespaced"))));
  }

  /** Whether each kind defined by a CustomResourceDefinition among {@code objects} is namespaced. */
  static Map<String, Boolean> namespacedByKind(List<? extends HasMetadata> objects) {
    Map<String, Boolean> namespaced = new HashMap<>();
    for (HasMetadata object : objects) of(object).ifPresent(crd -> namespaced.put(crd.groupKind, crd.namespaced));
    return namespaced;
  }
}
