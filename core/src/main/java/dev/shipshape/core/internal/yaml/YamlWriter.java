package dev.shipshape.core.internal.yaml;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.Optional;

/**
 * Writes YAML documents (without the leading {@code ---}) the way Jackson's YAML generator does with the project's
 * settings (no document start marker, quotes only where needed, strings that look like numbers quoted), but
 * faster: a document whose every value has a certain text is written by a small block-style generator straight
 * from the serializers, and any other document by the library itself. The text is the same either way. All
 * methods are thread-safe.
 */
public final class YamlWriter {
  /** fabric8 model objects, with fabric8's serialization rules (the mapper is configured by a serialization). */
  private static final ObjectWriter OBJECTS = objectWriter();
  /** Jackson trees, with a plain mapper. */
  private static final ObjectWriter TREES = YAMLMapper.builder(factory()).build().writer();

  private YamlWriter() {}

  /** Appends a fabric8 model object (or any value fabric8's serialization can write) as one YAML document. */
  public static void appendObject(Object object, StringBuilder out) {
    append(OBJECTS, object, out);
  }

  /** A fabric8 model object as one YAML document. */
  public static String object(Object object) {
    StringBuilder out = new StringBuilder(1024);
    appendObject(object, out);
    return out.toString();
  }

  /** A Jackson tree as one YAML document. */
  public static String tree(JsonNode tree) {
    StringBuilder out = new StringBuilder(1024);
    append(TREES, tree, out);
    return out.toString();
  }

  /** The block generator's text for a fabric8 model object; empty where it leaves the object to the library. */
  static Optional<String> blockObject(Object object) {
    return block(OBJECTS, object);
  }

  /** The block generator's text for a Jackson tree; empty where it leaves the tree to the library. */
  static Optional<String> blockTree(JsonNode tree) {
    return block(TREES, tree);
  }

  private static void append(ObjectWriter writer, Object value, StringBuilder out) {
    int mark = out.length();
    if (!writeBlock(writer, value, out)) {
      out.setLength(mark);
      out.append(library(writer, value));
    }
  }

  private static Optional<String> block(ObjectWriter writer, Object value) {
    StringBuilder out = new StringBuilder();
    return writeBlock(writer, value, out) ? Optional.of(out.toString()) : Optional.empty();
  }

  /** Writes with the block generator; false when it gave up (what it wrote is then incomplete). */
  private static boolean writeBlock(ObjectWriter writer, Object value, StringBuilder out) {
    BlockYamlGenerator generator = new BlockYamlGenerator(JsonGenerator.Feature.collectDefaults(), null, out);
    try {
      writer.writeValue(generator, value);
      return true;
    } catch (IOException e) {
      if (generator.gaveUp()) return false;
      throw new IllegalStateException("cannot render YAML", e);
    }
  }

  private static String library(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render YAML", e);
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

  private static ObjectWriter objectWriter() {
    ObjectMapper mapper = YAMLMapper.builder(factory()).build();
    new KubernetesSerialization(mapper, false);
    // Map entries (labels, annotations, data, selectors) in key order, as the API server writes them: a spec that
    // builds its labels with Map.of, whose order changes from one JVM to the next, renders the same text every time.
    return mapper.writer()
        .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }
}
