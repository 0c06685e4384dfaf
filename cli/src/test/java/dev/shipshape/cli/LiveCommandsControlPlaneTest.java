package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.RbacAnalyzer;
import dev.shipshape.security.rbac.analysis.Requester;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit}, {@code reach}, {@code can-i}, {@code who-can} and {@code backup check} with {@code --live} against
 * a real kube-apiserver (with its controller manager) where the production example's objects were applied, through
 * a kubeconfig as a user would pass it; RBAC answers are checked against the server's own SubjectAccessReviews.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveCommandsControlPlaneTest {
  private static final Path PRODUCTION = Paths.get(System.getProperty("shipshape.examples.dir", "specs"))
      .resolve("production.jsh");

  @TempDir
  Path home;

  private final List<String> namespaces = new ArrayList<>();
  private KubernetesClient admin;
  private String kubeconfig;

  /**
   * Applied with a client of its own: namespaces created through the extension's client before the first test
   * would count as created by that test, and be deleted after it.
   */
  @BeforeAll
  void applyTheProductionExample() {
    admin = LocalControlPlane.shared().adminClient();
    KubernetesClient client = admin;
    kubeconfig = LocalControlPlane.shared().kubeconfig().toString();
    Plan plan = ScriptEvaluator.create().evaluate(PRODUCTION).plan();
    TestNamespaces.awaitNoneTerminating(client, Duration.ofSeconds(90));
    for (String ns : List.of("ingress-nginx", "velero", "monitoring", "legacy")) {
      namespaces.add(ns);
      TestNamespaces.create(client, ns);
    }
    // Everything but the custom resources of Velero, the Prometheus Operator, Istio and the snapshot controller
    // (their CRDs are not installed here), wave by wave.
    Set<String> customGroups = Set.of("velero.io", "monitoring.coreos.com", "networking.istio.io",
        "security.istio.io", "snapshot.storage.k8s.io");
    for (PlannedResource r : plan.resources()) {
      if (customGroups.contains(r.ref().group())) continue;
      if (r.ref().kind().equals("Namespace")) namespaces.add(r.ref().name());
      client.resource(r.object()).forceConflicts().serverSideApply();
    }
    client.resource(new DeploymentBuilder().withNewMetadata().withName("old").withNamespace("legacy").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "old").endSelector().withNewTemplate()
        .withNewMetadata().addToLabels("app", "old").endMetadata().withNewSpec().addNewContainer().withName("old")
        .withImage("example.com/old:1").withNewSecurityContext().withPrivileged(true).endSecurityContext()
        .endContainer().endSpec().endTemplate().endSpec().build()).forceConflicts().serverSideApply();
  }


  @AfterAll
  void deleteTheNamespaces() {
    namespaces.forEach(ns -> admin.namespaces().withName(ns).delete());
    admin.close();
  }

  private CliRunner.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--live", "--kubeconfig", kubeconfig));
    return CliRunner.withVariables(Map.of("HOME", home.toString())).run(all.toArray(String[]::new));
  }

  private boolean serverAllows(Requester who, AccessRequest what) {
    SubjectAccessReviewBuilder review = new SubjectAccessReviewBuilder().withNewSpec()
        .withGroups(new ArrayList<>(who.groups())).withUser(who.user().isEmpty() ? null : who.user())
        .withNewResourceAttributes().withVerb(what.verb()).withGroup(what.apiGroup()).withResource(what.resource())
        .withSubresource(what.subresource()).withNamespace(what.namespace().orElse(""))
        .withName(what.name().orElse("")).endResourceAttributes().endSpec();
    return Boolean.TRUE.equals(admin.authorization().v1().subjectAccessReview().create(review.build())
        .getStatus().getAllowed());
  }

  @Test
  void canIAnswersAsTheServerForEveryPersonaOfTheProductionExample() {
    List<Requester> personas = List.of(Requester.user("ann", "team-checkout"), Requester.user("sam", "support"),
        Requester.serviceAccount("shop", "ci-deployer"), Requester.serviceAccount("payments", "ci-deployer"),
        Requester.user("pat", "platform"), Requester.user("eve"));
    List<String> verbs = List.of("get", "list", "create", "update", "delete", "watch");
    List<String> resources = List.of("pods", "pods/log", "pods/exec", "secrets", "configmaps",
        "deployments.apps", "services", "rolebindings.rbac.authorization.k8s.io", "networkpolicies.networking.k8s.io");
    RbacAnalyzer analyzer = RbacAnalyzer.fromCluster(admin);
    List<String> disagreements = new ArrayList<>();
    int asked = 0;
    for (Requester who : personas) {
      for (String verb : verbs) {
        for (String resource : resources) {
          for (String ns : List.of("shop", "payments", "")) {
            AccessRequest what = AccessRequest.parse(verb, resource, ns, null);
            boolean server = serverAllows(who, what);
            CliRunner.Result cli = asked % 25 == 0 ? run(canIArgs(who, verb, resource, ns)) : null;
            boolean mine = analyzer.canI(who, what).allowed();
            if (server != mine) disagreements.add(who + " " + what + ": server " + server);
            if (cli != null && (cli.exitCode == 0) != server) disagreements.add("CLI " + who + " " + what + ": " + cli);
            asked++;
          }
        }
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(asked).isEqualTo(972);
  }

  private static String[] canIArgs(Requester who, String verb, String resource, String ns) {
    List<String> args = new ArrayList<>(List.of("can-i", verb, resource, "--as", who.user()));
    who.groups().stream().filter(g -> !g.startsWith("system:")).forEach(g -> args.addAll(List.of("--as-group", g)));
    if (!ns.isEmpty()) args.addAll(List.of("-n", ns));
    return args.toArray(String[]::new);
  }

  @Test
  void whoCanListsSubjectsTheServerAllows() {
    CliRunner.Result who = run("who-can", "create", "deployments.apps", "-n", "shop");

    assertThat(who.exitCode).as(who.toString()).isZero();
    assertThat(who.out).contains("Group team-checkout via ", "ServiceAccount shop/ci-deployer via ",
        "Group system:masters via ").doesNotContain("Group support", "payments/ci-deployer");
    AccessRequest create = AccessRequest.parse("create", "deployments.apps", "shop", null);
    assertThat(serverAllows(Requester.user("x", "team-checkout"), create)).isTrue();
    assertThat(serverAllows(Requester.serviceAccount("shop", "ci-deployer"), create)).isTrue();
    assertThat(serverAllows(Requester.user("x", "support"), create)).isFalse();
    assertThat(serverAllows(Requester.serviceAccount("payments", "ci-deployer"), create)).isFalse();
  }

  @Test
  void auditReportsThePrivilegedWorkloadOfTheCluster() {
    CliRunner.Result audit = run("audit", "--fail-on", "high");

    assertThat(audit.exitCode).as(audit.toString()).isEqualTo(1);
    assertThat(audit.out).contains("HIGH privileged-container Deployment.apps legacy/old "
        + "spec.template.spec.containers[0].securityContext.privileged: container 'old' is privileged — ");
  }

  @Test
  void reachPrintsTheConnectionsThePoliciesOfTheClusterAllow() {
    CliRunner.Result reach = run("reach");

    assertThat(reach.exitCode).as(reach.toString()).isZero();
    List<String> lines = List.of(reach.out.split("\n"));
    // payments lets the shop's web pods call it; the shop lets no other tenant in.
    assertThat(lines).as(reach.toString()).anyMatch(l -> l.matches("shop/web\\S* => payments/web\\S* : .*"))
        .noneMatch(l -> l.matches("payments/web\\S* => shop/web\\S* : .*"));
  }

  @Test
  void backupCheckReportsThatVeleroIsNotInstalled() {
    CliRunner.Result check = run("backup", "check");

    assertThat(check.exitCode).as(check.toString()).isEqualTo(1);
    assertThat(check.out).contains("HIGH backup-deployment: Deployment velero/velero: does not exist",
        "HIGH crd-missing CustomResourceDefinition.apiextensions.k8s.io schedules.velero.io: schedules.velero.io is"
            + " not installed", "FAILED at --fail-on high");
  }
}
