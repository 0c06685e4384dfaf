package dev.shipshape.core.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema that a CustomResourceDefinition declares for one version it serves
 * ({@code spec.versions[].schema.openAPIV3Schema}), for checking custom resources that the server cannot judge yet:
 * their CRD is new, or changed by the same apply. The root is read as an embedded resource ({@code apiVersion},
 * {@code kind} and {@code metadata} implied, as the server adds them), a whole number is an integer, and a CRD that
 * keeps unknown fields ({@code spec.preserveUnknownFields}, left from {@code v1beta1}) has none. Immutable and
 * thread-safe: prepared once per CRD and version, used for each of its custom resources.
 */
public final class CrdSchema {
  private static final SchemaWalker WALKER = new SchemaWalker(Map.of(), true);

  private final Optional<JsonNode> root;
  private final boolean keepsUnknownFields;

  private CrdSchema(Optional<JsonNode> root, boolean keepsUnknownFields) {
    this.root = root;
    this.keepsUnknownFields = keepsUnknownFields;
  }

  /** The schema of {@code version} in {@code crd}; empty when the CRD does not declare that version as served. */
  public static Optional<CrdSchema> of(JsonNode crd, String version) {
    return servedVersion(crd, version).map(v -> {
      JsonNode schema = v.path("schema").path("openAPIV3Schema");
      Optional<JsonNode> root = Optional.of(schema).filter(JsonNode::isObject).map(s -> {
        ObjectNode embedded = s.deepCopy();
        embedded.put("x-kubernetes-embedded-resource", true);
        return embedded;
      });
      return new CrdSchema(root, crd.path("spec").path("preserveUnknownFields").asBoolean(false));
    });
  }

  /** The entry of {@code spec.versions} named {@code version}, when it is served. */
  public static Optional<JsonNode> servedVersion(JsonNode crd, String version) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (version.equals(v.path("name").asText()) && v.path("served").asBoolean(false)) return Optional.of(v);
    }
    return Optional.empty();
  }

  /** The violations of {@code object}; none when the version declares no schema. */
  public List<SchemaViolation> check(JsonNode object) {
    return root.map(schema -> WALKER.check(object, schema).stream()
            .filter(v -> !(keepsUnknownFields && v.reason() == SchemaViolation.Reason.UNKNOWN_FIELD))
            .toList())
        .orElse(List.of());
  }
}
