package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.embedded.EmbeddedCluster;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example specs of the repository, run through the real commands. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesTest {
  private static final String RBAC = "rbac.authorization.k8s.io";

  @TempDir
  Path home;

  static Path example(String name) {
    String dir = System.getProperty("shipshape.examples.dir");
    assertThat(dir).as("the build sets shipshape.examples.dir to the examples/specs folder").isNotNull();
    Path file = Path.of(dir).resolve(name);
    assertThat(file).exists();
    return file;
  }

  @ParameterizedTest
  @CsvSource({
      "minimal.jsh, 'Plan minimal for Kubernetes 1.33: 2 resources in 2 waves'",
      "static-yaml.jsh, 'Plan static-yaml for Kubernetes 1.33: 5 resources in 3 waves'",
      "production.jsh, 'Plan production for Kubernetes 1.33: 74 resources in 4 waves'"})
  void everyExamplePlans(String script, String headline) {
    CliRunner.Result result = CliRunner.isolated(home).run("plan", example(script).toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains(headline);
    assertThat(result.err).isEmpty();
  }

  @Test
  void productionHasTheTenantBuildingBlocksPerTeam() {
    CliRunner.Result result = CliRunner.isolated(home).run("plan", example("production.jsh").toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    for (String tenant : List.of("shop", "payments")) {
      assertThat(result.out).contains(
          "Namespace                                     " + tenant,
          "ResourceQuota                                 " + tenant + "/tenant-quota",
          "NetworkPolicy.networking.k8s.io               " + tenant + "/" + tenant + "-network-default-deny",
          "Role.rbac.authorization.k8s.io                " + tenant + "/developer",
          "Schedule.velero.io                            velero/" + tenant + "-hourly",
          "Deployment.apps                               " + tenant + "/web",
          "PodDisruptionBudget.policy                    " + tenant + "/web");
    }
    assertThat(result.out).contains("wave 0: 14 objects (3 Namespace, 1 Secret, 1 ConfigMap, 1 StorageClass"
        + ".storage.k8s.io, 1 ClusterRole.rbac.authorization.k8s.io, 1 BackupStorageLocation.velero.io,"
        + " 1 PrometheusRule.monitoring.coreos.com, 4 Schedule.velero.io, 1 VolumeSnapshotClass.snapshot.storage.k8s.io)");
  }

  @Test
  void productionInstallsTheMetricsExporterChartWithItsValuesAfterItsPreInstallHook() {
    Plan plan = productionPlan();

    PlannedResource settings = plan.find(ResourceRef.core("ConfigMap", "metrics", "metrics-exporter-settings"))
        .orElseThrow();
    PlannedResource exporter = plan.find(ResourceRef.namespaced("apps", "Deployment", "metrics",
        "metrics-exporter")).orElseThrow();
    assertThat(settings.component()).isEqualTo("helm-metrics-exporter");
    assertThat(settings.wave()).isLessThan(exporter.wave());
    assertThat(Manifests.convert(exporter.object(), Deployment.class).getSpec().getReplicas()).isEqualTo(2);
    assertThat(exporter.object().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "shipshape");
  }

  @Test
  void productionHasStrictMutualTlsForItsTenantsAndACanaryRouteForTheShopsWeb() {
    Plan plan = productionPlan();
    java.util.Map<String, String> kinds = new java.util.TreeMap<>();
    plan.resources().forEach(r -> {
      if (r.ref().group().endsWith("istio.io")) kinds.put(r.ref().kind() + " " + r.ref().qualifiedName(), r.yaml());
    });
    assertThat(kinds.keySet()).containsExactly("DestinationRule shop/web", "PeerAuthentication payments/default",
        "PeerAuthentication shop/default", "VirtualService shop/web");
    assertThat(kinds.get("PeerAuthentication shop/default")).contains("mode: STRICT");
    assertThat(kinds.get("VirtualService shop/web")).contains("subset: stable", "weight: 90", "subset: canary",
        "weight: 10");
    assertThat(plan.find(dev.shipshape.core.ResourceRef.clusterScoped("", "Namespace", "payments")).orElseThrow()
        .object().getMetadata().getLabels()).containsEntry("istio-injection", "enabled");
  }

  @Test
  void productionPlansWithoutWarnings() {
    Plan plan = productionPlan();

    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void productionTenantNamespacesComeFromThePodSecurityComponent() {
    Plan plan = productionPlan();

    for (String tenant : List.of("shop", "payments")) {
      PlannedResource namespace = plan.find(ResourceRef.core("Namespace", null, tenant)).orElseThrow();
      assertThat(namespace.component()).isEqualTo("tenant-namespaces");
      assertThat(namespace.object().getMetadata().getLabels()).contains(
          entry("shipshape.dev/tenant", tenant),
          entry("pod-security.kubernetes.io/enforce", "restricted"),
          entry("pod-security.kubernetes.io/enforce-version", "v1.33"));
      Deployment web = Manifests.convert(plan.find(ResourceRef.namespaced("apps", "Deployment", tenant, "web"))
          .orElseThrow().object(), Deployment.class);
      assertThat(web.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext())
          .satisfies(sc -> {
            assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
            assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
            assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
          });
    }
  }

  @Test
  void productionIsolatesEachTenantAndOpensOnlyTheDeclaredFlows() {
    Plan plan = productionPlan();

    assertThat(names(plan, "NetworkPolicy", "shop")).containsExactlyInAnyOrder("shop-network-default-deny",
        "shop-network-allow-dns", "shop-network-allow-same-namespace", "shop-network-ingress-1",
        "shop-network-egress-1", "allow-prometheus-web-0", "allow-prometheus-web-1");
    assertThat(names(plan, "NetworkPolicy", "payments")).containsExactlyInAnyOrder(
        "payments-network-default-deny", "payments-network-allow-dns", "payments-network-allow-same-namespace",
        "payments-network-ingress-1", "payments-network-ingress-2", "allow-prometheus-web");
    JsonNode deny = tree(plan, ResourceRef.namespaced("networking.k8s.io", "NetworkPolicy", "shop",
        "shop-network-default-deny"));
    assertThat(deny.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
    // shop's web pods call payments' web pods: an egress rule in shop and an ingress rule in payments.
    JsonNode egress = tree(plan, ResourceRef.namespaced("networking.k8s.io", "NetworkPolicy", "shop",
        "shop-network-egress-1")).at("/spec/egress/0");
    assertThat(egress.at("/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
        .isEqualTo("payments");
    JsonNode ingress = tree(plan, ResourceRef.namespaced("networking.k8s.io", "NetworkPolicy", "payments",
        "payments-network-ingress-2")).at("/spec/ingress/0");
    assertThat(ingress.at("/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
        .isEqualTo("shop");
    assertThat(ingress.at("/ports/0/port").asText()).isEqualTo("http");
  }

  @Test
  void productionGrantsTeamPersonasAndPlatformAudit() {
    Plan plan = productionPlan();

    for (String tenant : List.of("shop", "payments")) {
      assertThat(names(plan, "Role", tenant)).containsExactlyInAnyOrder("developer", "viewer", "ci-deployer",
          "prometheus-scrape");
      assertThat(names(plan, "RoleBinding", tenant)).containsExactlyInAnyOrder("developer", "viewer",
          "ci-deployer", "prometheus-scrape");
      JsonNode ci = tree(plan, ResourceRef.namespaced(RBAC, "RoleBinding", tenant, "ci-deployer"));
      assertThat(ci.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
      assertThat(ci.at("/subjects/0/namespace").asText()).isEqualTo(tenant);
      assertThat(plan.find(ResourceRef.core("ServiceAccount", tenant, "ci-deployer"))).isPresent();
    }
    assertThat(tree(plan, ResourceRef.namespaced(RBAC, "RoleBinding", "shop", "developer"))
        .at("/subjects/0/name").asText()).isEqualTo("team-checkout");
    JsonNode audit = tree(plan, ResourceRef.clusterScoped(RBAC, "ClusterRoleBinding", "platform-auditor"));
    assertThat(audit.at("/roleRef/name").asText()).isEqualTo("platform-auditor");
    assertThat(audit.at("/subjects/0/name").asText()).isEqualTo("platform");
    assertThat(plan.find(ResourceRef.clusterScoped(RBAC, "ClusterRole", "platform-auditor"))).isPresent();
  }

  @Test
  void productionBacksUpEachTenantDailyAndHourlyWithAPreBackupHook() {
    Plan plan = productionPlan();

    assertThat(names(plan, "Schedule", "velero")).containsExactlyInAnyOrder("shop-daily", "shop-hourly",
        "payments-daily", "payments-hourly");
    for (String tenant : List.of("shop", "payments")) {
      for (String kind : List.of("daily", "hourly")) {
        JsonNode schedule = tree(plan, ResourceRef.namespaced("velero.io", "Schedule", "velero",
            tenant + "-" + kind)).path("spec");
        assertThat(schedule.path("schedule").asText()).isEqualTo(kind.equals("daily") ? "0 2 * * *" : "30 * * * *");
        assertThat(schedule.at("/template/includedNamespaces").toString()).isEqualTo("[\"" + tenant + "\"]");
        assertThat(schedule.at("/template/storageLocation").asText()).isEqualTo("primary");
        JsonNode hook = schedule.at("/template/hooks/resources/0");
        assertThat(hook.at("/labelSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("web");
        assertThat(hook.at("/pre/0/exec/container").asText()).isEqualTo("web");
        assertThat(hook.at("/pre/0/exec/onError").asText()).isEqualTo("Fail");
      }
    }
    JsonNode location = tree(plan, ResourceRef.namespaced("velero.io", "BackupStorageLocation", "velero",
        "primary"));
    assertThat(location.at("/spec/credential/name").asText()).isEqualTo("cloud-credentials");
    assertThat(location.at("/spec/default").asBoolean()).isTrue();
    assertThat(plan.find(ResourceRef.core("Secret", "velero", "cloud-credentials"))).isPresent();
    // Velero installs its own CRDs; the spec does not carry them.
    assertThat(plan.resources()).noneMatch(r -> r.ref().kind().equals("CustomResourceDefinition"));
  }

  @Test
  void productionObjectsConformToTheKubernetesAndVeleroSchemas() {
    KubernetesSchemas schemas = KubernetesSchemas.load();
    List<HasMetadata> objects = productionPlan().resources().stream().map(PlannedResource::object)
        .collect(Collectors.toList());

    assertThat(schemas.validateAll(objects)).isEmpty();
  }

  @Test
  void productionAppliesToTheEmbeddedServerAndASecondApplyChangesNothing() {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      CliRunner cli = CliRunner.sharing(cluster, home);
      String script = example("production.jsh").toString();

      CliRunner.Result first = cli.run("apply", "--embedded", script);
      CliRunner.Result second = cli.run("apply", "--embedded", script);

      assertThat(first.exitCode).as(first.toString()).isZero();
      assertThat(first.out).contains("created Schedule.velero.io velero/shop-daily", "Applied production: 74 created");
      assertThat(cluster.client().network().networkPolicies().inNamespace("payments").list().getItems())
          .hasSize(6);
      assertThat(second.exitCode).as(second.toString()).isZero();
      assertThat(second.out).contains("Applied production: 74 unchanged").doesNotContain("created", "updated");
    }
  }

  /** Evaluating the script takes seconds: the tests that only read its plan share one (one instance per class). */
  private Plan productionPlan;

  private Plan productionPlan() {
    if (productionPlan == null) productionPlan = ScriptEvaluator.create().evaluate(example("production.jsh")).plan();
    return productionPlan;
  }

  private static List<String> names(Plan plan, String kind, String namespace) {
    return plan.resources().stream().map(PlannedResource::ref)
        .filter(r -> r.kind().equals(kind) && r.namespace().filter(namespace::equals).isPresent())
        .map(ResourceRef::name).collect(Collectors.toList());
  }

  private static JsonNode tree(Plan plan, ResourceRef ref) {
    PlannedResource resource = plan.find(ref).orElseThrow(() -> new AssertionError(ref + " is not in the plan"));
    return Manifests.toTree(resource.object());
  }

  @Test
  void staticYamlMixesTheManifestsWithTheScriptsObjects() {
    CliRunner.Result result = CliRunner.isolated(home).run("plan", example("static-yaml.jsh").toString());

    assertThat(result.out).contains(
        "0     Namespace                   cache               resources",
        "1     ConfigMap                   cache/redis-config  resources",
        "2     Deployment.apps             cache/redis         resources");
  }

  @Test
  void theManifestsAloneLackTheConfigMapThatTheScriptAdds() {
    Path manifests = example("manifests");

    CliRunner.Result result = CliRunner.isolated(home).run("plan", manifests.toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err.split("\n")).containsExactly(
        manifests + " is invalid: 1 error (each line names the object, the field, the problem and the fix)",
        "ERROR [resources] Deployment.apps cache/redis spec.template.spec.volumes[0].configMap.name: refers to "
            + "ConfigMap cache/redis-config, which is not in the spec; namespace cache is created by this spec, so it "
            + "cannot exist yet — add ConfigMap cache/redis-config to the spec, fix the name, or declare it with "
            + "preExistingResource(...)");
  }

  @Test
  void productionRendersToAGitOpsDirectory() throws IOException {
    Path out = home.resolve("gitops");

    CliRunner.Result result = CliRunner.isolated(home)
        .run("render", example("production.jsh").toString(), "--out", out.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    // The Velero credentials stay out of the Git directory unless --secrets plain asks for them.
    assertThat(result.out).isEqualTo("Wrote 73 objects and kustomization.yaml to " + out + "\n"
        + "Left out 1 Secret: velero/cloud-credentials — create them through a secrets operator (Sealed Secrets, "
        + "External Secrets, SOPS), or render them with --secrets plain\n");
    List<String> listed = Files.readAllLines(out.resolve("kustomization.yaml")).stream()
        .filter(line -> line.startsWith("- ")).map(line -> line.substring(2)).collect(Collectors.toList());
    assertThat(listed).hasSize(73).first().isEqualTo("00-0001-namespace-metrics.yaml");
    assertThat(listed).noneMatch(file -> file.contains("secret-velero-cloud-credentials"));
    for (String file : listed) assertThat(out.resolve(file)).exists();
  }
}
