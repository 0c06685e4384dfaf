package dev.shipshape.networking.reach.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * Reads manifests the way cluster snapshots come: {@code .yaml}, {@code .yml} and {@code .json} files, several
 * documents per file, {@code *List} objects whose items may omit their kind. Files and documents that are not
 * Kubernetes objects are skipped with a warning instead of failing the whole read; other file names are ignored.
 */
public final class TolerantLoader {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new JsonMapper();

  /** The objects read, and a warning for each thing skipped. */
  public record Result(List<HasMetadata> objects, List<String> warnings) {}

  private TolerantLoader() {}

  /** Reads a file, or every manifest file under a directory in path order. */
  public static Result read(Path path) {
    List<HasMetadata> objects = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).filter(Manifests::isManifestFile).sorted()
            .collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list manifests under " + path, e);
      }
    } else if (Files.isRegularFile(path)) {
      files = List.of(path);
    } else {
      throw new IllegalArgumentException(path + " is neither a manifest file nor a directory");
    }
    for (Path file : files) readFile(file, objects, warnings);
    return new Result(List.copyOf(objects), List.copyOf(warnings));
  }

  private static void readFile(Path file, List<HasMetadata> objects, List<String> warnings) {
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = (json ? JSON : YAML).readerFor(JsonNode.class)
        .readValues(Files.readString(file))) {
      while (docs.hasNextValue()) documents.add(docs.nextValue());
    } catch (IOException | RuntimeException e) {
      warnings.add(file + ": skipped, not readable as YAML or JSON (" + firstLine(e) + ")");
      return;
    }
    for (int i = 0; i < documents.size(); i++) {
      JsonNode doc = documents.get(i);
      if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) continue;
      addDocument(doc, null, null, file + ", document " + (i + 1), objects, warnings);
    }
  }

  private static void addDocument(JsonNode doc, String defaultKind, String defaultApiVersion, String where,
      List<HasMetadata> objects, List<String> warnings) {
    if (!doc.isObject()) {
      warnings.add(where + ": skipped, not a Kubernetes object");
      return;
    }
    ObjectNode object = ((ObjectNode) doc).deepCopy();
    if (!object.hasNonNull("kind") && defaultKind != null) object.put("kind", defaultKind);
    if (!object.hasNonNull("apiVersion") && defaultApiVersion != null) object.put("apiVersion", defaultApiVersion);
    if (!object.hasNonNull("kind") || !object.hasNonNull("apiVersion")) {
      warnings.add(where + ": skipped, not a Kubernetes object (apiVersion and kind are required)");
      return;
    }
    String kind = object.get("kind").asText();
    if (kind.endsWith("List") && object.has("items")) {
      // Items of a PodList or NamespaceList usually carry no kind or apiVersion of their own.
      String itemKind = kind.equals("List") ? null : kind.substring(0, kind.length() - "List".length());
      String itemApiVersion = kind.equals("List") ? null : object.get("apiVersion").asText();
      int index = 0;
      for (JsonNode item : object.get("items")) {
        addDocument(item, itemKind, itemApiVersion, where + ", item " + index++, objects, warnings);
      }
      return;
    }
    try {
      objects.add(Manifests.fromTree(object));
    } catch (RuntimeException e) {
      warnings.add(where + ": skipped " + kind + ", not readable (" + firstLine(e) + ")");
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
