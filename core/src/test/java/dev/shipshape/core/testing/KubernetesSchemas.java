package dev.shipshape.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.common.base.Suppliers;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Schema conformance for tests: validates Kubernetes objects against the official OpenAPI v3 schemas of built-in
 * kinds ({@code k8s-reference/openapi-v3/}) and the {@code openAPIV3Schema} of the custom resource definitions in
 * {@code k8s-reference/crds/}, as strictly as the API server's strict field validation does.
 *
 * <pre>{@code
 * @Test
 * void compiledObjectsConformToTheirSchemas() {
 *   KubernetesSchemas schemas = KubernetesSchemas.load(); // skips the test where the reference data is absent
 *   assertThat(schemas.validate(deployment)).isEmpty();
 *   assertThat(schemas.validateAll(plan.resources().stream().map(PlannedResource::object).toList())).isEmpty();
 * }
 * }</pre>
 *
 * <p>What is checked: types, required fields, enums, patterns, lengths and bounds; unknown fields anywhere (an
 * object schema without {@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields} is closed);
 * int-or-string fields and quantities (strings, or numbers where the schema allows them); the metadata of custom
 * resources as an ObjectMeta. Fields set to {@code null} count as unset, as they do for the API server. What is not
 * checked: string formats (Kubernetes' {@code duration}, {@code byte} and the like differ from JSON Schema's), CEL
 * rules ({@code x-kubernetes-validations}), list-map key uniqueness and the API server's own semantic validation
 * (names, label syntax, cross-field rules), which the planner's checks cover.
 *
 * <p>An object of a kind with no schema in the reference data gets one message saying so, never a silent pass;
 * use {@link #hasSchema} to choose what to validate.
 *
 * <p>Instances are thread-safe and cache parsed documents and compiled schemas; {@link #load()} returns the same
 * instance for the same folder, so calling it in every test is cheap.
 */
public final class KubernetesSchemas {
  private static final Pattern TYPE_ERROR = Pattern.compile("(\\w+) found, (\\w+) expected");
  private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  /** Loaded instances per reference folder: the documents weigh tens of megabytes once parsed. */
  private static final ConcurrentMap<Path, KubernetesSchemas> LOADED = new ConcurrentHashMap<>();

  private final Path openApiDirectory;
  private final Path crdDirectory;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config;
  /** Closed {@code components} of each OpenAPI document, by file name; empty when the file is absent. */
  private final ConcurrentMap<String, Optional<JsonNode>> components = new ConcurrentHashMap<>();
  /** Compiled schemas by {@code apiVersion/kind}; empty when no schema is known. */
  private final ConcurrentMap<String, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();
  /** {@code openAPIV3Schema} of every served CRD version in the reference data, by {@code apiVersion/kind}. */
  private final Supplier<Map<String, JsonNode>> crdSchemas;

  private KubernetesSchemas(Path referenceDirectory) {
    this.openApiDirectory = referenceDirectory.resolve("openapi-v3");
    this.crdDirectory = referenceDirectory.resolve("crds");
    this.crdSchemas = Suppliers.memoize(this::readCrds);
    JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi30.getInstance().getIri(), OpenApi30.getInstance())
        .keywords(List.of(
            new NonValidationKeyword("x-kubernetes-group-version-kind"),
            new NonValidationKeyword("x-kubernetes-preserve-unknown-fields"),
            new NonValidationKeyword("x-kubernetes-int-or-string"),
            new NonValidationKeyword("x-kubernetes-embedded-resource"),
            new NonValidationKeyword("x-kubernetes-list-type"),
            new NonValidationKeyword("x-kubernetes-list-map-keys"),
            new NonValidationKeyword("x-kubernetes-map-type"),
            new NonValidationKeyword("x-kubernetes-patch-strategy"),
            new NonValidationKeyword("x-kubernetes-patch-merge-key"),
            new NonValidationKeyword("x-kubernetes-unions"),
            new NonValidationKeyword("x-kubernetes-validations"),
            new NonValidationKeyword("components")))
        .build();
    this.factory = JsonSchemaFactory.builder()
        .defaultMetaSchemaIri(dialect.getIri())
        .metaSchema(dialect)
        .build();
    this.config = SchemaValidatorsConfig.builder()
        .pathType(PathType.LEGACY)
        .formatAssertionsEnabled(false)
        .typeLoose(false)
        .build();
  }

  /**
   * The schemas of the shared reference folder ({@code k8s-reference}); skips the calling test, with a message,
   * where that folder is absent.
   */
  public static KubernetesSchemas load() {
    return load(SharedData.require("k8s-reference"));
  }

  /** The schemas of a folder laid out like {@code k8s-reference}: {@code openapi-v3/} and {@code crds/}. */
  public static KubernetesSchemas load(Path referenceDirectory) {
    return LOADED.computeIfAbsent(referenceDirectory.toAbsolutePath().normalize(), KubernetesSchemas::new);
  }

  /** True when a schema for this kind is known: a built-in kind, or a CRD of the reference data. */
  public boolean hasSchema(String apiVersion, String kind) {
    return schema(apiVersion, kind).isPresent();
  }

  /**
   * What is wrong with the object, one message per problem, each starting with the field path
   * ({@code spec.template.spec.containers[0].image: ...}); empty when the object conforms.
   */
  public List<String> validate(HasMetadata object) {
    String apiVersion = String.valueOf(object.getApiVersion());
    String kind = String.valueOf(object.getKind());
    Optional<JsonSchema> schema = schema(apiVersion, kind);
    if (schema.isEmpty()) {
      return List.of("(root): no schema for " + apiVersion + " " + kind + " in the reference data (built-in kinds of"
          + " openapi-v3/ and custom resources of crds/)");
    }
    JsonNode instance = withoutNulls(Manifests.toTree(object));
    return describe(schema.get().validate(instance));
  }

  /**
   * {@link #validate} for many objects; each message starts with the object ({@code Deployment shop/web:}), so
   * that one assertion over a whole plan says which object is wrong.
   */
  public List<String> validateAll(Collection<? extends HasMetadata> objects) {
    List<String> messages = new ArrayList<>();
    for (HasMetadata object : objects) {
      String prefix = ResourceRef.of(object) + ": ";
      validate(object).forEach(m -> messages.add(prefix + m));
    }
    return List.copyOf(messages);
  }

  private Optional<JsonSchema> schema(String apiVersion, String kind) {
    return schemas.computeIfAbsent(apiVersion + "/" + kind, key -> builtIn(apiVersion, kind)
        .or(() -> customResource(apiVersion, kind)));
  }

  private Optional<JsonSchema> builtIn(String apiVersion, String kind) {
    String group = ResourceRef.groupOf(apiVersion);
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    String file = group.isEmpty() ? "api__" + version + "_openapi.json"
        : "apis__" + group + "__" + version + "_openapi.json";
    return components(file).flatMap(all -> {
      for (Iterator<Map.Entry<String, JsonNode>> it = all.path("schemas").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        for (JsonNode gvk : entry.getValue().path("x-kubernetes-group-version-kind")) {
          if (gvk.path("group").asText().equals(group) && gvk.path("version").asText().equals(version)
              && gvk.path("kind").asText().equals(kind)) {
            // The whole document with a root $ref, so that the document's own #/components refs resolve.
            ObjectNode root = JsonNodeFactory.instance.objectNode()
                .put("$ref", "#/components/schemas/" + entry.getKey());
            root.set("components", all);
            return Optional.of(compile("openapi-v3/" + file, root));
          }
        }
      }
      return Optional.empty();
    });
  }

  private Optional<JsonSchema> customResource(String apiVersion, String kind) {
    JsonNode crdSchema = crdSchemas.get().get(apiVersion + "/" + kind);
    if (crdSchema == null) return Optional.empty();
    ObjectNode root = StrictSchema.closeCustomResource(crdSchema, "#/components/schemas/" + OBJECT_META);
    // ObjectMeta and what it refers to come from the core document, which every Kubernetes release publishes.
    root.set("components", components("api__v1_openapi.json").orElseThrow(() -> new IllegalStateException(
        "openapi-v3/api__v1_openapi.json is missing, so custom resource metadata cannot be validated")));
    return Optional.of(compile("crds/" + apiVersion + "/" + kind, root));
  }

  private JsonSchema compile(String name, JsonNode root) {
    JsonSchema schema = factory.getSchema(SchemaLocation.of("https://schemas.shipshape.invalid/" + name), root,
        config);
    schema.initializeValidators();
    return schema;
  }

  private Optional<JsonNode> components(String file) {
    return components.computeIfAbsent(file, f -> {
      Path path = openApiDirectory.resolve(f);
      if (!Files.isRegularFile(path)) return Optional.empty();
      try {
        JsonNode document = json.readTree(path.toFile());
        JsonNode all = document.path("components");
        StrictSchema.closeBuiltIn(all.path("schemas"));
        return Optional.of(all);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    });
  }

  private Map<String, JsonNode> readCrds() {
    Map<String, JsonNode> found = new HashMap<>();
    if (!Files.isDirectory(crdDirectory)) return found;
    YAMLMapper yaml = new YAMLMapper();
    try (Stream<Path> files = Files.walk(crdDirectory)) {
      for (Path file : files.filter(Files::isRegularFile).filter(Manifests::isManifestFile).sorted()
          .collect(Collectors.toList())) {
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
          while (docs.hasNextValue()) indexCrd(docs.nextValue(), found);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRDs under " + crdDirectory, e);
    }
    return Map.copyOf(found);
  }

  private static void indexCrd(JsonNode doc, Map<String, JsonNode> found) {
    if (doc == null || !"CustomResourceDefinition".equals(doc.path("kind").asText())) return;
    JsonNode spec = doc.path("spec");
    String group = spec.path("group").asText();
    String kind = spec.path("names").path("kind").asText();
    for (JsonNode version : spec.path("versions")) {
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      if (version.path("served").asBoolean(true) && schema.isObject()) {
        found.put(group + "/" + version.path("name").asText() + "/" + kind, schema);
      }
    }
  }

  /**
   * Messages such as {@code spec.replicas: string found, integer expected}, with paths in Kubernetes' dotted form,
   * sorted. A failed {@code oneOf}/{@code anyOf} of plain types (int-or-string, quantities) becomes one message
   * ({@code boolean found, integer or string expected}) instead of one per alternative plus a summary.
   */
  private static List<String> describe(Set<ValidationMessage> messages) {
    List<ValidationMessage> junctors = messages.stream()
        .filter(m -> m.getType().equals("oneOf") || m.getType().equals("anyOf"))
        .collect(Collectors.toList());
    Set<ValidationMessage> absorbed = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (ValidationMessage junctor : junctors) {
      List<ValidationMessage> alternatives = messages.stream()
          .filter(m -> m != junctor && m.getInstanceLocation().equals(junctor.getInstanceLocation())
              && m.getEvaluationPath().startsWith(junctor.getEvaluationPath()))
          .collect(Collectors.toList());
      List<Matcher> types = alternatives.stream().map(m -> TYPE_ERROR.matcher(text(m)))
          .filter(Matcher::matches).collect(Collectors.toList());
      if (!alternatives.isEmpty() && types.size() == alternatives.size()) {
        absorbed.add(junctor);
        absorbed.addAll(alternatives);
        out.add(path(junctor) + ": " + types.get(0).group(1) + " found, "
            + types.stream().map(t -> t.group(2)).sorted().distinct().collect(Collectors.joining(" or "))
            + " expected");
      }
    }
    for (ValidationMessage m : messages) {
      if (!absorbed.contains(m)) out.add(path(m) + ": " + text(m));
    }
    out.sort(null);
    return List.copyOf(out);
  }

  private static String path(ValidationMessage message) {
    String path = message.getInstanceLocation().toString();
    return path.equals("$") ? "(root)" : path.startsWith("$.") ? path.substring(2) : path;
  }

  /** The message without the instance location the validator puts in front of it. */
  private static String text(ValidationMessage message) {
    String text = message.getMessage();
    String location = message.getInstanceLocation().toString();
    return text.startsWith(location + ": ") ? text.substring(location.length() + 2) : text;
  }

  /** The API server treats a field set to null as unset; so does validation here. */
  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> {
        if (!e.getValue().isNull()) copy.set(e.getKey(), withoutNulls(e.getValue()));
      });
      return copy;
    }
    if (node.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(withoutNulls(item)));
      return copy;
    }
    return node;
  }
}
