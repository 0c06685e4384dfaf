package dev.shipshape.mesh.analysis.internal;

import dev.shipshape.core.LabelIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects one analyzer sees, by kind, by kind plus full name, by kind plus name and by label; built once per
 * analyzer, read-only after but for the label indexes, made on first use (safe to share between threads).
 *
 * <p>{@linkplain MeshObject#planned() Planned} Pods, which stand for the pods a plan's workloads will run, are found
 * by label selection only ({@link #selected}): a selector selects them as it will select those pods, while checks of
 * each object ({@link #all}, {@link #find}) see the input's own objects.
 */
public final class MeshIndex {
  private final Map<String, List<MeshObject>> byKind = new LinkedHashMap<>();
  private final Map<String, List<MeshObject>> plannedByKind = new HashMap<>();
  private final Map<String, List<MeshObject>> plannedByKindAndNamespace = new HashMap<>();
  private final Map<String, MeshObject> byKey = new HashMap<>();
  private final Map<String, MeshObject> byKindAndName = new HashMap<>();
  private final Map<String, List<MeshObject>> byKindAndNamespace = new HashMap<>();
  // Label indexes are built on the first look-up of their kind: most analyzers never select by label.
  private final Map<String, LabelIndex<MeshObject>> labelsByKind = new ConcurrentHashMap<>();
  private final Map<String, LabelIndex<MeshObject>> labelsByKindAndNamespace = new ConcurrentHashMap<>();

  public MeshIndex(Collection<MeshObject> objects) {
    for (MeshObject o : objects) {
      String inNamespace = key(o.kind(), o.namespace());
      if (o.planned()) {
        plannedByKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
        plannedByKindAndNamespace.computeIfAbsent(inNamespace, k -> new ArrayList<>()).add(o);
        continue;
      }
      byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
      byKindAndNamespace.computeIfAbsent(inNamespace, k -> new ArrayList<>()).add(o);
      byKey.putIfAbsent(key(o.kind(), o.namespace(), o.name()), o);
      byKindAndName.putIfAbsent(key(o.kind(), o.name()), o);
    }
  }

  /** The objects of a kind, in input order. */
  public List<MeshObject> all(String kind) {
    return byKind.getOrDefault(kind, Collections.emptyList());
  }

  /**
   * The objects of a kind in one namespace, in input order: what a selector of an object of that namespace can
   * select, without a scan of every namespace's objects per selector.
   */
  public List<MeshObject> all(String kind, String namespace) {
    return Collections.unmodifiableList(byKindAndNamespace.getOrDefault(key(kind, namespace), List.of()));
  }

  /**
   * The objects of a kind, in every namespace, whose labels an equality selector selects (all of them for an empty
   * selector), in input order, then the planned ones.
   */
  public List<MeshObject> selected(String kind, Map<String, String> selector) {
    return selected(labelsByKind.computeIfAbsent(kind,
        k -> labelled(all(kind), plannedByKind.getOrDefault(kind, List.of()))), selector);
  }

  /**
   * The objects of a kind in one namespace whose labels an equality selector selects, in input order, then the
   * planned ones.
   */
  public List<MeshObject> selected(String kind, String namespace, Map<String, String> selector) {
    String key = key(kind, namespace);
    return selected(labelsByKindAndNamespace.computeIfAbsent(key,
        k -> labelled(all(kind, namespace), plannedByKindAndNamespace.getOrDefault(key, List.of()))), selector);
  }

  private static LabelIndex<MeshObject> labelled(List<MeshObject> objects, List<MeshObject> planned) {
    LabelIndex<MeshObject> labels = new LabelIndex<>();
    objects.forEach(o -> labels.add(o, o.labels()));
    planned.forEach(o -> labels.add(o, o.labels()));
    return labels;
  }

  private static List<MeshObject> selected(LabelIndex<MeshObject> labels, Map<String, String> selector) {
    List<MeshObject> selected = new ArrayList<>();
    for (MeshObject o : labels.candidates(selector)) if (Selectors.selects(selector, o.labels())) selected.add(o);
    return selected;
  }

  /** The object of a kind with this namespace (empty for none) and name. */
  public Optional<MeshObject> find(String kind, String namespace, String name) {
    return Optional.ofNullable(byKey.get(key(kind, namespace, name)));
  }

  /** The first object, in input order, of a kind with this name in any namespace. */
  public Optional<MeshObject> findInAnyNamespace(String kind, String name) {
    return Optional.ofNullable(byKindAndName.get(key(kind, name)));
  }

  public boolean exists(String kind, String namespace, String name) {
    return byKey.containsKey(key(kind, namespace, name));
  }

  private static String key(String... parts) {
    // Kinds, namespaces and names hold no NUL, so the keys of distinct parts differ.
    return String.join("\u0000", parts);
  }
}
