package dev.shipshape.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reading and writing Kubernetes manifests: multi-document YAML or JSON, {@code List} kinds, files and
 * directories. Built-in kinds come back as typed fabric8 models, everything else as
 * {@code GenericKubernetesResource}. All methods are thread-safe.
 */
public final class Manifests {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper YAML = YAMLMapper.builder(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build())
      .build();

  private Manifests() {}

  /**
   * Parses YAML or JSON text holding one or more documents; {@code List} kinds are flattened into their items and
   * empty documents skipped.
   *
   * @throws IllegalArgumentException when a document is not valid YAML or is not a Kubernetes object
   */
  public static List<HasMetadata> parse(String text) {
    return parse(text, "manifest");
  }

  /** Reads a manifest file, or every {@code .yaml}, {@code .yml} and {@code .json} file under a directory. */
  public static List<HasMetadata> read(Path path) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.walk(path)) {
        List<Path> sorted = files.filter(Files::isRegularFile).filter(Manifests::isManifestFile).sorted()
            .collect(Collectors.toList());
        List<HasMetadata> all = new ArrayList<>();
        for (Path file : sorted) all.addAll(read(file));
        return all;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list manifests under " + path, e);
      }
    }
    try {
      return parse(Files.readString(path), path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest file " + path, e);
    }
  }

  /** True for the file names {@link #read} picks up in a directory. */
  public static boolean isManifestFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
        && !name.equals("kustomization.yaml") && !name.equals("kustomization.yml");
  }

  private static List<HasMetadata> parse(String text, String source) {
    List<HasMetadata> result = new ArrayList<>();
    int index = 0;
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (docs.hasNextValue()) {
        index++;
        JsonNode doc = docs.nextValue();
        if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) continue;
        addDocument(doc, source, index, result);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith(source)) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException(
          source + ", document " + Math.max(index, 1) + ": not valid YAML (" + firstLine(e) + ")", e);
    }
    return result;
  }

  private static void addDocument(JsonNode doc, String source, int index, List<HasMetadata> out) {
    if (!doc.isObject() || !doc.hasNonNull("kind") || !doc.hasNonNull("apiVersion")) {
      throw new IllegalArgumentException(
          source + ", document " + index + ": not a Kubernetes object — add apiVersion and kind, such as 'apiVersion: v1' and 'kind: ConfigMap'");
    }
    if (doc.get("kind").asText().endsWith("List") && doc.has("items")) {
      for (JsonNode item : doc.get("items")) addDocument(item, source, index, out);
      return;
    }
    KubernetesResource resource = SERIALIZATION.convertValue(doc, KubernetesResource.class);
    if (!(resource instanceof HasMetadata)) {
      throw new IllegalArgumentException(source + ", document " + index + ": " + doc.get("kind").asText()
          + " is not an object with metadata — only objects with metadata (a name) can be applied");
    }
    out.add((HasMetadata) resource);
  }

  /** A deep copy, so that callers can change it without touching the original. */
  public static <T extends HasMetadata> T copy(T object) {
    return SERIALIZATION.clone(object);
  }

  /** One object as a YAML document, without the leading {@code ---}. */
  public static String toYaml(Object object) {
    try {
      return YAML.writeValueAsString(toTree(object));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render YAML", e);
    }
  }

  /**
   * Writes one object as a YAML document (without the leading {@code ---}) to {@code out}, which stays open; for
   * streaming many objects without holding their text.
   */
  public static void writeYaml(Object object, java.io.Writer out) throws java.io.IOException {
    YAML.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, toTree(object));
  }

  /** Objects as multi-document YAML in the given order, as {@code kubectl apply -f} reads it. */
  public static String toYaml(List<? extends HasMetadata> objects) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata object : objects) out.append("---\n").append(toYaml(object));
    return out.toString();
  }

  /** The JSON tree of a fabric8 model object, with fabric8's own serialization rules (no nulls). */
  public static ObjectNode toTree(Object object) {
    return SERIALIZATION.convertValue(object, ObjectNode.class);
  }

  /** A fabric8 model object from its JSON tree; typed when the kind is a built-in one. */
  public static HasMetadata fromTree(JsonNode tree) {
    return (HasMetadata) SERIALIZATION.convertValue(tree, KubernetesResource.class);
  }

  /** Converts between fabric8 models and other Jackson-mapped types. */
  public static <T> T convert(Object value, Class<T> type) {
    return SERIALIZATION.convertValue(value, type);
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
