package dev.shipshape.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The objects under audit as JSON trees, read as written: rules see the fields a manifest sets, also those of a
 * wrong apiVersion the API server would reject, as manifest linters do.
 */
final class AuditInput {
  private static final Set<String> POD_KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
      "ReplicationController", "Job", "CronJob");

  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** One object: its identity, its source object and its tree. */
  static final class Item {
    final ResourceRef ref;
    final HasMetadata object;
    final JsonNode tree;

    Item(HasMetadata object) {
      this.object = object;
      this.ref = ResourceRef.of(object);
      // A generic object keeps explicit nulls (an empty "securityContext:"), which fabric8's serialization drops.
      this.tree = object instanceof GenericKubernetesResource ? PLAIN.valueToTree(object) : Manifests.toTree(object);
    }

    String kind() {
      return ref.kind();
    }

    String name() {
      return ref.name();
    }

    JsonNode labels() {
      return tree.path("metadata").path("labels");
    }
  }

  /** The pod template of a workload: where its pod spec sits, its metadata and spec. */
  static final class PodTemplate {
    final Item owner;
    final String specPath;
    final JsonNode metadata;
    final JsonNode spec;

    PodTemplate(Item owner, String specPath, JsonNode metadata, JsonNode spec) {
      this.owner = owner;
      this.specPath = specPath;
      this.metadata = metadata;
      this.spec = spec;
    }

    /** Regular containers, then init containers, each with its field path. */
    List<Container> containers(boolean withInit) {
      List<Container> all = new ArrayList<>();
      add(all, "containers", false);
      if (withInit) add(all, "initContainers", true);
      return all;
    }

    private void add(List<Container> all, String field, boolean init) {
      JsonNode list = spec.path(field);
      for (int i = 0; i < list.size(); i++) {
        all.add(new Container(list.get(i), specPath + "." + field + "[" + i + "]", init));
      }
    }

    boolean isJob() {
      return owner.kind().equals("Job") || owner.kind().equals("CronJob");
    }
  }

  /** One container as a tree, with its path. */
  static final class Container {
    final JsonNode tree;
    final String path;
    final boolean init;

    Container(JsonNode tree, String path, boolean init) {
      this.tree = tree;
      this.path = path;
      this.init = init;
    }

    String name() {
      return tree.path("name").asText("");
    }

    JsonNode securityContext() {
      return tree.path("securityContext");
    }
  }

  private final List<Item> items = new ArrayList<>();
  private final List<PodTemplate> templates = new ArrayList<>();
  private final Optional<KubernetesVersion> targetVersion;
  // Rules look objects up per finding, binding or namespace: by kind, by kind and name, by kind and namespace.
  private final Map<String, List<Item>> byKind = new HashMap<>();
  private final Map<List<String>, Item> firstByKindAndName = new HashMap<>();
  private final Map<List<String>, Item> firstByKindNameAndNamespace = new HashMap<>();
  private final Map<List<String>, List<Item>> byKindAndNamespace = new HashMap<>();
  private final Map<Item, Integer> positions = new IdentityHashMap<>();

  AuditInput(List<? extends HasMetadata> objects, Optional<KubernetesVersion> targetVersion) {
    this.targetVersion = targetVersion;
    for (HasMetadata o : objects) {
      Item item = new Item(o);
      items.add(item);
      templateOf(item).ifPresent(templates::add);
      byKind.computeIfAbsent(item.kind(), k -> new ArrayList<>()).add(item);
      String namespace = item.ref.namespace().orElse("");
      positions.put(item, positions.size());
      firstByKindAndName.putIfAbsent(List.of(item.kind(), item.name()), item);
      firstByKindNameAndNamespace.putIfAbsent(List.of(item.kind(), item.name(), namespace), item);
      byKindAndNamespace.computeIfAbsent(List.of(item.kind(), namespace), k -> new ArrayList<>()).add(item);
    }
  }

  private static Optional<PodTemplate> templateOf(Item item) {
    if (!POD_KINDS.contains(item.kind())) return Optional.empty();
    JsonNode t = item.tree;
    switch (item.kind()) {
      case "Pod":
        return Optional.of(new PodTemplate(item, "spec", t.path("metadata"), t.path("spec")));
      case "CronJob":
        JsonNode tpl = t.path("spec").path("jobTemplate").path("spec").path("template");
        return present(item, "spec.jobTemplate.spec.template.spec", tpl);
      default:
        return present(item, "spec.template.spec", t.path("spec").path("template"));
    }
  }

  private static Optional<PodTemplate> present(Item item, String path, JsonNode template) {
    if (template instanceof MissingNode || !template.path("spec").isObject()) return Optional.empty();
    return Optional.of(new PodTemplate(item, path, template.path("metadata"), template.path("spec")));
  }

  List<Item> items() {
    return items;
  }

  /** The objects of this kind, in input order. */
  List<Item> items(String kind) {
    return Collections.unmodifiableList(byKind.getOrDefault(kind, List.of()));
  }

  /** The objects of this kind in {@code namespace} (the empty string for those without one), in input order. */
  List<Item> items(String kind, String namespace) {
    return Collections.unmodifiableList(byKindAndNamespace.getOrDefault(List.of(kind, namespace), List.of()));
  }

  List<HasMetadata> objects() {
    List<HasMetadata> out = new ArrayList<>();
    items.forEach(i -> out.add(i.object));
    return out;
  }

  List<PodTemplate> podTemplates() {
    return templates;
  }

  Optional<KubernetesVersion> targetVersion() {
    return targetVersion;
  }

  /**
   * The first object of this kind and name whose namespace matches (an unset namespace, on either side, matches
   * any): with no namespace asked, the first of that kind and name; else the earlier of the first in that
   * namespace and the first without one.
   */
  Optional<Item> find(String kind, String name, String namespace) {
    if (namespace.isEmpty()) return Optional.ofNullable(firstByKindAndName.get(List.of(kind, name)));
    Item inNamespace = firstByKindNameAndNamespace.get(List.of(kind, name, namespace));
    Item withoutNamespace = firstByKindNameAndNamespace.get(List.of(kind, name, ""));
    if (inNamespace == null || withoutNamespace == null) {
      return Optional.ofNullable(inNamespace != null ? inNamespace : withoutNamespace);
    }
    return Optional.of(positions.get(inNamespace) < positions.get(withoutNamespace) ? inNamespace
        : withoutNamespace);
  }
}
