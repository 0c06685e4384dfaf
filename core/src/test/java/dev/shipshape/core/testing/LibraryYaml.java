package dev.shipshape.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.core.internal.yaml.QuotingChecker;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The reference text of the SDK's YAML: Jackson's YAML generator (SnakeYAML's emitter) with the settings the SDK
 * renders with (no document start marker, {@code MINIMIZE_QUOTES}, {@code ALWAYS_QUOTE_NUMBERS_AS_STRINGS}, the
 * SDK's {@link QuotingChecker}), set up here apart from the production writer so that tests can check that the
 * production writer's own generator writes the same text, byte for byte.
 */
public final class LibraryYaml {
  private static final ObjectMapper OBJECTS = mapper();
  private static final ObjectMapper TREES = YAMLMapper.builder(factory()).build();

  private LibraryYaml() {}

  /** A fabric8 model object as one YAML document, serialized with fabric8's rules. */
  public static String object(Object object) {
    try {
      return OBJECTS.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Jackson tree as one YAML document. */
  public static String tree(JsonNode tree) {
    try {
      return TREES.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static YAMLFactory factory() {
    return YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .stringQuotingChecker(new QuotingChecker())
        .build();
  }

  private static ObjectMapper mapper() {
    ObjectMapper mapper = YAMLMapper.builder(factory()).build();
    new KubernetesSerialization(mapper, false);
    mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    return mapper;
  }
}
