package dev.shipshape.security.rbac.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One table per rule of the RBAC authorizer; each row is a request and whether it is allowed. */
class RbacAnalyzerTest {

  static Requester requester(String text) {
    if (text.startsWith("sa:")) {
      String[] parts = text.split(":");
      return Requester.serviceAccount(parts[1], parts[2]);
    }
    String[] userAndGroups = text.substring("user:".length()).split("\\|");
    return Requester.user(userAndGroups[0], Arrays.copyOfRange(userAndGroups, 1, userAndGroups.length));
  }

  static boolean allowed(String yaml, String who, String verb, String resource, String ns, String name) {
    return RbacAnalyzer.of(Manifests.parse(yaml)).canI(requester(who), verb, resource, ns, name).allowed();
  }

  /** An RBAC object of {@code kind} with {@code metadata} (an inline map), then the lines of the rest. */
  private static String rbac(String kind, String metadata, String... rest) {
    return String.join("\n", "apiVersion: rbac.authorization.k8s.io/v1", "kind: " + kind, "metadata: " + metadata,
        String.join("\n", rest));
  }

  /** A RoleBinding or ClusterRoleBinding of {@code roleKind} {@code role} to {@code subjects} (an inline list). */
  private static String binding(String kind, String metadata, String roleKind, String role, String subjects) {
    return rbac(kind, metadata, "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: " + roleKind + ", name: " + role
        + "}", "subjects: " + subjects);
  }

  /** One YAML stream of these documents. */
  private static String yaml(String... documents) {
    return String.join("\n---\n", documents);
  }

  private static final String UNION = yaml(
      rbac("Role", "{name: pods, namespace: shop}", "rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]"),
      rbac("Role", "{name: svc, namespace: shop}", "rules: [{apiGroups: [''], resources: [services], verbs: [list]}]"),
      binding("RoleBinding", "{name: a, namespace: shop}", "Role", "pods",
          "[{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]"),
      binding("RoleBinding", "{name: b, namespace: shop}", "Role", "svc",
          "[{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]"));

  @ParameterizedTest(name = "union, no deny: {0} {1} {2} in {3} -> {5}")
  @CsvSource({
      "user:alice, get, pods, shop, , true",
      "user:alice, list, services, shop, , false",
      "user:alice|devs, get, pods, shop, , true",
      "user:alice|devs, list, services, shop, , true",
      "user:bob|devs, get, pods, shop, , false",
      "user:alice, get, pods, other, , false",
      "user:alice, delete, pods, shop, , false",
  })
  void permissionsAreTheUnionOfBindings(String who, String verb, String res, String ns, String name, boolean ok) {
    assertThat(allowed(UNION, who, verb, res, ns, name)).isEqualTo(ok);
  }

  private static final String WILDCARDS = yaml(
      rbac("ClusterRole", "{name: any-verb-on-deployments}",
          "rules: [{apiGroups: [apps], resources: [deployments], verbs: ['*']}]"),
      rbac("ClusterRole", "{name: get-anything}", "rules: [{apiGroups: ['*'], resources: ['*'], verbs: [get]}]"),
      binding("ClusterRoleBinding", "{name: a}", "ClusterRole", "any-verb-on-deployments",
          "[{kind: User, name: alice}]"),
      binding("ClusterRoleBinding", "{name: b}", "ClusterRole", "get-anything", "[{kind: User, name: bob}]"));

  @ParameterizedTest(name = "wildcards: {0} {1} {2} -> {5}")
  @CsvSource({
      "user:alice, delete, deployments, shop, , true",
      "user:alice, escalate, deployments.apps, , , true",
      "user:alice, delete, statefulsets, shop, , false",
      "user:alice, delete, deployments.extensions, shop, , false",
      "user:bob, get, secrets, shop, , true",
      "user:bob, get, widgets.example.com, , , true",
      "user:bob, get, pods/log, shop, , true",
      "user:bob, list, pods, shop, , false",
  })
  void starMatchesEveryVerbGroupAndResource(String who, String verb, String res, String ns, String name,
      boolean ok) {
    assertThat(allowed(WILDCARDS, who, verb, res, ns, name)).isEqualTo(ok);
  }

  private static final String SUBRESOURCES = yaml(
      rbac("ClusterRole", "{name: r}", "rules:",
          "- {apiGroups: [''], resources: [pods], verbs: [get, create]}",
          "- {apiGroups: [apps], resources: ['*/scale'], verbs: [update]}"),
      binding("ClusterRoleBinding", "{name: a}", "ClusterRole", "r", "[{kind: User, name: alice}]"));

  @ParameterizedTest(name = "subresources: {1} {2} -> {5}")
  @CsvSource({
      "user:alice, get, pods, shop, , true",
      "user:alice, get, pods/log, shop, , false",
      "user:alice, create, pods/exec, shop, , false",
      "user:alice, update, deployments/scale, shop, , true",
      "user:alice, update, statefulsets.apps/scale, shop, , true",
      "user:alice, update, deployments, shop, , false",
  })
  void subresourcesAreDistinctFromTheirResource(String who, String verb, String res, String ns, String name,
      boolean ok) {
    assertThat(allowed(SUBRESOURCES, who, verb, res, ns, name)).isEqualTo(ok);
  }

  private static final String NAMES = yaml(
      rbac("Role", "{name: r, namespace: shop}", "rules: [{apiGroups: [''], resources: [configmaps], resourceNames: "
          + "[app-config], verbs: [get, update, list, watch, create, delete, deletecollection]}]"),
      binding("RoleBinding", "{name: a, namespace: shop}", "Role", "r", "[{kind: User, name: alice}]"));

  @ParameterizedTest(name = "resourceNames: {1} {2} {4} -> {5}")
  @CsvSource({
      "user:alice, get, configmaps, shop, app-config, true",
      "user:alice, update, configmaps, shop, app-config, true",
      "user:alice, delete, configmaps, shop, app-config, true",
      "user:alice, get, configmaps, shop, other, false",
      "user:alice, get, configmaps, shop, , false",
      "user:alice, list, configmaps, shop, , false",
      "user:alice, list, configmaps, shop, app-config, true",
      "user:alice, watch, configmaps, shop, app-config, true",
      "user:alice, create, configmaps, shop, app-config, true",
      "user:alice, create, configmaps, shop, other, false",
      "user:alice, create, configmaps, shop, , false",
      "user:alice, deletecollection, configmaps, shop, app-config, true",
      "user:alice, deletecollection, configmaps, shop, , false",
  })
  void resourceNamesMatchExactlyTheRequestsCarryingOneOfThemWhateverTheVerb(String who, String verb, String res, String ns,
      String name, boolean ok) {
    assertThat(allowed(NAMES, who, verb, res, ns, name)).isEqualTo(ok);
  }

  private static final String URLS = yaml(
      rbac("ClusterRole", "{name: r}", "rules:", "- {nonResourceURLs: [/healthz, /api/*], verbs: [get]}"),
      binding("ClusterRoleBinding", "{name: a}", "ClusterRole", "r", "[{kind: User, name: alice}]"),
      binding("RoleBinding", "{name: b, namespace: shop}", "ClusterRole", "r", "[{kind: User, name: bob}]"));

  @ParameterizedTest(name = "nonResourceURLs: {0} {1} {2} -> {5}")
  @CsvSource({
      "user:alice, get, /healthz, , , true",
      "user:alice, get, /healthz/ready, , , false",
      "user:alice, get, /api/v1, , , true",
      "user:alice, get, /api/, , , true",
      "user:alice, get, /api, , , false",
      "user:alice, post, /healthz, , , false",
      "user:bob, get, /healthz, , , false",
  })
  void nonResourceUrlsMatchExactlyOrByTrailingStar(String who, String verb, String res, String ns, String name,
      boolean ok) {
    assertThat(allowed(URLS, who, verb, res, ns, name)).isEqualTo(ok);
  }

  private static final String CLUSTER_ROLE_IN_NAMESPACE = yaml(
      rbac("ClusterRole", "{name: reader}", "rules:", "- {apiGroups: [''], resources: [pods, nodes], verbs: [get, list]}"),
      binding("RoleBinding", "{name: a, namespace: shop}", "ClusterRole", "reader", "[{kind: User, name: alice}]"));

  @ParameterizedTest(name = "ClusterRole via RoleBinding: {1} {2} in {3} -> {5}")
  @CsvSource({
      "user:alice, get, pods, shop, , true",
      "user:alice, get, pods, billing, , false",
      "user:alice, list, pods, , , false",
      "user:alice, get, nodes, , , false",
  })
  void clusterRoleBoundByRoleBindingGrantsOnlyInThatNamespace(String who, String verb, String res, String ns,
      String name, boolean ok) {
    assertThat(allowed(CLUSTER_ROLE_IN_NAMESPACE, who, verb, res, ns, name)).isEqualTo(ok);
  }

  private static final String AGGREGATED = yaml(
      rbac("ClusterRole", "{name: monitoring}",
          "aggregationRule:",
          "  clusterRoleSelectors:",
          "  - matchLabels: {rbac.example.com/aggregate-to-monitoring: 'true'}",
          "  - matchExpressions: [{key: tier, operator: In, values: [metrics]}]",
          "rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]"),
      rbac("ClusterRole", "{name: endpoints, labels: {rbac.example.com/aggregate-to-monitoring: 'true'}}",
          "rules: [{apiGroups: [''], resources: [endpoints], verbs: [list]}]"),
      rbac("ClusterRole", "{name: metrics, labels: {tier: metrics}}",
          "rules: [{nonResourceURLs: [/metrics], verbs: [get]}]"),
      rbac("ClusterRole", "{name: unrelated, labels: {rbac.example.com/aggregate-to-monitoring: 'false'}}",
          "rules: [{apiGroups: [''], resources: [pods], verbs: [delete]}]"),
      binding("ClusterRoleBinding", "{name: a}", "ClusterRole", "monitoring", "[{kind: User, name: alice}]"));

  @ParameterizedTest(name = "aggregation: {1} {2} -> {5}")
  @CsvSource({
      "user:alice, list, endpoints, shop, , true",
      "user:alice, get, /metrics, , , true",
      "user:alice, delete, pods, shop, , false",
      // The aggregated role's own rules are overwritten by the aggregation controller.
      "user:alice, get, secrets, shop, , false",
  })
  void aggregatedClusterRoleIsTheUnionOfTheRolesItSelects(String who, String verb, String res, String ns,
      String name, boolean ok) {
    assertThat(allowed(AGGREGATED, who, verb, res, ns, name)).isEqualTo(ok);
  }

  private static final String SERVICE_ACCOUNTS = yaml(
      rbac("ClusterRole", "{name: r}", "rules:", "- {apiGroups: [''], resources: [configmaps], verbs: [get]}"),
      binding("RoleBinding", "{name: all-sa-of-shop, namespace: shop}", "ClusterRole", "r",
          "[{kind: Group, name: 'system:serviceaccounts:shop'}]"),
      binding("RoleBinding", "{name: every-sa, namespace: billing}", "ClusterRole", "r",
          "[{kind: Group, name: 'system:serviceaccounts'}]"),
      binding("RoleBinding", "{name: everyone, namespace: public}", "ClusterRole", "r",
          "[{kind: Group, name: 'system:authenticated'}]"),
      binding("RoleBinding", "{name: one-sa, namespace: ops}", "ClusterRole", "r",
          "[{kind: ServiceAccount, name: ci}]"));

  @ParameterizedTest(name = "ServiceAccount groups: {0} in {3} -> {5}")
  @CsvSource({
      "sa:shop:ci, get, configmaps, shop, , true",
      "sa:ops:ci, get, configmaps, shop, , false",
      "sa:ops:ci, get, configmaps, billing, , true",
      "sa:shop:web, get, configmaps, public, , true",
      "user:alice, get, configmaps, public, , true",
      "user:alice, get, configmaps, billing, , false",
      // A ServiceAccount subject without namespace is one of the RoleBinding's namespace.
      "sa:ops:ci, get, configmaps, ops, , true",
      "sa:shop:ci, get, configmaps, ops, , false",
      "user:system:serviceaccount:shop:ci, get, configmaps, shop, , true",
  })
  void serviceAccountsAreInTheirGroups(String who, String verb, String res, String ns, String name, boolean ok) {
    assertThat(allowed(SERVICE_ACCOUNTS, who, verb, res, ns, name)).isEqualTo(ok);
  }
}
