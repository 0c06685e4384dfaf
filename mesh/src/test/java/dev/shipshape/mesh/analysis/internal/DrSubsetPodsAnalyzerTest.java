package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A DestinationRule's subsets are checked against the pods of its Service, which are in the Service's namespace. */
class DrSubsetPodsAnalyzerTest {
  @Test
  void aPodOfAnotherNamespaceWithTheSubsetsLabelsDoesNotCount() {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
        + "spec: {selector: {app: web}, ports: [{name: http, port: 80}]}\n"
        + "---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: web, namespace: shop}\n"
        + "spec: {host: web, subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]}\n"
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-v2, namespace: shop, labels: {app: web, version: v2}}\n"
        + "spec: {containers: [{name: web, image: web}]}\n"
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-v1, namespace: blog, labels: {app: web, version: v1}}\n"
        + "spec: {containers: [{name: web, image: web}]}\n";

    FindingReport report = MeshAnalyzer.only(List.of(new DrSubsetPodsAnalyzer().name())).analyzeYaml(yaml);

    assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.message())
        .contains("subset v1 of DestinationRule shop/web selects no pod of Service shop/web"));
  }
}
