package dev.shipshape.core.internal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Amendment;
import dev.shipshape.core.Component;
import dev.shipshape.core.LabelIndex;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Applies the components' {@link Amendment}s to the compiled objects, in component order. An amendment only
 * adds keys: one that would change a value the object already has is an error, one that matches nothing a warning.
 * A target made by {@code Amendment}'s factories ({@link ScopedTarget}) is tested against the objects it can match
 * only, found by name, namespace or label; any other target (a predicate of the user's own) against every object.
 */
final class Amending {
  private Amending() {}

  static void apply(List<Component> components, List<CompiledObject> objects, List<Problem> problems) {
    // Which amendment set each key, so that a conflict names the right source.
    Map<String, String> setBy = new HashMap<>();
    Candidates candidates = new Candidates(objects);
    for (Component component : components) {
      for (Amendment amendment : amendments(component, problems)) {
        int matched = 0;
        for (int i : candidates.of(amendment.target())) {
          CompiledObject o = objects.get(i);
          if (!amendment.target().test(o.object)) continue;
          matched++;
          ObjectNode tree = Manifests.toTree(o.object);
          ObjectNode metadata = tree.withObjectProperty("metadata");
          Target target = new Target(component, amendment, o, setBy, problems);
          target.add(metadata, "labels", "metadata.labels", amendment.labels());
          target.add(metadata, "annotations", "metadata.annotations", amendment.annotations());
          if (!amendment.podTemplateAnnotations().isEmpty()) {
            String path = podTemplateMetadataPath(o);
            target.add(at(tree, path), "annotations", path + ".annotations", amendment.podTemplateAnnotations());
          }
          CompiledObject amended = new CompiledObject(Manifests.fromTree(tree), o.component);
          objects.set(i, amended);
          candidates.relabelled(i, amended);
        }
        if (matched == 0) {
          problems.add(Problem.builder().severity(ProblemSeverity.WARNING).component(component.name())
              .message("amendment '" + amendment.description() + "' matches no object of the spec")
              .fix("check the amendment's target, or add the objects it is meant for").build());
        }
      }
    }
  }

  /**
   * The positions of the objects a target can match, in spec order. Amending changes labels and annotations only,
   * so the names and namespaces these are found by stay as they were; the Namespaces' labels only grow, and the
   * index of them grows with them.
   */
  private static final class Candidates {
    private final List<Integer> all;
    // Items are spec positions; the index's own positions are kept by spec position, for relabelling.
    private final LabelIndex<Integer> namespaces = new LabelIndex<>();
    private final Map<Integer, Integer> namespacePosition = new HashMap<>();
    private final Map<String, List<Integer>> namespacesByName = new HashMap<>();
    private final Map<String, List<Integer>> byNamespace = new HashMap<>();

    Candidates(List<CompiledObject> objects) {
      int size = objects.size();
      all = IntStream.range(0, size).boxed().collect(Collectors.toUnmodifiableList());
      for (int i = 0; i < size; i++) {
        ResourceRef ref = objects.get(i).ref;
        if (ref.groupKind().equals("Namespace")) {
          namespacePosition.put(i, namespaces.add(i, objects.get(i).object.getMetadata().getLabels()));
          namespacesByName.computeIfAbsent(ref.name(), k -> new ArrayList<>()).add(i);
        }
        int position = i;
        ref.namespace().ifPresent(ns -> byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(position));
      }
    }

    /** Indexes the labels of the object at {@code position} again when it is a Namespace. */
    void relabelled(int position, CompiledObject object) {
      Map<String, String> labels = object.object.getMetadata().getLabels();
      Integer indexed = namespacePosition.get(position);
      if (indexed != null && labels != null) namespaces.addLabels(indexed, labels);
    }

    List<Integer> of(Predicate<HasMetadata> target) {
      if (!(target instanceof ScopedTarget)) return all;
      ScopedTarget scoped = (ScopedTarget) target;
      if (scoped.namespaceLabels().isPresent()) {
        // A new list: amending these Namespaces may add them to the index while the list is read.
        return namespaces.candidates(scoped.namespaceLabels().get());
      }
      if (scoped.namespace().isPresent()) {
        // References leave out an empty namespace, so objects that give one are found by testing them all.
        String namespace = scoped.namespace().get();
        return namespace.isEmpty() ? all : byNamespace.getOrDefault(namespace, List.of());
      }
      List<Integer> found = new ArrayList<>();
      for (String name : scoped.namespaceNames()) found.addAll(namespacesByName.getOrDefault(name, List.of()));
      Collections.sort(found);
      return found;
    }
  }

  private static List<Amendment> amendments(Component component, List<Problem> problems) {
    try {
      return component.amendments();
    } catch (RuntimeException e) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(component.name())
          .message("failed to list its amendments: " + e)
          .fix("fix the component's configuration; this is a bug in the component if it persists").build());
      return List.of();
    }
  }

  /** One amendment applied to one object. */
  private static final class Target {
    private final Component component;
    private final Amendment amendment;
    private final CompiledObject object;
    private final Map<String, String> setBy;
    private final List<Problem> problems;

    Target(Component component, Amendment amendment, CompiledObject object, Map<String, String> setBy,
        List<Problem> problems) {
      this.component = component;
      this.amendment = amendment;
      this.object = object;
      this.setBy = setBy;
      this.problems = problems;
    }

    void add(ObjectNode parent, String field, String path, Map<String, String> entries) {
      if (entries.isEmpty()) return;
      ObjectNode target = parent.withObjectProperty(field);
      entries.forEach((key, value) -> {
        String where = object.ref + " " + path + "." + key;
        JsonNode existing = target.get(key);
        if (existing != null && !existing.asText().equals(value)) {
          String source = setBy.getOrDefault(where, "component '" + object.component + "'");
          problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(component.name()).resource(object.ref)
              .field(path + "." + key)
              .message("amendment '" + amendment.description() + "' would change '" + existing.asText() + "' to '"
                  + value + "', set by " + source)
              .fix("set the same value in both places, or leave the key to one of them").build());
        } else {
          target.put(key, value);
          setBy.putIfAbsent(where, "amendment '" + amendment.description() + "' of component '" + component.name()
              + "'");
        }
      });
    }
  }

  /** Where the pod template's metadata sits: {@code spec.template.metadata}, or the Pod's own metadata. */
  private static String podTemplateMetadataPath(CompiledObject o) {
    if (Workloads.podTemplate(o.object).isEmpty()) return "metadata";
    String spec = Workloads.podSpecPath(o.ref.kind());
    return spec.equals("spec") ? "metadata" : spec.substring(0, spec.length() - ".spec".length()) + ".metadata";
  }

  private static ObjectNode at(ObjectNode tree, String dottedPath) {
    ObjectNode node = tree;
    for (String part : dottedPath.split("\\.")) node = node.withObjectProperty(part);
    return node;
  }
}
