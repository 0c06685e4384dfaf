package dev.shipshape.security.rbac.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.rbac.Persona;
import dev.shipshape.security.rbac.RbacProfile;
import dev.shipshape.security.rbac.Risk;
import dev.shipshape.security.rbac.RbacSubject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class RbacQueriesTest {
  KubernetesClient client;

  private static final String SET = String.join("\n",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: Role",
      "metadata: {name: deployer, namespace: shop}",
      "rules:",
      "- {apiGroups: [apps], resources: [deployments], verbs: [get, list, create, patch]}",
      "- {apiGroups: [''], resources: [secrets], verbs: [list]}",
      "- {apiGroups: [''], resources: [configmaps], resourceNames: [app], verbs: [get]}",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: ci, namespace: shop}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}",
      "subjects: [{kind: ServiceAccount, name: ci, namespace: shop}, {kind: User, name: carol}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: {name: health}",
      "rules: [{nonResourceURLs: [/healthz], verbs: [get]}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRoleBinding",
      "metadata: {name: health}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: health}",
      "subjects: [{kind: Group, name: 'system:authenticated'}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRoleBinding",
      "metadata: {name: root}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}",
      "subjects: [{kind: User, name: admin}]",
      "---",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: RoleBinding",
      "metadata: {name: dangling, namespace: shop}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: missing}",
      "subjects: [{kind: User, name: dave}]");

  private final RbacAnalyzer analyzer = RbacAnalyzer.of(Manifests.parse(SET));

  @Test
  void canIExplainsTheBindingAndRule() {
    Decision d = analyzer.canI(Requester.serviceAccount("shop", "ci"), "create", "deployments", "shop", null);
    assertThat(d.allowed()).isTrue();
    assertThat(d.explain()).isEqualTo("yes: system:serviceaccount:shop:ci (groups system:serviceaccounts,"
        + " system:serviceaccounts:shop, system:authenticated) may create deployments.apps in shop\n"
        + "  allowed by RoleBinding.rbac.authorization.k8s.io shop/ci -> Role.rbac.authorization.k8s.io"
        + " shop/deployer: verbs [get, list, create, patch] on deployments (group \"apps\") in namespace shop\n");
    assertThat(d.toJson()).contains("\"allowed\" : true").contains("\"name\" : \"deployer\"");
    Decision no = analyzer.canI(Requester.user("carol"), "delete", "deployments", "shop", "web");
    assertThat(no.explain()).startsWith("no: carol (groups system:authenticated) may not delete deployments.apps"
        + " web in shop\n  no rule of any binding that applies allows it");
  }

  @Test
  void bootstrapClusterAdminIsKnownAndOtherMissingRolesAreListed() {
    assertThat(analyzer.canI(Requester.user("admin"), "delete", "nodes", null, null).allowed()).isTrue();
    assertThat(analyzer.canI(Requester.user("admin"), "get", "/logs", null, null).allowed()).isTrue();
    assertThat(analyzer.canI(Requester.user("dave"), "get", "pods", "shop", null).allowed()).isFalse();
    assertThat(analyzer.unresolvedBindings())
        .containsExactly(ResourceRef.namespaced("rbac.authorization.k8s.io", "RoleBinding", "shop", "dangling"));
  }

  @Test
  void whoCanListsSubjectsWithPaths() {
    List<String> who = analyzer.whoCan("list", "secrets", "shop").stream().map(a -> a.subject().toString())
        .collect(Collectors.toList());
    assertThat(who).containsExactly("User admin", "User carol", "ServiceAccount shop/ci");
    assertThat(analyzer.whoCan("get", "/healthz", null)).extracting(a -> a.subject().toString())
        .containsExactly("User admin", "Group system:authenticated");
    assertThat(analyzer.whoCan("list", "secrets", "billing")).extracting(a -> a.subject().toString())
        .containsExactly("User admin");
  }

  @Test
  void accessMatrixIsLikeKubectlCanIList() {
    AccessMatrix m = analyzer.accessOf(Requester.user("carol"), "shop");
    assertThat(m.toText()).isEqualTo(String.join("\n",
        "Resources          Non-Resource URLs   Resource Names   Verbs",
        "configmaps         []                  [app]            [get]",
        "deployments.apps   []                  []               [create, get, list, patch]",
        "secrets            []                  []               [list]",
        "                   [/healthz]          []               [get]",
        ""));
    assertThat(m.toJson()).contains("\"resource\" : \"deployments.apps\"");
    assertThat(analyzer.accessOf(Requester.user("carol"), null).entries()).extracting(AccessEntry::nonResourceURL)
        .containsExactly("/healthz");
  }

  @Test
  void riskyPermissionsWorstFirstWithPaths() {
    List<Finding> risks = analyzer.riskyPermissions();
    assertThat(risks).extracting(Finding::ruleId)
        .containsExactly("rbac-cluster-admin-binding", "rbac-secrets-read", "rbac-workload-write");
    assertThat(risks).extracting(f -> Risk.ofRuleId(f.ruleId()).orElseThrow())
        .containsExactly(Risk.CLUSTER_ADMIN_BINDING, Risk.SECRETS_READ, Risk.WORKLOAD_WRITE);
    assertThat(risks.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(risks.get(1).toString()).isEqualTo("HIGH rbac-secrets-read RoleBinding.rbac.authorization.k8s.io"
        + " shop/ci roleRef: [ServiceAccount shop/ci, User carol] may read Secrets (get/list/watch) through"
        + " Role.rbac.authorization.k8s.io shop/deployer: verbs [list] on secrets (group \"\") in namespace shop"
        + " — grant only what the subjects need: remove the rule from Role.rbac.authorization.k8s.io shop/deployer"
        + " or the subjects from RoleBinding.rbac.authorization.k8s.io shop/ci, or acknowledge the risk on the role");
    assertThat(risks.get(1).resources()).extracting(ResourceRef::name).containsExactly("ci", "deployer");
    assertThat(Risk.ofRuleId("rbac-no-such-risk")).isEmpty();
  }

  @Test
  void clusterScopedRisksDoNotCountThroughARoleBinding() {
    String yaml = String.join("\n",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: ClusterRole",
        "metadata: {name: proxy}",
        "rules: [{apiGroups: [''], resources: [nodes/proxy], verbs: [get]}]",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: RoleBinding",
        "metadata: {name: in-ns, namespace: shop}",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: proxy}",
        "subjects: [{kind: User, name: a}]",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: ClusterRoleBinding",
        "metadata: {name: everywhere}",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: proxy}",
        "subjects: [{kind: User, name: b}]");
    assertThat(RbacAnalyzer.of(Manifests.parse(yaml)).riskyPermissions()).singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("[User b] ").endsWith(" cluster-wide"))
        .satisfies(f -> assertThat(f.ruleId()).isEqualTo(Risk.NODE_PROXY.ruleId()));
  }

  @Test
  void aRiskTheBoundRoleAcknowledgesIsInfoAndSaysSo() {
    // Written by hand: spaces, a repeated and an empty entry are read as RbacRole would have written the list.
    String yaml = String.join("\n",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: Role",
        "metadata: {name: reader, namespace: shop, annotations: {shipshape.dev/acknowledged-risks: 'POD_EXEC, "
            + "SECRETS_READ,POD_EXEC,'}}",
        "rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}, {apiGroups: ['*'], resources: ['*'],"
            + " verbs: [list]}]",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: RoleBinding",
        "metadata: {name: readers, namespace: shop}",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}",
        "subjects: [{kind: User, name: a}]");
    assertThat(RbacAnalyzer.of(Manifests.parse(yaml)).riskyPermissions())
        .extracting(f -> f.severity() + " " + f.ruleId() + (f.message().endsWith(" (acknowledged on the role, so "
            + "reported as INFO)") ? " acknowledged" : ""))
        .as("the role acknowledges reading Secrets by any of its rules, not the wildcard")
        .containsExactly("HIGH " + Risk.WILDCARD.ruleId(), "INFO " + Risk.SECRETS_READ.ruleId() + " acknowledged",
            "INFO " + Risk.SECRETS_READ.ruleId() + " acknowledged");
  }

  @Test
  void acknowledgingSecretsReadAcceptsTheirPatchesAndDeletesToo() {
    String yaml = String.join("\n",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: Role",
        "metadata: {name: keeper, namespace: shop, annotations: {shipshape.dev/acknowledged-risks: SECRETS_READ}}",
        "rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}, {apiGroups: [''], resources: [secrets],"
            + " verbs: [patch]}]",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: RoleBinding",
        "metadata: {name: keepers, namespace: shop}",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: keeper}",
        "subjects: [{kind: User, name: a}]");
    assertThat(RbacAnalyzer.of(Manifests.parse(yaml)).riskyPermissions())
        .extracting(f -> f.severity() + " " + f.ruleId())
        .containsExactlyInAnyOrder("INFO " + Risk.SECRETS_READ.ruleId(),
            "INFO " + Risk.SECRETS_READ_BY_PATCH_OR_DELETE.ruleId());
  }

  @Test
  void patchingOrDeletingSecretsReadsThemInANamespaceAndClusterWide() {
    String yaml = String.join("\n",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: Role",
        "metadata: {name: rotator, namespace: shop}",
        "rules: [{apiGroups: [''], resources: [secrets], resourceNames: [tls], verbs: [patch]}]",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: RoleBinding",
        "metadata: {name: rotator, namespace: shop}",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: rotator}",
        "subjects: [{kind: User, name: a}]",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: ClusterRole",
        "metadata: {name: janitor}",
        "rules: [{apiGroups: [''], resources: ['*'], verbs: [delete]}]",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: ClusterRoleBinding",
        "metadata: {name: janitor}",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: janitor}",
        "subjects: [{kind: User, name: b}]");
    List<Finding> risks = RbacAnalyzer.of(Manifests.parse(yaml)).riskyPermissions().stream()
        .filter(f -> f.ruleId().equals(Risk.SECRETS_READ_BY_PATCH_OR_DELETE.ruleId())).collect(Collectors.toList());
    assertThat(risks).extracting(Finding::toString).containsExactly(
        "HIGH rbac-secrets-read-by-patch-or-delete ClusterRoleBinding.rbac.authorization.k8s.io janitor roleRef:"
            + " [User b] may read Secrets through patch or delete (the response carries the stored Secret) through"
            + " ClusterRole.rbac.authorization.k8s.io janitor: verbs [delete] on * (group \"\") cluster-wide"
            + " — grant only what the subjects need: in ClusterRole.rbac.authorization.k8s.io janitor drop patch,"
            + " delete and deletecollection on Secrets, or acknowledge the risk on the role, best with patch and"
            + " delete limited by resourceNames to the Secrets that must change (those stay readable); or remove the"
            + " subjects from ClusterRoleBinding.rbac.authorization.k8s.io janitor",
        "HIGH rbac-secrets-read-by-patch-or-delete RoleBinding.rbac.authorization.k8s.io shop/rotator roleRef:"
            + " [User a] may read Secrets through patch or delete (the response carries the stored Secret) through"
            + " Role.rbac.authorization.k8s.io shop/rotator: verbs [patch] on secrets named [tls] (group \"\") in"
            + " namespace shop — grant only what the subjects need: in Role.rbac.authorization.k8s.io shop/rotator"
            + " drop patch, delete and deletecollection on Secrets, or acknowledge the risk on the role, best with"
            + " patch and delete limited by resourceNames to the Secrets that must change (those stay readable); or"
            + " remove the subjects from RoleBinding.rbac.authorization.k8s.io shop/rotator");
    String acknowledged = yaml.replace("metadata: {name: rotator, namespace: shop}\nrules",
        "metadata: {name: rotator, namespace: shop, annotations: {shipshape.dev/acknowledged-risks:"
            + " SECRETS_READ_BY_PATCH_OR_DELETE}}\nrules");
    assertThat(RbacAnalyzer.of(Manifests.parse(acknowledged)).riskyPermissions())
        .filteredOn(f -> f.message().startsWith("[User a] "))
        .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO))
        .satisfies(f -> assertThat(f.message()).endsWith(" in namespace shop (acknowledged on the role, so reported"
            + " as INFO)"));
  }

  @Test
  void diffShowsGainsAndLossesNotCoveredByTheOtherSet() {
    String after = SET.replace("verbs: [get, list, create, patch]", "verbs: ['*']")
        .replace("resources: [secrets], verbs: [list]", "resources: [secrets], verbs: [get]");
    RbacDiff diff = analyzer.diff(RbacAnalyzer.of(Manifests.parse(after)));
    assertThat(diff.toText()).isEqualTo(String.join("\n",
        "+ User carol: * deployments.apps in shop",
        "+ User carol: get secrets in shop",
        "+ ServiceAccount shop/ci: * deployments.apps in shop",
        "+ ServiceAccount shop/ci: get secrets in shop",
        "- User carol: list secrets in shop",
        "- ServiceAccount shop/ci: list secrets in shop",
        ""));
    assertThat(diff.toJson()).contains("\"change\" : \"gained\"");
    RbacDiff narrowing = RbacAnalyzer.of(Manifests.parse(after)).diff(analyzer);
    assertThat(narrowing.gained()).extracting(PermissionChange::toString)
        .containsExactly("+ User carol: list secrets in shop", "+ ServiceAccount shop/ci: list secrets in shop");
    assertThat(narrowing.lost()).extracting(PermissionChange::toString).contains(
        "- User carol: * deployments.apps in shop");
  }

  @Test
  void readsFromFilesPlansAndLiveClusters(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("rbac.yaml"), SET);
    assertThat(RbacAnalyzer.read(dir).canI(Requester.user("carol"), "list", "secrets", "shop", null).allowed())
        .isTrue();

    RbacProfile profile = RbacProfile.builder().name("access")
        .assign(Persona.VIEWER, "shop", RbacSubject.group("viewers")).build();
    RbacAnalyzer fromPlan = RbacAnalyzer.of(ClusterSpec.builder().name("prod")
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n").component(profile).build().plan());
    assertThat(fromPlan.canI(Requester.user("v", "viewers"), "watch", "deployments", "shop", null).allowed())
        .isTrue();
    assertThat(fromPlan.canI(Requester.user("v", "viewers"), "get", "secrets", "shop", null).allowed()).isFalse();

    for (HasMetadata o : Manifests.parse(SET)) client.resource(o).create();
    RbacAnalyzer live = RbacAnalyzer.fromCluster(client);
    assertThat(live.canI(Requester.serviceAccount("shop", "ci"), "patch", "deployments", "shop", "web").allowed())
        .isTrue();
    assertThat(live.whoCan("get", "/healthz", null)).hasSize(2);
  }
}
