package dev.shipshape.security.rbac.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The bindings that apply in a namespace, found by index, are those a scan of every binding finds, in the same order:
 * every ClusterRoleBinding and the namespace's RoleBindings; cluster-wide requests see the ClusterRoleBindings only.
 */
class RbacGraphBindingsProperties {
  private static final List<String> NAMESPACES = List.of("a", "b", "c");

  @Property(tries = 200)
  void bindingsForANamespaceAreThoseAScanFinds(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 3) Integer> where) {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < where.size(); i++) {
      int w = where.get(i);
      String kind = w == NAMESPACES.size() ? "ClusterRoleBinding" : "RoleBinding";
      String namespace = w == NAMESPACES.size() ? "" : ", namespace: " + NAMESPACES.get(w);
      objects.add(Manifests.parse("apiVersion: rbac.authorization.k8s.io/v1\nkind: " + kind + "\nmetadata: {name: b"
          + i + namespace + "}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n"
          + "subjects: [{kind: User, name: u" + i + "}]\n").get(0));
    }
    RbacGraph graph = RbacGraph.of(objects);

    for (String namespace : List.of("", "a", "b", "c", "d")) {
      List<String> scanned = graph.bindings().stream()
          .filter(b -> b.isClusterWide() || (!namespace.isEmpty() && b.namespace.equals(namespace)))
          .map(b -> b.ref.toString()).collect(Collectors.toList());
      assertThat(graph.bindingsFor(namespace)).extracting(b -> b.ref.toString()).as("namespace '%s'", namespace)
          .containsExactlyElementsOf(scanned);
    }
  }
}
