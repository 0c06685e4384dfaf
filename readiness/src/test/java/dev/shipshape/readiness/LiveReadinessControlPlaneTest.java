package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import dev.shipshape.testing.WriteCounter;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness of a real API server (1.34): a single-replica workload, stand-ins for add-ons (Velero's and istiod's
 * Deployments, the Prometheus Operator's PrometheusRule CRD with its version annotation), and what the API cannot
 * show (etcd encryption, the audit log, kube-proxy's mode) noted.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class LiveReadinessControlPlaneTest {
  private static final String SHOP = "readiness-live-shop";
  private static final String ADDONS = "readiness-live-addons";
  private static final String CRD = "prometheusrules.monitoring.coreos.com";

  private static boolean crdInstalled;
  private KubernetesClient client;

  @BeforeEach
  void cluster(KubernetesClient client) {
    this.client = client;
    TestNamespaces.create(client, SHOP, ADDONS);
    client.resource(deployment(SHOP, "web", "nginxinc/nginx-unprivileged:1.27")).serverSideApply();
    client.resource(deployment(ADDONS, "velero", "velero/velero:v1.14.0")).serverSideApply();
    client.resource(deployment(ADDONS, "istiod", "docker.io/istio/pilot:1.24.2")).serverSideApply();
    if (!crdInstalled) installCrd(client);
  }

  /** Once per class: the CRD stays until the class is done. */
  private static void installCrd(KubernetesClient client) {
    CustomResourceDefinitions.install(client, prometheusRuleCrd());
    crdInstalled = true;
  }

  @AfterAll
  static void removeCrd() {
    if (!crdInstalled) return;
    try (KubernetesClient admin = LocalControlPlane.shared().adminClient()) {
      admin.apiextensions().v1().customResourceDefinitions().withName(CRD).delete();
    }
  }

  private static Deployment deployment(String ns, String name, String image) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
        .addNewContainer().withName(name).withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
  }

  private static CustomResourceDefinition prometheusRuleCrd() {
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName(CRD)
        .addToAnnotations("operator.prometheus.io/version", "0.93.0").endMetadata()
        .withNewSpec().withGroup("monitoring.coreos.com").withScope("Namespaced")
        .withNewNames().withKind("PrometheusRule").withListKind("PrometheusRuleList").withPlural("prometheusrules")
        .withSingular("prometheusrule").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema().withNewOpenAPIV3Schema()
        .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
        .endSpec().build();
  }

  private static List<String> lines(ReadinessReport report, String rule) {
    return report.findings().findings(rule).stream().map(Finding::toString).collect(Collectors.toList());
  }

  @Test
  void reportsTheClustersGapsAndAddOnVersionsReadOnly() {
    WriteCounter writes = WriteCounter.create();
    ReadinessReport report = ProductionReadiness.builder().putExpectedVersions(AddOn.VELERO, "1.16").build()
        .checkLive(writes.countingClient(client));
    assertThat(writes.count()).as("writes %s", writes.writes()).isZero();

    assertThat(lines(report, "single-replica-without-pdb")).contains("HIGH single-replica-without-pdb"
        + " Deployment.apps " + SHOP + "/web spec.replicas: runs 1 replica and no PodDisruptionBudget covers it: a"
        + " node drain, upgrade or crash takes it down until it is rescheduled — run at least 2 replicas, spread over"
        + " nodes, with a PodDisruptionBudget such as maxUnavailable: 1");
    assertThat(lines(report, "add-on-version")).contains(
        "MEDIUM add-on-version Deployment.apps " + ADDONS + "/velero: Velero 1.14.0 is installed (image"
            + " velero/velero:v1.14.0), but the spec expects 1.16: the cluster runs an older version — upgrade (or"
            + " roll back) the add-on to the version the spec expects, or update the spec",
        "INFO add-on-version Deployment.apps " + ADDONS + "/istiod: Istio 1.24.2 is installed (image"
            + " docker.io/istio/pilot:1.24.2); the spec expects no version — upgrade (or roll back) the add-on to the"
            + " version the spec expects, or update the spec",
        "INFO add-on-version CustomResourceDefinition.apiextensions.k8s.io " + CRD + ": Prometheus Operator 0.93.0"
            + " is installed (annotation operator.prometheus.io/version); the spec expects no version — upgrade (or"
            + " roll back) the add-on to the version the spec expects, or update the spec");
    assertThat(lines(report, "backup-off-cluster")).singleElement().asString()
        .startsWith("HIGH backup-off-cluster: no Velero BackupStorageLocation");
    assertThat(report.findings().notes()).contains(
        "no Schedule objects: the cluster does not serve velero.io/v1 (Velero is not installed)",
        "kube-proxy-mode skipped: no kube-system/kube-proxy ConfigMap with config.conf (a managed cluster, or a CNI"
            + " that replaces kube-proxy), so the mode is unknown");
    assertThat(report.findings().notes()).anyMatch(n -> n.startsWith("etcd-encryption skipped: no kube-apiserver pod"
        + " in kube-system"));
    assertThat(report.findings().notes()).contains("audit-logging skipped: no kube-apiserver pod in kube-system (a"
        + " managed control plane, or one run outside the cluster), and the API does not tell whether requests are"
        + " audited: ask the provider, or check the API server's --audit-policy-file and --audit-log-path (or"
        + " --audit-webhook-config-file) flags");
    assertThat(report.findings().findings("audit-logging")).isEmpty();
    // The server is 1.34, inside the window of the SDK's newest known version.
    assertThat(lines(report, "unsupported-kubernetes-version")).isEmpty();
  }

  @Test
  void theServerVersionIsCheckedAgainstTheSupportWindow() {
    ReadinessReport report = ProductionReadiness.builder().newestVersion(KubernetesVersion.of(1, 37)).build()
        .checkLive(client);
    assertThat(lines(report, "unsupported-kubernetes-version")).singleElement().asString().startsWith(
        "HIGH unsupported-kubernetes-version: target Kubernetes 1.34 is outside the supported window 1.35–1.37");
  }

  @Test
  void theSpecsOwnAddOnDeploymentsSetTheExpectedVersions() {
    ClusterSpec spec = ClusterSpec.builder().name("addons").yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n"
        + "  name: velero\n").resource(deployment("velero", "velero", "velero/velero:v1.14.0")).build();
    ReadinessReport report = ProductionReadiness.builder().build().checkLive(client, spec.plan());
    assertThat(report.findings().findings("add-on-version")).filteredOn(f -> f.message().startsWith("Velero"))
        .singleElement().satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.INFO);
          assertThat(f.message()).isEqualTo("Velero 1.14.0 is installed (image velero/velero:v1.14.0), as the spec"
              + " expects (1.14.0)");
        });
  }
}
