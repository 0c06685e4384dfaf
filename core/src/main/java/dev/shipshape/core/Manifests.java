package dev.shipshape.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.internal.yaml.YamlDocument;
import dev.shipshape.core.internal.yaml.YamlReader;
import dev.shipshape.core.internal.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading and writing Kubernetes manifests: multi-document YAML or JSON, {@code List} kinds, files and
 * directories. Built-in kinds come back as typed fabric8 models, everything else as
 * {@code GenericKubernetesResource}. All methods are thread-safe.
 */
public final class Manifests {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {}

  /**
   * Parses YAML or JSON text holding one or more documents with the strict {@link ManifestReader}: aliases
   * resolved, {@code List} kinds flattened into their items and empty documents skipped.
   *
   * @throws IllegalArgumentException listing every document that is not valid YAML or not a Kubernetes object
   */
  public static List<HasMetadata> parse(String text) {
    return ManifestReader.strict().parse(text, "manifest").objects();
  }

  /**
   * Reads a manifest file, or every {@code .yaml}, {@code .yml} and {@code .json} file under a directory, with the
   * strict {@link ManifestReader}.
   */
  public static List<HasMetadata> read(Path path) {
    return ManifestReader.strict().read(path).objects();
  }

  /**
   * The non-empty documents of YAML or JSON text as Jackson trees, read like manifests (aliases resolved with
   * limits, duplicate keys rejected), for data files that are not Kubernetes objects.
   *
   * @param source names the text in messages
   * @throws IllegalArgumentException naming the source and line when the text is not valid YAML
   */
  public static List<JsonNode> parseYamlTrees(String text, String source) {
    List<JsonNode> trees = new ArrayList<>();
    for (YamlDocument document : YamlReader.read(text, source)) {
      document.content().filter(c -> !c.isNull()).ifPresent(trees::add);
    }
    return trees;
  }

  /** True for the file names {@link #read} picks up in a directory. */
  public static boolean isManifestFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
        && !name.equals("kustomization.yaml") && !name.equals("kustomization.yml");
  }

  /** A deep copy, so that callers can change it without touching the original. */
  public static <T extends HasMetadata> T copy(T object) {
    return SERIALIZATION.clone(object);
  }

  /** One object as a YAML document, without the leading {@code ---}. */
  public static String toYaml(Object object) {
    return YamlWriter.tree(toTree(object));
  }

  /**
   * Writes one object as a YAML document (without the leading {@code ---}) to {@code out}, which stays open; for
   * streaming many objects without holding their text.
   */
  public static void writeYaml(Object object, java.io.Writer out) throws java.io.IOException {
    out.write(YamlWriter.object(object));
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
}
