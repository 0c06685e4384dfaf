package dev.shipshape.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One allow rule of {@link AuthorizationRules}: which pods it protects, and which callers (ServiceAccount
 * principals, namespaces) may use which methods and paths. The callers named are alternatives: a request from any
 * ServiceAccount or any namespace given is admitted, and without callers every caller is. Principals and namespaces
 * are the identity of the caller's mutual TLS certificate, so callers outside the mesh match neither. Immutable;
 * options return a new rule.
 */
public final class AccessRule {
  private final Map<String, String> workload;
  private final List<String> principals;
  private final List<String> namespaces;
  private final List<String> methods;
  private final List<String> paths;

  private AccessRule(Map<String, String> workload, List<String> principals, List<String> namespaces,
      List<String> methods, List<String> paths) {
    this.workload = workload;
    this.principals = principals;
    this.namespaces = namespaces;
    this.methods = methods;
    this.paths = paths;
  }

  /** A rule for the pods with these labels; an empty map covers every pod of the namespace. */
  public static AccessRule to(Map<String, String> podLabels) {
    return new AccessRule(dev.shipshape.mesh.internal.IstioObjects.sortedLabels(podLabels), List.of(), List.of(),
        List.of(), List.of());
  }

  /** Callers running as ServiceAccount {@code name} in {@code namespace} (mTLS identity). */
  public AccessRule fromServiceAccount(String namespace, String name) {
    return new AccessRule(workload, add(principals, dev.shipshape.mesh.internal.IstioObjects.principal(
        Objects.requireNonNull(namespace, "namespace == null"), Objects.requireNonNull(name, "name == null"))),
        namespaces, methods, paths);
  }

  /** Callers from any workload of {@code namespace}. */
  public AccessRule fromNamespace(String namespace) {
    return new AccessRule(workload, principals, add(namespaces, namespace), methods, paths);
  }

  /** Only these HTTP methods. By default, any. */
  public AccessRule methods(String... more) {
    List<String> all = new ArrayList<>(methods);
    for (String m : more) all.add(Objects.requireNonNull(m, "method == null"));
    return new AccessRule(workload, principals, namespaces, List.copyOf(all), paths);
  }

  /** Only these paths ({@code /api/*} prefix, {@code *.js} suffix, or exact). By default, any. */
  public AccessRule paths(String... more) {
    List<String> all = new ArrayList<>(paths);
    for (String p : more) all.add(Objects.requireNonNull(p, "path == null"));
    return new AccessRule(workload, principals, namespaces, methods, List.copyOf(all));
  }

  private static List<String> add(List<String> list, String value) {
    List<String> all = new ArrayList<>(list);
    all.add(Objects.requireNonNull(value, "value == null"));
    return List.copyOf(all);
  }

  public Map<String, String> workload() {
    return workload;
  }

  public List<String> principals() {
    return principals;
  }

  public List<String> namespaces() {
    return namespaces;
  }

  public List<String> methods() {
    return methods;
  }

  public List<String> paths() {
    return paths;
  }

  @Override
  public String toString() {
    return "AccessRule(" + workload + " from " + principals + namespaces + " " + methods + paths + ")";
  }
}
