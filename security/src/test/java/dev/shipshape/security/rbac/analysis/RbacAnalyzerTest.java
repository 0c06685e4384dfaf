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

  private static final String UNION = String.join("\n",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: Role",
      "metadata: {name: pods, namespace: shop}",
      "rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: Role",
      "metadata: {name: svc, namespace: shop}",
      "rules: [{apiGroups: [''], resources: [services], verbs: [list]}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: a, namespace: shop}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}",
      "subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: b, namespace: shop}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: svc}",
      "subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]");

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

  private static final String WILDCARDS = String.join("\n",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: any-verb-on-deployments}",
      "rules: [{apiGroups: [apps], resources: [deployments], verbs: ['*']}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: get-anything}",
      "rules: [{apiGroups: ['*'], resources: ['*'], verbs: [get]}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRoleBinding",
      "metadata: {name: a}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: any-verb-on-deployments}",
      "subjects: [{kind: User, name: alice}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRoleBinding",
      "metadata: {name: b}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: get-anything}",
      "subjects: [{kind: User, name: bob}]");

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

  private static final String SUBRESOURCES = String.join("\n",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: r}",
      "rules:",
      "- {apiGroups: [''], resources: [pods], verbs: [get, create]}",
      "- {apiGroups: [apps], resources: ['*/scale'], verbs: [update]}",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRoleBinding",
      "metadata: {name: a}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}",
      "subjects: [{kind: User, name: alice}]");

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

  private static final String NAMES = String.join("\n",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: Role",
      "metadata: {name: r, namespace: shop}",
      "rules: [{apiGroups: [''], resources: [configmaps], resourceNames: [app-config],"
          + " verbs: [get, update, list, watch, create, delete, deletecollection]}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: a, namespace: shop}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}",
      "subjects: [{kind: User, name: alice}]");

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

  private static final String URLS = String.join("\n",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: r}",
      "rules:",
      "- {nonResourceURLs: [/healthz, /api/*], verbs: [get]}",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRoleBinding",
      "metadata: {name: a}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}",
      "subjects: [{kind: User, name: alice}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: b, namespace: shop}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}",
      "subjects: [{kind: User, name: bob}]");

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

  private static final String CLUSTER_ROLE_IN_NAMESPACE = String.join("\n",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: reader}",
      "rules:",
      "- {apiGroups: [''], resources: [pods, nodes], verbs: [get, list]}",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: a, namespace: shop}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}",
      "subjects: [{kind: User, name: alice}]");

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

  private static final String AGGREGATED = String.join("\n",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: monitoring}",
      "aggregationRule:",
      "  clusterRoleSelectors:",
      "  - matchLabels: {rbac.example.com/aggregate-to-monitoring: 'true'}",
      "  - matchExpressions: [{key: tier, operator: In, values: [metrics]}]",
      "rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: endpoints, labels: {rbac.example.com/aggregate-to-monitoring: 'true'}}",
      "rules: [{apiGroups: [''], resources: [endpoints], verbs: [list]}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: metrics, labels: {tier: metrics}}",
      "rules: [{nonResourceURLs: [/metrics], verbs: [get]}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: unrelated, labels: {rbac.example.com/aggregate-to-monitoring: 'false'}}",
      "rules: [{apiGroups: [''], resources: [pods], verbs: [delete]}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRoleBinding",
      "metadata: {name: a}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}",
      "subjects: [{kind: User, name: alice}]");

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

  private static final String SERVICE_ACCOUNTS = String.join("\n",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: r}",
      "rules:",
      "- {apiGroups: [''], resources: [configmaps], verbs: [get]}",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: all-sa-of-shop, namespace: shop}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}",
      "subjects: [{kind: Group, name: 'system:serviceaccounts:shop'}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: every-sa, namespace: billing}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}",
      "subjects: [{kind: Group, name: 'system:serviceaccounts'}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: everyone, namespace: public}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}",
      "subjects: [{kind: Group, name: 'system:authenticated'}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: one-sa, namespace: ops}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}",
      "subjects: [{kind: ServiceAccount, name: ci}]");

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
