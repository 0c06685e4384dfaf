package dev.shipshape.security.rbac.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the analyzer over random RBAC sets. */
class RbacDiffProperties {

  @Provide
  Arbitrary<String> roleYaml() {
    Arbitrary<String> verbs = Arbitraries.of("get", "list", "create", "delete", "*").list().ofMinSize(1).ofMaxSize(3)
        .uniqueElements().map(RbacDiffProperties::quoted);
    Arbitrary<String> resources = Arbitraries.of("pods", "pods/log", "secrets", "*", "configmaps").list()
        .ofMinSize(1).ofMaxSize(2).uniqueElements().map(RbacDiffProperties::quoted);
    Arbitrary<String> names = Arbitraries.of("", "resourceNames: [a], ");
    Arbitrary<String> kind = Arbitraries.of("Role", "ClusterRole");
    return Combinators.combine(verbs, resources, names, kind, Arbitraries.integers().between(0, 1000))
        .as((v, r, n, k, id) -> String.join("\n",
            "apiVersion: rbac.authorization.k8s.io/v1",
            "kind: " + k,
            "metadata: {name: r" + id + (k.equals("Role") ? ", namespace: shop" : "") + "}",
            "rules: [{apiGroups: [''], resources: [" + r + "], " + n + "verbs: [" + v + "]}]",
            "---",
            "apiVersion: rbac.authorization.k8s.io/v1",
            "kind: " + (k.equals("Role") ? "RoleBinding" : "ClusterRoleBinding"),
            "metadata: {name: b" + id + (k.equals("Role") ? ", namespace: shop" : "") + "}",
            "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: " + k + ", name: r" + id + "}",
            "subjects: [{kind: User, name: alice}]"));
  }

  private static String quoted(List<String> values) {
    return "'" + String.join("', '", values) + "'";
  }

  @Provide
  Arbitrary<List<String>> sets() {
    return roleYaml().list().ofMaxSize(4);
  }

  private static List<HasMetadata> parse(List<String> docs) {
    List<HasMetadata> all = new ArrayList<>();
    docs.forEach(d -> all.addAll(Manifests.parse(d)));
    return all;
  }

  @Property(tries = 200)
  void diffOfASetWithItselfIsEmpty(@ForAll("sets") List<String> set) {
    RbacAnalyzer a = RbacAnalyzer.of(parse(set));
    assertThat(a.diff(RbacAnalyzer.of(parse(set))).isEmpty()).isTrue();
  }

  @Property(tries = 200)
  void addingBindingsNeverLosesAPermission(@ForAll("sets") List<String> set, @ForAll("roleYaml") String extra,
      @ForAll("verb") String verb, @ForAll("resource") String resource, @ForAll("name") String name) {
    RbacAnalyzer before = RbacAnalyzer.of(parse(set));
    List<String> more = new ArrayList<>(set);
    // Distinct names, so that the extra role is added rather than replacing one of the same name.
    more.add(extra.replace("name: r", "name: extra-r").replace("name: b", "name: extra-b"));
    RbacAnalyzer after = RbacAnalyzer.of(parse(more));
    Requester alice = Requester.user("alice");
    if (before.canI(alice, verb, resource, "shop", name).allowed()) {
      assertThat(after.canI(alice, verb, resource, "shop", name).allowed()).isTrue();
    }
    assertThat(before.diff(after).lost()).isEmpty();
  }

  @Provide
  Arbitrary<String> verb() {
    return Arbitraries.of("get", "list", "create", "delete", "watch");
  }

  @Provide
  Arbitrary<String> resource() {
    return Arbitraries.of("pods", "pods/log", "secrets", "configmaps", "pods/exec");
  }

  @Provide
  Arbitrary<String> name() {
    return Arbitraries.of("", "a", "b");
  }
}
