package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.embedded.EmbeddedCluster;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code can-i}, {@code who-can} and {@code rbac-diff} on a small RBAC set: alice reads pods (and their logs) in
 * shop through a RoleBinding; group ops reads Secrets everywhere through a ClusterRoleBinding.
 */
class RbacCommandsTest {
  private static final String ALICE_BINDING = "RoleBinding.rbac.authorization.k8s.io shop/alice-reads-pods -> "
      + "Role.rbac.authorization.k8s.io shop/pod-reader";
  private static final String OPS_BINDING = "ClusterRoleBinding.rbac.authorization.k8s.io ops-read-secrets -> "
      + "ClusterRole.rbac.authorization.k8s.io secret-reader";

  @TempDir
  Path home;

  private CliRunner.Result run(String... args) {
    return CliRunner.isolated(home).run(args);
  }

  private static String before() {
    return Fixtures.path("rbac/before.yaml");
  }

  @Test
  void aliasesInRbacManifestsAreResolved() throws IOException {
    Path rbac = home.resolve("aliased.yaml");
    java.nio.file.Files.writeString(rbac, "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n"
        + "metadata: {name: reader, namespace: shop, annotations: {granted: &v get}}\nrules:\n"
        + "- apiGroups: ['']\n  resources: [secrets]\n  verbs: [*v]\n---\n"
        + "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
        + "metadata: {name: reader, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, "
        + "name: reader}\nsubjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]\n");

    CliRunner.Result get = run("can-i", "get", "secrets", "-n", "shop", "--as", "alice", "--rbac", rbac.toString());

    assertThat(get.exitCode).as(get.toString()).isZero();
    assertThat(get.out).isEqualTo("yes\n");
  }

  @Test
  void questionsThatCannotExistAreUsageErrors() {
    CliRunner.Result result = run("can-i", "GET", "Pods//log", "-n", "Shop", "--as", "alice", "--rbac", before());
    CliRunner.Result unknown = run("who-can", "get", "podz", "--rbac", before());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).isEqualTo(String.join("\n",
        "verb 'GET' cannot exist — verbs are lower-case words such as get, list, watch, create, update, patch, "
            + "delete, or * for any",
        "subresource '/log' of 'Pods//log' cannot exist — subresources are lower-case words such as log, status or "
            + "scale",
        "resource 'Pods' cannot exist — resources are lower-case plural names such as pods or deployments.apps",
        "namespace 'Shop' " + dev.shipshape.core.Names.checkDns1123Label("Shop").get(0)) + "\n");
    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.err).isEqualTo("resource 'podz' is not a built-in resource — check the spelling (plural, "
        + "such as pods), or name the group of a custom resource, such as widgets.example.com\n");
  }

  @Test
  void canIPrintsYesOrNoWithExitZeroOrOne() {
    CliRunner.Result yes = run("can-i", "list", "pods", "-n", "shop", "--as", "alice", "--rbac", before());
    CliRunner.Result otherVerb = run("can-i", "delete", "pods", "-n", "shop", "--as", "alice", "--rbac", before());
    CliRunner.Result otherNamespace = run("can-i", "list", "pods", "-n", "web", "--as", "alice", "--rbac", before());
    CliRunner.Result clusterWide = run("can-i", "list", "pods", "--as", "alice", "--rbac", before());

    assertThat(yes.exitCode).as(yes.toString()).isZero();
    assertThat(yes.out).isEqualTo("yes\n");
    assertThat(otherVerb.exitCode).as(otherVerb.toString()).isEqualTo(1);
    assertThat(otherVerb.out).isEqualTo("no\n");
    assertThat(otherNamespace.exitCode).isEqualTo(1);
    assertThat(clusterWide.exitCode).as("a RoleBinding grants nothing cluster-wide").isEqualTo(1);
  }

  @Test
  void canIWithGroupsSubresourcesAndNames() {
    CliRunner.Result group = run("can-i", "get", "secrets", "db-password", "-n", "shop", "--as", "bob",
        "--as-group", "dev", "--as-group", "ops", "--rbac", before());
    CliRunner.Result noGroup = run("can-i", "get", "secrets", "-n", "shop", "--as", "bob", "--rbac", before());
    CliRunner.Result log = run("can-i", "get", "pods/log", "web-0", "-n", "shop", "--as", "alice", "--rbac", before());
    CliRunner.Result exec = run("can-i", "create", "pods/exec", "web-0", "-n", "shop", "--as", "alice", "--rbac",
        before());

    assertThat(group.out).isEqualTo("yes\n");
    assertThat(noGroup.out).isEqualTo("no\n");
    assertThat(log.out).isEqualTo("yes\n");
    assertThat(exec.out).as("a subresource is distinct from its resource").isEqualTo("no\n");
  }

  @Test
  void explainNamesTheBindingAndTheRule() {
    CliRunner.Result yes = run("can-i", "get", "pods/log", "-n", "shop", "--as", "alice", "--rbac", before(),
        "--explain");
    CliRunner.Result no = run("can-i", "delete", "pods", "-n", "shop", "--as", "alice", "--rbac", before(),
        "--explain");

    assertThat(yes.exitCode).isZero();
    assertThat(yes.out).isEqualTo("yes: alice (groups system:authenticated) may get pods/log in shop\n"
        + "  allowed by " + ALICE_BINDING + ": verbs [get] on pods/log (group \"\") in namespace shop\n");
    assertThat(no.exitCode).isEqualTo(1);
    assertThat(no.out).isEqualTo("no: alice (groups system:authenticated) may not delete pods in shop\n"
        + "  no rule of any binding that applies allows it (RBAC has no deny: a grant is needed)\n");
  }

  @Test
  void canIOnASpecScript() {
    CliRunner.Result result = run("can-i", "create", "deployments", "-n", "shop", "--as", "alice", "--rbac",
        Fixtures.path("rbac/team.jsh"));

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).isEqualTo("yes\n");
  }

  @Test
  void whoCanListsEverySubjectWithItsGrant() {
    CliRunner.Result secrets = run("who-can", "get", "secrets", "-n", "shop", "--rbac", before());
    CliRunner.Result pods = run("who-can", "watch", "pods", "--namespace", "shop", "--rbac", before());
    CliRunner.Result nodes = run("who-can", "delete", "nodes", "--rbac", before());

    assertThat(secrets.exitCode).isZero();
    assertThat(secrets.out).isEqualTo("Group ops via " + OPS_BINDING + ": verbs [get] on secrets (group \"\") "
        + "cluster-wide\n");
    assertThat(pods.out).isEqualTo("User alice via " + ALICE_BINDING + ": verbs [get, list, watch] on pods "
        + "(group \"\") in namespace shop\n");
    assertThat(nodes.exitCode).isZero();
    assertThat(nodes.out).isEqualTo("nobody may delete nodes cluster-wide\n");
  }

  @Test
  void rbacDiffListsGainsAndLosses() throws IOException {
    String after = Fixtures.path("rbac/after.yaml");
    CliRunner.Result text = run("rbac-diff", before(), after);
    CliRunner.Result json = run("rbac-diff", "--format", "json", before(), after);
    CliRunner.Result same = run("rbac-diff", before(), before());

    assertThat(text.exitCode).as(text.toString()).isEqualTo(1);
    assertThat(text.out).isEqualTo("+ User alice: create deployments.apps in shop\n"
        + "- Group ops: get secrets cluster-wide\n");
    JsonNode changes = new ObjectMapper().readTree(json.out).get("changes");
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).get("change").asText()).isEqualTo("gained");
    assertThat(changes.get(1).get("scope").asText()).isEqualTo("cluster-wide");
    assertThat(same.exitCode).isZero();
    assertThat(same.out).isEqualTo("no RBAC changes\n");
  }

  @Test
  void liveReadsTheRbacObjectsOfTheCluster() {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      Manifests.read(Path.of(before())).forEach(o -> cluster.client().resource(o).create());
      CliRunner live = CliRunner.sharing(cluster, home);

      CliRunner.Result yes = live.run("can-i", "watch", "pods", "-n", "shop", "--as", "alice", "--live",
          "--embedded");
      CliRunner.Result no = live.run("can-i", "get", "secrets", "-n", "shop", "--as", "alice", "--live",
          "--embedded");
      CliRunner.Result who = live.run("who-can", "get", "secrets", "-n", "shop", "--live", "--embedded");

      assertThat(yes.exitCode).as(yes.toString()).isZero();
      assertThat(yes.out).isEqualTo("yes\n");
      assertThat(no.exitCode).as(no.toString()).isEqualTo(1);
      assertThat(who.out).startsWith("Group ops via ");
    }
  }

  @Test
  void badInputIsOneLineWithTheRightExitCode() {
    CliRunner.Result noSource = run("can-i", "get", "pods", "--as", "alice");
    CliRunner.Result bothSources = run("who-can", "get", "pods", "--rbac", before(), "--live");
    CliRunner.Result noUser = run("can-i", "get", "pods", "--rbac", before());
    CliRunner.Result missing = run("can-i", "get", "pods", "--as", "alice", "--rbac", home.resolve("x.yaml")
        .toString());
    CliRunner.Result missingNew = run("rbac-diff", before());

    assertThat(noSource.exitCode).isEqualTo(2);
    assertThat(noSource.err).isEqualTo("no RBAC objects to analyze — pass --rbac PATH or --live\n");
    assertThat(bothSources.exitCode).isEqualTo(2);
    assertThat(bothSources.err).isEqualTo("--rbac and --live exclude each other — choose one\n");
    assertThat(noUser.exitCode).isEqualTo(2);
    assertThat(noUser.err).startsWith("shipshape can-i: Missing required option: '--as=USER'").hasLineCount(1);
    assertThat(missing.exitCode).isEqualTo(3);
    assertThat(missing.err).isEqualTo(home.resolve("x.yaml") + " does not exist — pass a .jsh spec, a manifest "
        + "file or a directory of manifests\n");
    assertThat(missingNew.exitCode).isEqualTo(2);
    assertThat(missingNew.err).startsWith("shipshape rbac-diff: Missing required parameter: 'NEW'");
  }

  @Test
  void canIAndWhoCanAnswerInJson() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    CliRunner.Result canI = run("can-i", "list", "pods", "-n", "shop", "--as", "alice", "--rbac", before(),
        "--format", "json");
    CliRunner.Result whoCan = run("who-can", "list", "pods", "-n", "shop", "--rbac", before(), "--format", "json");

    assertThat(canI.exitCode).as(canI.toString()).isZero();
    assertThat(json.readTree(canI.out).get("allowed").asBoolean()).isTrue();
    assertThat(json.readTree(canI.out).get("allowedBy")).isNotEmpty();
    assertThat(whoCan.exitCode).as(whoCan.toString()).isZero();
    assertThat(json.readTree(whoCan.out).get("subjects").findValuesAsText("subject")).anyMatch(s -> s.contains("alice"));
  }
}
