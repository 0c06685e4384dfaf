package dev.shipshape.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.internal.yaml.YamlDocument;
import dev.shipshape.core.internal.yaml.YamlReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SDK's one reader of Kubernetes manifests, used by {@link ClusterSpec}, every analyzer and every command:
 * multi-document YAML or JSON files, or every {@code .yaml}, {@code .yml} and {@code .json} file under a directory
 * in path order ({@code kustomization.yaml} excepted). Anchors and aliases are resolved with limits against alias
 * bombs, duplicate keys are rejected with their line, empty and comment-only documents are skipped (as kubectl
 * does), and {@code List} kinds are flattened into their items, which inherit the list's kind and apiVersion when
 * they omit them (as {@code kubectl get -o yaml} writes them).
 *
 * <p>By default a reader is strict: any document that is not a Kubernetes object fails the whole read with one
 * {@link ManifestException} listing every problem. {@link #tolerant()} skips such documents with a warning
 * instead, as cluster snapshots need. Built-in kinds come back as typed fabric8 models unless {@link #generic()} asks
 * for every object as a {@code GenericKubernetesResource} holding exactly what was written. Readers are immutable
 * and thread-safe.
 */
public final class ManifestReader {
  private final boolean tolerant;
  private final boolean generic;

  private ManifestReader(boolean tolerant, boolean generic) {
    this.tolerant = tolerant;
    this.generic = generic;
  }

  /** A reader that fails on any document that is not a Kubernetes object. */
  public static ManifestReader strict() {
    return new ManifestReader(false, false);
  }

  /** A reader that skips unreadable files and documents that are not Kubernetes objects, with a warning each. */
  public static ManifestReader tolerant() {
    return new ManifestReader(true, false);
  }

  /** This reader, returning every object as a {@code GenericKubernetesResource} exactly as written. */
  public ManifestReader generic() {
    return new ManifestReader(tolerant, true);
  }

  /**
   * Reads a manifest file, or every manifest file under a directory.
   *
   * @throws ManifestException listing every problem (strict readers)
   * @throws IllegalArgumentException when the path does not exist
   *     (tolerant readers)
   * @throws UncheckedIOException when a file cannot be read or does not exist (strict readers)
   */
  public ManifestRead read(Path path) {
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).filter(Manifests::isManifestFile).sorted()
            .collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list manifests under " + path, e);
      }
    } else if (Files.isRegularFile(path) || !tolerant) {
      files = List.of(path);
    } else {
      throw new IllegalArgumentException(path + " is neither a manifest file nor a directory");
    }
    Collector collector = new Collector();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        if (!tolerant) throw new UncheckedIOException("cannot read manifest file " + file, e);
        collector.problems.add(file + ": skipped, not readable (" + e.getMessage() + ")");
        continue;
      }
      collector.text(text, file.toString());
    }
    return collector.result();
  }

  /**
   * Reads YAML or JSON text holding one or more documents.
   *
   * @param source names the text in messages
   * @throws ManifestException listing every problem (strict readers)
   */
  public ManifestRead parse(String text, String source) {
    Collector collector = new Collector();
    collector.text(text, source);
    return collector.result();
  }

  /** Collects objects and problems over files, so that a strict read reports every problem at once. */
  private final class Collector {
    final List<HasMetadata> objects = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    void text(String text, String source) {
      List<YamlDocument> documents;
      try {
        documents = YamlReader.read(text, source);
      } catch (IllegalArgumentException e) {
        problems.add(tolerant ? e.getMessage().replaceFirst(": ", ": skipped, ") : e.getMessage());
        return;
      }
      for (YamlDocument document : documents) {
        JsonNode content = document.content().orElse(null);
        if (content == null || content.isNull() || (content.isObject() && content.isEmpty())) continue;
        String where = source + ", document " + document.index() + " (line " + document.line() + ")";
        add(content, null, null, where);
      }
    }

    private void add(JsonNode doc, String listKind, String listApiVersion, String where) {
      if (!doc.isObject()) {
        problem(where, "not a Kubernetes object — a manifest is a map with apiVersion, kind and metadata");
        return;
      }
      ObjectNode object = (ObjectNode) doc;
      if (!object.hasNonNull("kind") && listKind != null) object.put("kind", listKind);
      if (!object.hasNonNull("apiVersion") && listApiVersion != null) object.put("apiVersion", listApiVersion);
      if (!object.hasNonNull("kind") || !object.hasNonNull("apiVersion")) {
        problem(where, "not a Kubernetes object — add apiVersion and kind, such as 'apiVersion: v1' and "
            + "'kind: ConfigMap'");
        return;
      }
      String kind = object.get("kind").asText();
      if (kind.endsWith("List") && object.has("items")) {
        // Items of a PodList or NamespaceList usually carry no kind or apiVersion of their own.
        boolean plainList = kind.equals("List");
        String itemKind = plainList ? null : kind.substring(0, kind.length() - "List".length());
        String itemApiVersion = plainList ? null : object.get("apiVersion").asText();
        int index = 0;
        for (JsonNode item : object.get("items")) add(item, itemKind, itemApiVersion, where + ", item " + index++);
        return;
      }
      try {
        HasMetadata converted = convert(object);
        if (converted == null) {
          problem(where, kind + " is not an object with metadata — only objects with metadata (a name) can be "
              + "applied");
          return;
        }
        objects.add(converted);
      } catch (IllegalArgumentException e) {
        problem(where, SchemaMismatch.describe(kind, object, e));
      }
    }

    /**
     * The object in its kind's model, unless that model would lose a field as written (some models of custom
     * kinds drop a member of a one-of, such as an Istio DestinationRule's {@code consistentHash.ringHash}): such an
     * object is kept as a generic one, whole.
     */
    private HasMetadata convert(ObjectNode object) {
      if (generic) return Manifests.convert(object, GenericKubernetesResource.class);
      KubernetesResource resource = Manifests.convert(object, KubernetesResource.class);
      if (!(resource instanceof HasMetadata)) return null;
      if (!(resource instanceof GenericKubernetesResource) && !builtIn((HasMetadata) resource)
          && !keepsEveryField(object, Manifests.toTree(resource))) {
        return Manifests.convert(object, GenericKubernetesResource.class);
      }
      return (HasMetadata) resource;
    }

    /** Kubernetes' own models keep fields they do not declare, so only other kinds' models are compared. */
    private static boolean builtIn(HasMetadata object) {
      String groupKind = ResourceRef.of(object).groupKind();
      return BuiltInKinds.isNamespaced(groupKind) || BuiltInKinds.isClusterScoped(groupKind);
    }

    /** True when every value written in {@code written} (empty lists, maps and nulls aside) is in {@code model}. */
    private static boolean keepsEveryField(JsonNode written, JsonNode model) {
      if (written.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = written.fields(); fields.hasNext(); ) {
          Map.Entry<String, JsonNode> field = fields.next();
          if (empty(field.getValue())) continue;
          if (!model.has(field.getKey()) || !keepsEveryField(field.getValue(), model.get(field.getKey()))) {
            return false;
          }
        }
        return true;
      }
      if (written.isArray()) {
        if (!model.isArray() || model.size() != written.size()) return false;
        for (int i = 0; i < written.size(); i++) {
          if (!empty(written.get(i)) && !keepsEveryField(written.get(i), model.get(i))) return false;
        }
      }
      return true;
    }

    /** Null, or a list or map holding nothing but such values. */
    private static boolean empty(JsonNode value) {
      if (value.isNull()) return true;
      if (!value.isContainerNode()) return false;
      for (JsonNode child : value) {
        if (!empty(child)) return false;
      }
      return true;
    }

    private void problem(String where, String what) {
      problems.add(where + ": " + (tolerant ? "skipped, " : "") + what);
    }

    ManifestRead result() {
      if (!tolerant && !problems.isEmpty()) throw new ManifestException(problems);
      return new ManifestRead(objects, tolerant ? problems : List.of());
    }
  }
}
