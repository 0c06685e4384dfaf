package dev.shipshape.core;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Says why a manifest does not convert into its kind's model, for people: the object, the field (as a path, such
 * as {@code spec.template.spec.containers[0].ports[1].containerPort}), the type the field must have and the type it
 * has — never the value, which may be a Secret's. The data binder's own message quotes the value and names Java
 * classes, so it is shown only where it gives no field, and never for a Secret.
 */
final class SchemaMismatch {
  private SchemaMismatch() {}

  /** The field that did not convert, as a path, and what it must be and is instead (without its value). */
  record Field(String path, String problem) { }

  /** Why {@code object} (of kind {@code kind}) failed to convert with {@code failure}, for a list of problems. */
  static String describe(String kind, ObjectNode object, IllegalArgumentException failure) {
    String subject = kind + " " + name(object);
    return field(object, mappingFailure(failure))
        .map(f -> subject + " does not match its schema: " + f.path() + " " + f.problem() + " — fix the manifest")
        .orElseGet(() -> subject + " does not match its schema" + detail(kind, failure) + " — fix the manifest");
  }

  /** The data binder's own words, where they are all there is, but never for a Secret (they quote the value). */
  static String detail(String kind, IllegalArgumentException failure) {
    return kind.equals("Secret") ? "" : " (" + firstLine(failure) + ")";
  }

  /** The field {@code mapping} names in {@code object}, when it names one. */
  static Optional<Field> field(ObjectNode object, Optional<JsonMappingException> mapping) {
    List<JsonMappingException.Reference> path = mapping.map(JsonMappingException::getPath).orElse(List.of());
    if (path.isEmpty()) return Optional.empty();
    StringBuilder field = new StringBuilder();
    JsonNode node = object;
    for (JsonMappingException.Reference step : path) {
      if (step.getFieldName() != null) {
        if (field.length() > 0) field.append('.');
        field.append(step.getFieldName());
        node = node.path(step.getFieldName());
      } else {
        field.append('[').append(step.getIndex()).append(']');
        node = node.path(step.getIndex());
      }
    }
    Class<?> expected = targetType(mapping.get());
    return Optional.of(new Field(field.toString(), "must be " + expected(expected)
        + (node.isMissingNode() ? "" : ", not " + actual(node) + quoteHint(expected, node))));
  }

  /**
   * Why a value meant as text came out as a boolean or number: YAML 1.1, as kubectl and the API server read it, takes
   * plain y, yes, on, n, no and off for booleans and digits for numbers; quotes keep it text.
   */
  private static String quoteHint(Class<?> expected, JsonNode node) {
    if (expected != String.class) return "";
    if (node.isBoolean()) {
      return " (YAML reads plain y, yes, on, n, no and off as booleans, as kubectl does: put the value in quotes)";
    }
    return node.isNumber() ? " (put the value in quotes to keep it text)" : "";
  }

  private static String name(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").isTextual() ? metadata.path("name").asText() : "";
    String namespace = metadata.path("namespace").isTextual() ? metadata.path("namespace").asText() : "";
    if (name.isEmpty()) return "(without a name)";
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** The data binder's failure behind {@code failure}: kept apart by a {@link ConversionFailure}, else a cause. */
  static Optional<JsonMappingException> mappingFailure(Throwable failure) {
    if (failure instanceof ConversionFailure) return ((ConversionFailure) failure).mapping();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonMappingException) return Optional.of((JsonMappingException) t);
    }
    return Optional.empty();
  }

  /** The class the binder was making: a plain value's, or one made by a constructor (fabric8's IntOrString). */
  private static Class<?> targetType(JsonMappingException mapping) {
    if (mapping instanceof MismatchedInputException) return ((MismatchedInputException) mapping).getTargetType();
    if (mapping instanceof ValueInstantiationException) {
      return ((ValueInstantiationException) mapping).getType().getRawClass();
    }
    return null;
  }

  private static String expected(Class<?> type) {
    if (type == null) return "of another type";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) return "a number";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type == String.class) return "a string";
    if (type == IntOrString.class) return "an integer or a string";
    if (Map.class.isAssignableFrom(type)) return "a map";
    if (Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
    return "a map of fields";
  }

  private static String actual(JsonNode node) {
    if (node.isTextual()) return "a string";
    if (node.isIntegralNumber()) return "an integer";
    if (node.isNumber()) return "a number";
    if (node.isBoolean()) return "true or false";
    if (node.isArray()) return "a list";
    if (node.isObject()) return "a map";
    return "null";
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
