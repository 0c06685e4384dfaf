package dev.shipshape.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kind a CustomResourceDefinition defines: {@code Kind.group} (as {@link BuiltInKinds} names kinds), whether
 * its objects live in namespaces, its plural and versions (the path an API client uses), and the definition's name.
 * Read from the fields the API server reads, whichever model holds the definition (fabric8's typed one, or a
 * generic object read from YAML).
 */
public final class DefinedKind {
  private static final String SCOPE_CLUSTER = "Cluster";
  private final String group;
  private final String kind;
  private final boolean namespaced;
  private final String plural;
  private final List<String> versions;
  private final String definitionName;

  private DefinedKind(String group, String kind, String scope, String plural, List<String> versions,
      String definitionName) {
    this.group = group;
    this.kind = kind;
    // The server requires a scope; one left out is reported by the plan's checks and read here as the usual one.
    this.namespaced = !SCOPE_CLUSTER.equals(scope);
    this.plural = plural;
    this.versions = List.copyOf(versions);
    this.definitionName = definitionName;
  }

  /** The kind {@code object} defines, when it is a CustomResourceDefinition that names one. */
  public static Optional<DefinedKind> of(HasMetadata object) {
    if (!"CustomResourceDefinition".equals(object.getKind()) || object.getApiVersion() == null
        || !object.getApiVersion().startsWith("apiextensions.k8s.io/")) {
      return Optional.empty();
    }
    String name = object.getMetadata() == null || object.getMetadata().getName() == null ? ""
        : object.getMetadata().getName();
    if (object instanceof CustomResourceDefinition && ((CustomResourceDefinition) object).getSpec() != null) {
      CustomResourceDefinitionSpec spec = ((CustomResourceDefinition) object).getSpec();
      String kind = spec.getNames() == null ? null : spec.getNames().getKind();
      if (kind == null || kind.isEmpty()) return Optional.empty();
      List<String> versions = new ArrayList<>();
      if (spec.getVersions() != null) {
        for (CustomResourceDefinitionVersion version : spec.getVersions()) versions.add(orEmpty(version.getName()));
      }
      return Optional.of(new DefinedKind(orEmpty(spec.getGroup()), kind, spec.getScope(),
          orEmpty(spec.getNames().getPlural()), versions, name));
    }
    JsonNode spec = Manifests.toTree(object).path("spec");
    String kind = spec.path("names").path("kind").asText("");
    if (kind.isEmpty()) return Optional.empty();
    List<String> versions = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) versions.add(version.path("name").asText(""));
    return Optional.of(new DefinedKind(spec.path("group").asText(""), kind, spec.path("scope").asText(null),
        spec.path("names").path("plural").asText(""), versions, name));
  }

  /**
   * Whether each kind a CustomResourceDefinition among {@code objects} defines is namespaced, by {@code Kind.group};
   * the later definition of a kind wins.
   */
  public static Map<String, Boolean> namespacedByKind(List<? extends HasMetadata> objects) {
    Map<String, Boolean> namespaced = new HashMap<>();
    for (HasMetadata object : objects) of(object).ifPresent(kind -> namespaced.put(kind.groupKind(), kind.namespaced));
    return namespaced;
  }

  /** {@code Kind.group}, or {@code Kind} alone for a definition without a group. */
  public String groupKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  /** The API group ({@code spec.group}); empty when the definition names none. */
  public String group() {
    return group;
  }

  /** The kind ({@code spec.names.kind}). */
  public String kind() {
    return kind;
  }

  /** The plural the kind's objects are served under ({@code spec.names.plural}); empty when it names none. */
  public String plural() {
    return plural;
  }

  /** The names of the versions the definition lists ({@code spec.versions[].name}), in its order. */
  public List<String> versions() {
    return versions;
  }

  /** Whether objects of the kind live in namespaces ({@code scope: Namespaced}, or no scope written). */
  public boolean namespaced() {
    return namespaced;
  }

  /** The CustomResourceDefinition's {@code metadata.name}; empty when it has none. */
  public String definitionName() {
    return definitionName;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  @Override
  public String toString() {
    return groupKind() + (namespaced ? " (namespaced)" : " (cluster-scoped)");
  }
}
