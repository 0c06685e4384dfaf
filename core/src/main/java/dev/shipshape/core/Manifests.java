package dev.shipshape.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.internal.model.DeepCopy;
import dev.shipshape.core.internal.model.ModelTypes;
import dev.shipshape.core.internal.parallel.OrderedParallel;
import dev.shipshape.core.internal.yaml.YamlDocument;
import dev.shipshape.core.internal.yaml.YamlReader;
import dev.shipshape.core.internal.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reading and writing Kubernetes manifests: multi-document YAML or JSON, {@code List} kinds, files and
 * directories. Built-in kinds come back as typed fabric8 models, everything else as
 * {@code GenericKubernetesResource}. All methods are thread-safe.
 */
public final class Manifests {
  /** fabric8's serialization rules, configured on this mapper, which also reads JSON trees into model objects. */
  private static final ObjectMapper MAPPER = withoutScalarsAsText(new ObjectMapper());
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(MAPPER, true);
  /** From this many objects on, {@link #copies} copies on several threads. */
  static final int PARALLEL_COPIES = 512;

  private Manifests() {}

  /**
   * A boolean or number where the model has a string ({@code name: y}, {@code value: yes}, a label {@code port: 8080})
   * is refused, not turned into text: the API server's JSON decoding refuses it ("cannot unmarshal bool into Go
   * struct field ... of type string"), so kubectl sends what the YAML says and the server rejects the object.
   */
  private static ObjectMapper withoutScalarsAsText(ObjectMapper mapper) {
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    return mapper;
  }

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

  /**
   * A deep copy, so that callers can change it without touching the original; it {@code equals} the original. Model
   * objects are copied field by field (cheap in a new JVM, where a serializing copy first builds the deserializers of
   * every type the object's class can hold); an object holding a value that cannot be copied so (see
   * {@code DeepCopy}) is copied through its JSON form.
   */
  public static <T extends HasMetadata> T copy(T object) {
    return DeepCopy.of(object).orElseGet(() -> SERIALIZATION.clone(object));
  }

  /**
   * Deep copies of these objects, in their order. From {@value #PARALLEL_COPIES} objects on, the common fork-join
   * pool's threads copy too: a spec's builder takes thousands of objects at once, while the script that built them
   * ran on one core.
   */
  static List<HasMetadata> copies(Collection<? extends HasMetadata> objects) {
    if (objects.size() >= PARALLEL_COPIES) return OrderedParallel.map(new ArrayList<>(objects), Manifests::copy);
    List<HasMetadata> copies = new ArrayList<>(objects.size());
    for (HasMetadata object : objects) copies.add(copy(object));
    return copies;
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
    return (HasMetadata) resource(tree);
  }

  /**
   * The problem that keeps an object, as written, from converting into its kind's model (a field of the wrong
   * type, such as a ConfigMap's {@code data} written as a list): the field as a path, the type it must have and the
   * type it has, never its value (a Secret's would show); empty when the object converts.
   */
  public static Optional<Problem> typeProblem(HasMetadata object) {
    ObjectNode tree = toTree(object);
    try {
      convert(tree, KubernetesResource.class);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      ResourceRef ref = ResourceRef.of(object);
      Optional<SchemaMismatch.Field> field = SchemaMismatch.field(tree, SchemaMismatch.mappingFailure(e));
      String explain = ref.kind().toLowerCase(Locale.ROOT)
          + field.map(f -> "." + f.path().replaceAll("\\[\\d+]", "")).orElse("");
      return Optional.of(Problem.builder().severity(ProblemSeverity.ERROR).resource(ref)
          .field(field.map(SchemaMismatch.Field::path))
          .message(field.map(SchemaMismatch.Field::problem)
              .orElse("does not match the schema of " + ref.kind() + SchemaMismatch.detail(ref.kind(), e)))
          .fix("write the value with the type the schema gives ('kubectl explain " + explain + "' shows it)")
          .build());
    }
  }

  /**
   * Converts between fabric8 models and other Jackson-mapped types; the result shares no mutable part with
   * {@code value}. A JSON tree is read straight into the type (into the model class of its apiVersion and kind for
   * {@code KubernetesResource}), without serializing it first; a tree asked for as a tree is copied.
   *
   * @throws IllegalArgumentException when the value does not fit the type
   */
  public static <T> T convert(Object value, Class<T> type) {
    // Jackson's treeToValue hands back the tree itself when it is already of the type asked for.
    if (!(value instanceof JsonNode) || TreeNode.class.isAssignableFrom(type)) {
      return SERIALIZATION.convertValue(value, type);
    }
    if (type == KubernetesResource.class) return type.cast(resource((JsonNode) value));
    return treeToValue((JsonNode) value, type);
  }

  /**
   * The model object of a JSON tree as fabric8's {@code KubernetesResource} deserializer reads it: the model class of
   * its apiVersion and kind, {@code GenericKubernetesResource} for kinds without one, fabric8's {@code RawExtension}
   * when either is missing or not a string.
   */
  private static KubernetesResource resource(JsonNode tree) {
    if (!tree.isObject()) return SERIALIZATION.convertValue(tree, KubernetesResource.class);
    JsonNode apiVersion = tree.get("apiVersion");
    JsonNode kind = tree.get("kind");
    if (apiVersion == null || kind == null || apiVersion.textValue() == null || kind.textValue() == null) {
      return treeToValue(tree, RawExtension.class);
    }
    Class<? extends KubernetesResource> type = ModelTypes.shared().typeOf(apiVersion.textValue(), kind.textValue())
        .orElse(GenericKubernetesResource.class);
    return treeToValue(tree, type);
  }

  private static <T> T treeToValue(JsonNode tree, Class<T> type) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw ConversionFailure.of(tree, type, e);
    }
  }
}
