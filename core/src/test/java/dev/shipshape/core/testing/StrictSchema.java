package dev.shipshape.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites Kubernetes OpenAPI schemas so that a JSON Schema validator judges objects the way the API server does
 * with strict field validation ({@code kubectl apply --validate=strict}, the default since Kubernetes 1.27).
 *
 * <ul>
 *   <li>An object schema without {@code additionalProperties} and without
 *       {@code x-kubernetes-preserve-unknown-fields} is closed: the API server drops unknown fields of such objects
 *       and strict validation reports them ("unknown field"). For built-in kinds only schemas that list properties
 *       are closed (property-less ones such as {@code FieldsV1} and {@code RawExtension} hold free-form JSON); for
 *       custom resources every {@code type: object} is closed, as pruning removes every field of an object
 *       schema that lists none (see "Field pruning" in the CustomResourceDefinition documentation).</li>
 *   <li>{@code x-kubernetes-int-or-string: true} and {@code format: int-or-string} accept an integer or a string
 *       even where the schema does not spell out the {@code anyOf}.</li>
 *   <li>Value constraints inside {@code allOf}, {@code anyOf}, {@code oneOf} and {@code not} are left as they are:
 *       structural schemas keep field declarations outside them.</li>
 * </ul>
 */
final class StrictSchema {
  private static final List<String> JUNCTORS = List.of("allOf", "anyOf", "oneOf", "not");

  private final boolean customResource;

  private StrictSchema(boolean customResource) {
    this.customResource = customResource;
  }

  /** Closes every schema of a built-in OpenAPI v3 document's {@code components.schemas}, in place. */
  static void closeBuiltIn(JsonNode schemas) {
    StrictSchema strict = new StrictSchema(false);
    schemas.forEach(schema -> strict.rewrite(schema, false));
  }

  /**
   * A closed copy of a CRD's {@code openAPIV3Schema}. The root always allows {@code apiVersion}, {@code kind} and
   * {@code metadata}, whose schema becomes {@code metadataRef}: the API server validates the metadata of every
   * custom resource as an ObjectMeta, whatever the CRD says.
   */
  static ObjectNode closeCustomResource(JsonNode openApiV3Schema, String metadataRef) {
    ObjectNode root = openApiV3Schema.deepCopy();
    new StrictSchema(true).rewrite(root, false);
    ObjectNode properties = root.with("properties");
    if (!properties.has("apiVersion")) properties.set("apiVersion", stringSchema());
    if (!properties.has("kind")) properties.set("kind", stringSchema());
    properties.set("metadata", JsonNodeFactory.instance.objectNode().put("$ref", metadataRef));
    return root;
  }

  private void rewrite(JsonNode node, boolean inJunctor) {
    if (!node.isObject()) return;
    ObjectNode schema = (ObjectNode) node;
    allowIntOrString(schema);
    if (!inJunctor && shouldClose(schema)) {
      schema.put("additionalProperties", false);
      if (schema.path("x-kubernetes-embedded-resource").asBoolean(false)) allowTypeMeta(schema);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
      rewrite(it.next().getValue(), false);
    }
    rewrite(schema.path("items"), false);
    rewrite(schema.path("additionalProperties"), false);
    for (String junctor : JUNCTORS) {
      JsonNode children = schema.path(junctor);
      if (children.isArray()) children.forEach(child -> rewrite(child, true));
      else rewrite(children, true);
    }
  }

  private boolean shouldClose(ObjectNode schema) {
    if (schema.has("additionalProperties") || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
        || schema.has("$ref")) {
      return false;
    }
    boolean typedObject = "object".equals(schema.path("type").asText());
    return customResource ? typedObject : schema.has("properties") && (typedObject || !schema.has("type"));
  }

  private static void allowIntOrString(ObjectNode schema) {
    boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false)
        || "int-or-string".equals(schema.path("format").asText());
    if (!intOrString || schema.has("anyOf") || schema.has("oneOf")) return;
    schema.remove("type");
    ArrayNode anyOf = schema.putArray("anyOf");
    anyOf.addObject().put("type", "integer");
    anyOf.addObject().put("type", "string");
  }

  /** An embedded object (x-kubernetes-embedded-resource) always has apiVersion, kind and metadata. */
  private static void allowTypeMeta(ObjectNode schema) {
    ObjectNode properties = schema.with("properties");
    if (!properties.has("apiVersion")) properties.set("apiVersion", stringSchema());
    if (!properties.has("kind")) properties.set("kind", stringSchema());
    if (!properties.has("metadata")) {
      properties.set("metadata", JsonNodeFactory.instance.objectNode().put("type", "object")
          .put("x-kubernetes-preserve-unknown-fields", true));
    }
  }

  private static ObjectNode stringSchema() {
    return JsonNodeFactory.instance.objectNode().put("type", "string");
  }
}
