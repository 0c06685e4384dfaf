package dev.shipshape.core.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas that CustomResourceDefinitions declare ({@code spec.versions[].schema.openAPIV3Schema}), for checking
 * custom resources that the server cannot judge yet: their CRD is new, or changed by the same apply. The server
 * publishes such a schema with {@code apiVersion}, {@code kind} and {@code metadata} added at the root; here the root
 * is read as an embedded resource, which implies the same three fields (a CRD may narrow {@code metadata}, which
 * the server reads as {@code ObjectMeta} all the same). Stateless and thread-safe.
 */
public final class CrdSchemas {
  private static final SchemaWalker WALKER = new SchemaWalker(Map.of());

  private CrdSchemas() {}

  /**
   * The violations of {@code object} against the schema that {@code crd} declares for {@code version}; empty when
   * the CRD declares no schema for that version.
   */
  public static Optional<List<SchemaViolation>> check(JsonNode crd, String version, JsonNode object) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      JsonNode schema = v.path("schema").path("openAPIV3Schema");
      if (version.equals(v.path("name").asText()) && schema.isObject()) {
        ObjectNode root = schema.deepCopy();
        // Whatever the CRD says of metadata, the server reads it as ObjectMeta.
        if (root.path("properties").isObject()) ((ObjectNode) root.get("properties")).remove("metadata");
        root.put("x-kubernetes-embedded-resource", true);
        return Optional.of(WALKER.check(object, root));
      }
    }
    return Optional.empty();
  }
}
