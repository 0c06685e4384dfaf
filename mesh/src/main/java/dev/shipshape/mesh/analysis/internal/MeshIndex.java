package dev.shipshape.mesh.analysis.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects one analyzer sees, by kind and by kind plus full name; built once per analyzer, read-only after. */
public final class MeshIndex {
  private final Map<String, List<MeshObject>> byKind = new LinkedHashMap<>();
  private final Map<String, MeshObject> byKey = new HashMap<>();
  private final Map<String, List<MeshObject>> byKindAndNamespace = new HashMap<>();

  public MeshIndex(Collection<MeshObject> objects) {
    for (MeshObject o : objects) {
      byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
      byKindAndNamespace.computeIfAbsent(o.kind() + "\u0000" + o.namespace(), k -> new ArrayList<>()).add(o);
      byKey.putIfAbsent(key(o.kind(), o.namespace(), o.name()), o);
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
    return Collections.unmodifiableList(byKindAndNamespace.getOrDefault(kind + "\u0000" + namespace, List.of()));
  }

  /** The object of a kind with this namespace (empty for none) and name. */
  public Optional<MeshObject> find(String kind, String namespace, String name) {
    return Optional.ofNullable(byKey.get(key(kind, namespace, name)));
  }

  public boolean exists(String kind, String namespace, String name) {
    return byKey.containsKey(key(kind, namespace, name));
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "\u0000" + namespace + "\u0000" + name;
  }
}
