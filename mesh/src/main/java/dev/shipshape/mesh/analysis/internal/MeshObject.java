package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.shipshape.core.ResourceRef;
import java.util.Map;

/**
 * One Kubernetes or Istio object as the analyzers read it: kind, namespace as given (empty when the input names none,
 * which Istio's analysis harness keeps distinct from {@code default}), name, labels and the raw tree. A
 * {@linkplain #planned() planned} Pod stands for the pods a workload of a plan will run.
 */
public final class MeshObject {
  private final String group;
  private final String kind;
  private final String namespace;
  private final boolean namespaced;
  private final String name;
  private final JsonNode tree;
  private final boolean planned;

  public MeshObject(JsonNode tree) {
    this(tree, false);
  }

  /** An object of the input, or (planned) a Pod a workload of a plan will run, made from its pod template. */
  MeshObject(JsonNode tree, boolean planned) {
    this.tree = tree;
    this.planned = planned;
    String apiVersion = tree.path("apiVersion").asText("");
    this.group = ResourceRef.groupOf(apiVersion);
    this.kind = tree.path("kind").asText("");
    JsonNode ns = tree.path("metadata").path("namespace");
    this.namespaced = ns.isTextual() && !ns.asText().isEmpty();
    this.namespace = namespaced ? ns.asText() : "";
    this.name = tree.path("metadata").path("name").asText("");
  }

  /**
   * True for a Pod that is not in the input but stands for the pods a workload of a plan will run (its pod template,
   * before Istio's injector adds the sidecar): only label selection sees it ({@link MeshIndex#selected}).
   */
  public boolean planned() {
    return planned;
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }

  /** The namespace, or the empty string when the input gives none. */
  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** {@code namespace/name}, or {@code name} without a namespace. */
  public String fullName() {
    return namespaced ? namespace + "/" + name : name;
  }

  public JsonNode tree() {
    return tree;
  }

  public JsonNode spec() {
    return tree.path("spec");
  }

  /** A field of the tree by path of names, or a missing node. */
  public JsonNode at(String... path) {
    JsonNode node = tree;
    for (String p : path) {
      node = node.path(p);
      if (node.isMissingNode()) return MissingNode.getInstance();
    }
    return node;
  }

  public Map<String, String> labels() {
    return Json.stringMap(tree.path("metadata").path("labels"));
  }

  public Map<String, String> annotations() {
    return Json.stringMap(tree.path("metadata").path("annotations"));
  }

  public ResourceRef ref() {
    return namespaced
        ? ResourceRef.namespaced(group, kind, namespace, name)
        : ResourceRef.clusterScoped(group, kind, name);
  }

  /** {@code Kind namespace/name} or {@code Kind name}, as {@code istioctl analyze} prints an origin. */
  public String origin() {
    return kind + " " + fullName();
  }

  /**
   * The namespaces an object with this {@code exportTo} is visible in: {@code *} for all (also when empty),
   * {@code .} is the object's own namespace.
   */
  public java.util.Set<String> exportScopes(java.util.List<String> exportTo) {
    if (exportTo.isEmpty() || exportTo.contains("*")) return java.util.Set.of("*");
    java.util.Set<String> scopes = new java.util.LinkedHashSet<>();
    for (String e : exportTo) scopes.add(e.equals(".") ? namespace : e);
    return scopes;
  }

  /** The full names of objects, in order. */
  public static java.util.List<String> fullNames(java.util.Collection<MeshObject> objects) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (MeshObject o : objects) names.add(o.fullName());
    return names;
  }

  @Override
  public String toString() {
    return origin();
  }
}
