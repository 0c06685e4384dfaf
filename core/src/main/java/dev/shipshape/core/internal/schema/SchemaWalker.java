package dev.shipshape.core.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an object against an OpenAPI v3 schema as the API server publishes it ({@code /openapi/v3}) or a
 * CustomResourceDefinition declares it ({@link CrdSchema}): fields that
 * the schema does not declare, values of the wrong JSON type and missing required fields. It follows the
 * Kubernetes dialect rather than all of JSON Schema: {@code $ref} and {@code allOf} wrappers into
 * {@code components.schemas}, {@code oneOf}/{@code anyOf} of plain types (quantities, int-or-string),
 * {@code x-kubernetes-int-or-string}, {@code x-kubernetes-preserve-unknown-fields} (unknown fields kept),
 * {@code x-kubernetes-embedded-resource} ({@code apiVersion}, {@code kind} and {@code metadata} implied, whatever
 * the schema declares of them, as the server's pruning reads them) and {@code additionalProperties} maps. An object
 * schema with neither properties nor additional properties ({@code RawExtension}) takes anything. A {@code null} value is accepted anywhere: the server drops it. Value
 * rules (formats, patterns, minimums, CEL) are the server's to judge. Stateless and thread-safe.
 */
public final class SchemaWalker {
  private static final String REF_PREFIX = "#/components/schemas/";
  private static final Set<String> EMBEDDED_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final Map<String, JsonNode> components;
  private final boolean wholeNumbersAreIntegers;

  /** A walker resolving {@code $ref}s in these {@code components.schemas}, by name. */
  public SchemaWalker(Map<String, JsonNode> components) {
    this(components, false);
  }

  /**
   * A walker resolving {@code $ref}s in these {@code components.schemas}; with {@code wholeNumbersAreIntegers}, a
   * number without fraction ({@code 1.0}, {@code 1e3}) is an integer, as the server's validation of custom resources
   * takes it (a built-in kind's decoding does not).
   */
  public SchemaWalker(Map<String, JsonNode> components, boolean wholeNumbersAreIntegers) {
    this.components = components;
    this.wholeNumbersAreIntegers = wholeNumbersAreIntegers;
  }

  /** Every violation in {@code object}, in document order; empty when the schema accepts it. */
  public List<SchemaViolation> check(JsonNode object, JsonNode schema) {
    List<SchemaViolation> found = new ArrayList<>();
    walk(object, schema, "", found);
    return found;
  }

  private void walk(JsonNode value, JsonNode schema, String path, List<SchemaViolation> found) {
    JsonNode s = resolve(schema);
    if (value == null || value.isNull() || s == null) return;
    Set<String> types = types(s);
    if (!types.isEmpty() && types.stream().noneMatch(t -> matches(value, t, wholeNumbersAreIntegers))) {
      found.add(new SchemaViolation(path, SchemaViolation.Reason.WRONG_TYPE, String.join(" or ", types)));
      return;
    }
    if (value.isArray()) {
      JsonNode items = s.get("items");
      if (items == null) return;
      for (int i = 0; i < value.size(); i++) walk(value.get(i), items, path + "[" + i + "]", found);
    } else if (value.isObject()) {
      walkObject(value, s, path, found);
    }
  }

  private void walkObject(JsonNode value, JsonNode s, String path, List<SchemaViolation> found) {
    JsonNode properties = s.path("properties");
    JsonNode additional = s.get("additionalProperties");
    boolean preserveUnknown = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);
    boolean open = properties.isMissingNode() && additional == null;
    for (JsonNode required : s.path("required")) {
      if (!value.has(required.asText())) {
        found.add(new SchemaViolation(child(path, required.asText()), SchemaViolation.Reason.MISSING_REQUIRED, ""));
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      String fieldPath = child(path, name);
      if (embedded && EMBEDDED_FIELDS.contains(name)) {
        continue;
      } else if (properties.has(name)) {
        walk(field.getValue(), properties.get(name), fieldPath, found);
      } else if (additional != null && additional.isObject()) {
        walk(field.getValue(), additional, fieldPath, found);
      } else if (preserveUnknown || (additional != null && additional.asBoolean(false))) {
        continue;
      } else if (open) {
        found.add(new SchemaViolation(fieldPath, SchemaViolation.Reason.UNJUDGED, ""));
      } else {
        found.add(new SchemaViolation(fieldPath, SchemaViolation.Reason.UNKNOWN_FIELD, ""));
      }
    }
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The schema itself, or the one its {@code $ref} (or a one-element {@code allOf} of a {@code $ref}) names. */
  private JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    for (int depth = 0; depth < 8 && s != null; depth++) {
      if (s.has("$ref")) {
        String ref = s.get("$ref").asText();
        s = ref.startsWith(REF_PREFIX) ? components.get(ref.substring(REF_PREFIX.length())) : null;
      } else if (s.path("allOf").size() == 1 && !s.has("properties") && !s.has("type")) {
        s = s.get("allOf").get(0);
      } else {
        return s;
      }
    }
    return s;
  }

  /** The JSON types the schema allows; empty when it does not say. */
  private Set<String> types(JsonNode s) {
    Set<String> types = new LinkedHashSet<>();
    if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
      types.add("integer");
      types.add("string");
      return types;
    }
    if (s.has("type")) {
      types.add(s.get("type").asText());
      return types;
    }
    for (String alternatives : List.of("oneOf", "anyOf")) {
      for (JsonNode alternative : s.path(alternatives)) {
        JsonNode resolved = resolve(alternative);
        if (resolved == null || !resolved.has("type")) return Set.of();
        types.add(resolved.get("type").asText());
      }
    }
    return types;
  }

  private static boolean matches(JsonNode value, String type, boolean wholeNumbersAreIntegers) {
    switch (type) {
      case "object":
        return value.isObject();
      case "array":
        return value.isArray();
      case "string":
        return value.isTextual();
      case "integer":
        return value.isIntegralNumber() || (wholeNumbersAreIntegers && value.isNumber()
            && value.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number":
        return value.isNumber();
      case "boolean":
        return value.isBoolean();
      default:
        return true;
    }
  }
}
