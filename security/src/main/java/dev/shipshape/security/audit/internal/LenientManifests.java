package dev.shipshape.security.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads manifests for auditing: like {@code Manifests}, but every document becomes a generic object holding exactly
 * what was written, also what does not fit the typed model (an empty {@code securityContext:}, a field of the
 * wrong shape), so that the audit sees the manifest as written.
 */
public final class LenientManifests {
  private static final YAMLMapper YAML = new YAMLMapper();

  private LenientManifests() {}

  public static List<HasMetadata> parse(String text, String source) {
    List<HasMetadata> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (docs.hasNext()) {
        index++;
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) continue;
        add(doc, source, index, out);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException) throw (IllegalArgumentException) e;
      throw new IllegalArgumentException(source + ": not valid YAML (" + e.getMessage() + ")", e);
    }
    return out;
  }

  /** A manifest file, or every {@code .yaml}, {@code .yml} and {@code .json} file under a directory. */
  public static List<HasMetadata> read(Path path) {
    try {
      if (!Files.isDirectory(path)) return parse(Files.readString(path), path.toString());
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted()
            .collect(Collectors.toList());
      }
      List<HasMetadata> all = new ArrayList<>();
      for (Path f : files) all.addAll(parse(Files.readString(f), f.toString()));
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static void add(JsonNode doc, String source, int index, List<HasMetadata> out) {
    if (!doc.hasNonNull("kind") || !doc.hasNonNull("apiVersion")) {
      throw new IllegalArgumentException(source + ", document " + index + ": not a Kubernetes object (apiVersion"
          + " and kind are required)");
    }
    if (doc.get("kind").asText().endsWith("List") && doc.has("items")) {
      for (JsonNode item : doc.get("items")) add(item, source, index, out);
      return;
    }
    try {
      out.add(YAML.treeToValue(doc, GenericKubernetesResource.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(source + ", document " + index + ": not a Kubernetes object ("
          + e.getOriginalMessage() + ")", e);
    }
  }
}
