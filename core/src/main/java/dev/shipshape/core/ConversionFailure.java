package dev.shipshape.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A JSON tree that does not convert into a model class, with a message that never quotes a value (a Secret's would
 * show): the field as a path and the types it must have and has. The data binder's exception, whose message quotes
 * the value, is kept for the field path but is not the cause, so that nothing that prints causes shows it.
 */
final class ConversionFailure extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient JsonProcessingException binding;

  private ConversionFailure(String message, JsonProcessingException binding) {
    super(message);
    this.binding = binding;
  }

  static ConversionFailure of(JsonNode tree, Class<?> type, JsonProcessingException binding) {
    Optional<SchemaMismatch.Field> field = tree.isObject()
        ? SchemaMismatch.field((ObjectNode) tree, mapping(binding)) : Optional.empty();
    return new ConversionFailure(field.map(f -> f.path() + " " + f.problem())
        .orElse("the value does not fit " + type.getSimpleName()), binding);
  }

  /** The data binder's failure, for its field path and target type. */
  Optional<JsonMappingException> mapping() {
    return mapping(binding);
  }

  private static Optional<JsonMappingException> mapping(JsonProcessingException binding) {
    return binding instanceof JsonMappingException ? Optional.of((JsonMappingException) binding) : Optional.empty();
  }
}
