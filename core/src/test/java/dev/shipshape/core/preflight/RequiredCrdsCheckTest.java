package dev.shipshape.core.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class RequiredCrdsCheckTest {
  private static final RequiredCrd WIDGETS = RequiredCrd.of("example.com", "Widget", "widgets", "v1");
  private static final RequiredCrd GADGETS = RequiredCrd.of("example.com", "Gadget", "gadgets", "v1");
  private static final RequiredCrd THINGS = RequiredCrd.of("example.com", "Thing", "things", "v2");
  private static final RequiredCrd PARTS = RequiredCrd.of("example.com", "Part", "parts", "v1");

  KubernetesClient client;

  private void install(String plural, String kind, String version, String established) {
    String status = established == null ? ""
        : "status: {conditions: [{type: Established, status: \"" + established + "\"}]}\n";
    client.resource(Manifests.parse("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata: {name: " + plural + ".example.com}\nspec: {group: example.com, names: {kind: " + kind
        + ", plural: " + plural + "}, scope: Namespaced, versions: [{name: " + version
        + ", served: true, storage: true}]}\n" + status).get(0)).create();
  }

  @Test
  void reportsEachCrdMissingUnservedUnestablishedOrInstalled() {
    install("widgets", "Widget", "v1", "True");
    install("things", "Thing", "v1", "True");
    install("parts", "Part", "v1", "False");
    FindingReport report = RequiredCrdsCheck.of(List.of(WIDGETS, GADGETS, THINGS, PARTS, WIDGETS),
        "install the widget operator").run(client);
    assertThat(report.findings()).extracting(Finding::toString).containsExactly(
        "HIGH crd-missing CustomResourceDefinition.apiextensions.k8s.io gadgets.example.com: gadgets.example.com"
            + " is not installed — install the widget operator",
        "HIGH crd-not-established CustomResourceDefinition.apiextensions.k8s.io parts.example.com"
            + " status.conditions: parts.example.com is not established — kubectl get crd parts.example.com"
            + " -o yaml shows in its status conditions why",
        "HIGH crd-version-not-served CustomResourceDefinition.apiextensions.k8s.io things.example.com"
            + " spec.versions: things.example.com does not serve v2 — upgrade the CRD to a release that serves v2",
        "INFO crd-installed CustomResourceDefinition.apiextensions.k8s.io widgets.example.com: widgets.example.com"
            + " is established and serves v1");
    assertThat(report.failed()).isTrue();
  }

  @Test
  void forSpecChecksWhatTheComponentsRequire() {
    install("widgets", "Widget", "v1", "True");
    Component needsWidgets = new Component() {
      @Override
      public String name() {
        return "widgets";
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        return List.of();
      }

      @Override
      public List<RequiredCrd> requiredCrds() {
        return List.of(WIDGETS);
      }
    };
    FindingReport report = RequiredCrdsCheck.forSpec(ClusterSpec.builder().name("s").component(needsWidgets)
        .build()).run(client);
    assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("crd-installed");
    assertThat(report.failingAt(Severity.LOW).failed()).isFalse();
  }
}
