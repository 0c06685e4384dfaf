package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Recognising add-ons and their versions, and comparing them with the expected ones, without a cluster. */
class AddOnVersionsTest {
  private static HasMetadata deployment(String image) {
    return Manifests.parse("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: x\n"
        + "spec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n"
        + "    spec:\n      containers:\n      - name: c\n        image: " + image + "\n").get(0);
  }

  private static HasMetadata crd(String name, String group, String metadata) {
    return Manifests.parse("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
        + "  name: " + name + "\n" + metadata + "spec:\n  group: " + group + "\n").get(0);
  }

  @Test
  void recognisesImagesFromMirrorsAndVersionsFromCrds() {
    Map<AddOn, AddOnVersions.Found> found = AddOnVersions.find(List.of(
        deployment("registry.example.com/velero/velero:v1.16.1@sha256:" + "b".repeat(64)),
        deployment("gcr.io/istio-release/pilot:1.24.2-distroless"),
        crd("prometheusrules.monitoring.coreos.com", "monitoring.coreos.com",
            "  annotations:\n    operator.prometheus.io/version: 0.93.0\n"),
        crd("gateways.networking.istio.io", "networking.istio.io",
            "  labels:\n    app.kubernetes.io/version: 1.1.0\n")));
    assertThat(found.get(AddOn.VELERO).version).isEqualTo("1.16.1");
    assertThat(found.get(AddOn.ISTIO).version).as("the Deployment wins over CRDs").isEqualTo("1.24.2");
    assertThat(found.get(AddOn.PROMETHEUS_OPERATOR).how).isEqualTo("annotation operator.prometheus.io/version");
    assertThat(AddOnVersions.find(List.of(deployment("example.com/pilot:1.0"), deployment("velero:1.0")))).isEmpty();
  }

  @Test
  void comparesOnThePartsTheExpectationGives() {
    Map<AddOn, AddOnVersions.Found> found = AddOnVersions.find(List.of(deployment("velero/velero:v1.16.1"),
        deployment("docker.io/istio/pilot:1.25.0")));
    Outcome out = new Outcome();
    AddOnVersions.compare(found, Map.of(AddOn.VELERO, "1.16", AddOn.ISTIO, "1.24.3",
        AddOn.PROMETHEUS_OPERATOR, "0.93"), out);
    FindingReport report = out.report();
    assertThat(report.findings().stream().map(Finding::toString).collect(Collectors.toList())).containsExactly(
        "MEDIUM add-on-version: the spec expects Prometheus Operator 0.93, but the cluster has no Prometheus Operator"
            + " this check recognises (no Deployment with its image, no CRD with its version) — upgrade (or roll"
            + " back) the add-on to the version the spec expects, or update the spec",
        "LOW add-on-version Deployment.apps x/d: Istio 1.25.0 is installed (image docker.io/istio/pilot:1.25.0),"
            + " but the spec expects 1.24.3: the cluster runs a newer version — upgrade (or roll back) the add-on to"
            + " the version the spec expects, or update the spec",
        "INFO add-on-version Deployment.apps x/d: Velero 1.16.1 is installed (image velero/velero:v1.16.1), as the"
            + " spec expects (1.16) — upgrade (or roll back) the add-on to the version the spec expects, or update"
            + " the spec");
    assertThat(report.checked()).containsEntry("add-on-version", 3);
  }
}
