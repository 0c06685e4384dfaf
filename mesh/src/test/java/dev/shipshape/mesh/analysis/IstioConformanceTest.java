package dev.shipshape.mesh.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Istio's own analyzer test table ({@code conformance/istio} of the shared reference folder): for each case the
 * named analyzer runs over the case's inputs plus the ingress gateway that Istio's harness adds to every case, and
 * the {@code (code, resource)} pairs it reports, kept to the analyzer's codes, must equal the expected ones, as
 * often as they are expected.
 */
class IstioConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The implicit ingress gateway of Istio's analyzer test harness: one pod and its Service. */
  static final String INGRESS_GATEWAY = String.join("\n",
      "apiVersion: v1", "kind: Pod", "metadata:", "  name: istio-ingressgateway-dummypod",
      "  namespace: istio-system", "  labels: {istio: ingressgateway}", "spec:",
      "  containers: [{name: istio-proxy, image: proxyv2}]", "---",
      "apiVersion: v1", "kind: Service", "metadata:", "  name: istio-ingressgateway", "  namespace: istio-system",
      "spec:", "  selector: {istio: ingressgateway}", "  ports:",
      "  - {name: http2, port: 80, targetPort: 80, nodePort: 31380, protocol: TCP}",
      "  - {name: https, port: 443, targetPort: 443, nodePort: 31390, protocol: TCP}",
      "  - {name: tcp, port: 31400, targetPort: 31400, nodePort: 31400, protocol: TCP}",
      "  - {name: tls, port: 15443, targetPort: 15443, nodePort: 31447, protocol: TCP}", "");

  @TestFactory
  Stream<DynamicTest> everyCaseReportsExactlyTheExpectedMessages() throws IOException {
    Path root = SharedData.require("conformance/istio");
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(root)) {
      cases = dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).sorted()
          .collect(Collectors.toList());
    }
    assertThat(cases).hasSize(45);
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) throws IOException {
    JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
    Set<String> codes = new java.util.HashSet<>();
    expected.path("analyzer_codes").forEach(c -> codes.add(c.asText()));
    StringBuilder yaml = new StringBuilder(INGRESS_GATEWAY);
    try (Stream<Path> files = Files.list(dir.resolve("input"))) {
      for (Path f : files.sorted().collect(Collectors.toList())) {
        yaml.append("\n---\n").append(Files.readString(f));
      }
    }
    FindingReport report = MeshAnalyzer.only(List.of(expected.path("analyzer").asText())).analyzeYaml(
        yaml.toString());
    List<String> actual = new ArrayList<>();
    for (Finding f : report.findings()) {
      String code = f.equivalents().get(0);
      if (codes.contains(code)) actual.add(code + " " + IstioAnalyzeJson.origin(f));
    }
    List<String> wanted = new ArrayList<>();
    expected.path("messages").forEach(m -> wanted.add(m.path("code").asText() + " " + m.path("resource").asText()));
    assertThat(actual).as(report.toText()).containsExactlyInAnyOrderElementsOf(wanted);
  }
}
