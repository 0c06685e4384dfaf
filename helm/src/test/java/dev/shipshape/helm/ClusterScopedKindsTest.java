package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects that set no namespace get the release namespace unless their kind is cluster-scoped, as {@code helm
 * install} places them by the cluster's REST mapping: built-in kinds at any version, custom kinds that the chart's
 * CRDs or the chart's {@code clusterScopedKinds} declare so, and those the spec's CRDs declare so.
 */
class ClusterScopedKindsTest {
  private static final String ISSUER_CRD = String.join("\n",
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata:",
      "  name: clusterissuers.cert-manager.io",
      "spec:",
      "  group: cert-manager.io",
      "  scope: %s",
      "  names: {kind: ClusterIssuer, plural: clusterissuers, singular: clusterissuer, listKind: ClusterIssuerList}",
      "  versions:",
      "  - name: v1",
      "    served: true",
      "    storage: true",
      "    schema:",
      "      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}",
      "");

  @TempDir
  Path dir;

  /** A chart whose templates render a ClusterIssuer and a beta ValidatingAdmissionPolicy, without namespaces. */
  private Path chart() {
    Path chart = dir.resolve("issuers");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: issuers\nversion: 0.1.0\n");
    TestCharts.write(chart.resolve("templates/issuer.yaml"), String.join("\n",
        "apiVersion: cert-manager.io/v1",
        "kind: ClusterIssuer",
        "metadata:",
        "  name: letsencrypt",
        "spec:",
        "  acme: {server: https://acme.example.com/directory}",
        ""));
    TestCharts.write(chart.resolve("templates/policy.yaml"), String.join("\n",
        "apiVersion: admissionregistration.k8s.io/v1beta1",
        "kind: ValidatingAdmissionPolicy",
        "metadata:",
        "  name: replicas",
        "spec:",
        "  validations: [{expression: 'object.spec.replicas <= 5'}]",
        ""));
    return chart;
  }

  private static ClusterSpec spec(HelmChart chart, String issuerScope) {
    return ClusterSpec.builder().name("issuers").kubernetesVersion("1.34")
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: certs\n")
        .yaml(String.format(ISSUER_CRD, issuerScope)).component(chart).build();
  }

  private static List<String> namespaces(HelmChart chart) {
    return chart.compile(null).stream().map(HasMetadata::getMetadata)
        .map(m -> m.getName() + "=" + m.getNamespace()).collect(Collectors.toList());
  }

  @Test
  void aBuiltInClusterScopedKindAtAVersionFabric8DoesNotModelGetsNoNamespace() {
    assertThat(namespaces(HelmChart.directory(chart()).release("issuers").namespace("certs").build()))
        .contains("replicas=null");
  }

  @Test
  void aCustomKindWhoseCrdIsElsewhereInTheSpecAndClusterScopedGetsNoNamespaceInThePlan() {
    HelmChart chart = HelmChart.directory(chart()).release("issuers").namespace("certs").build();
    // Offline, without a spec, the chart cannot know.
    assertThat(namespaces(chart)).contains("letsencrypt=certs");

    Plan plan = spec(chart, "Cluster").plan();

    assertThat(plan.find(ResourceRef.clusterScoped("cert-manager.io", "ClusterIssuer", "letsencrypt"))).isPresent();
    assertThat(plan.resources()).noneMatch(r -> r.ref().kind().equals("ClusterIssuer")
        && r.ref().namespace().isPresent());
  }

  @Test
  void aCrdThatAnotherChartInstallsPlacesThisChartsObjectsAndKeepsItsHookOrder() {
    Path operator = dir.resolve("operator");
    TestCharts.write(operator.resolve("Chart.yaml"), "apiVersion: v2\nname: operator\nversion: 0.1.0\n");
    TestCharts.write(operator.resolve("crds/issuers.yaml"), String.format(ISSUER_CRD, "Cluster"));
    Path issuers = chart();
    TestCharts.write(issuers.resolve("templates/check.yaml"), String.join("\n",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: issuer-check",
        "  annotations: {helm.sh/hook: post-install}",
        "data: {issuer: letsencrypt}",
        ""));
    HelmChart chart = HelmChart.directory(issuers).release("issuers").namespace("certs").build();

    Plan plan = ClusterSpec.builder().name("issuers").kubernetesVersion("1.34")
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: certs\n")
        .component(HelmChart.directory(operator).release("operator").namespace("certs").build())
        .component(chart).build().plan();

    PlannedResource issuer = plan.find(ResourceRef.clusterScoped("cert-manager.io", "ClusterIssuer",
        "letsencrypt")).orElseThrow();
    PlannedResource hook = plan.find(ResourceRef.core("ConfigMap", "certs", "issuer-check")).orElseThrow();
    assertThat(hook.wave()).isGreaterThan(issuer.wave());
  }

  @Test
  void aKindTheChartIsToldIsClusterScopedGetsNoNamespaceAndThePlanTakesIt() {
    HelmChart chart = HelmChart.directory(chart()).release("issuers").namespace("certs")
        .addClusterScopedKinds("ClusterIssuer.cert-manager.io").build();

    assertThat(namespaces(chart)).containsExactlyInAnyOrder("replicas=null", "letsencrypt=null");
    assertThat(spec(chart, "Cluster").plan().resources()).hasSize(4);
  }

  @Test
  void aKindToldClusterScopedThatTheSpecsCrdDeclaresNamespacedIsAProblem() {
    HelmChart chart = HelmChart.directory(chart()).release("issuers").namespace("certs")
        .addClusterScopedKinds("ClusterIssuer.cert-manager.io").build();

    assertThatThrownBy(spec(chart, "Namespaced")::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).filteredOn(p -> p.component().orElse("").equals("helm-issuers"))
            .extracting(p -> p.field().orElse("") + ": " + p.message() + " — " + p.fix())
            .contains("clusterScopedKinds: kind ClusterIssuer.cert-manager.io is listed as cluster-scoped, "
                + "but CustomResourceDefinition clusterissuers.cert-manager.io of the spec declares it namespaced — "
                + "remove ClusterIssuer.cert-manager.io from the chart's cluster-scoped kinds"));
  }

  @Test
  void aClusterScopedKindMustBeKindDotGroup() {
    HelmChart chart = HelmChart.directory(chart()).release("issuers").addClusterScopedKinds("clusterissuers")
        .build();

    assertThatThrownBy(() -> chart.compile(null)).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.problems()).extracting(p -> p.field().orElse("") + ": " + p.message() + " — " + p.fix())
            .containsExactly("clusterScopedKinds: cluster-scoped kind 'clusterissuers' is not Kind.group — write "
                + "the kind and its API group as RequiredCrd.groupKind() does, such as "
                + "ClusterIssuer.cert-manager.io"));
  }
}
