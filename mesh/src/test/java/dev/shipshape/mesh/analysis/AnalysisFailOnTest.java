package dev.shipshape.mesh.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.FindingsException;
import dev.shipshape.core.findings.Severity;
import org.junit.jupiter.api.Test;

/**
 * A mesh analysis fails at Istio's Error level as it comes, as {@code istioctl analyze} exits non-zero, so that an
 * SDK user's gate ({@code report.failed()}, {@code throwIfFailed()}) holds without choosing a threshold.
 */
class AnalysisFailOnTest {
  /** A VirtualService whose destination host is no Service: IST0101, an Error. */
  private static final String MISSING_HOST = String.join("\n",
      "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: reviews, namespace: default}",
      "spec: {hosts: [reviews], http: [{route: [{destination: {host: ratings}}]}]}", "");

  /** An ExternalName Service whose port name is not its protocol: IST0150, a Warning. */
  private static final String WARNING_ONLY = String.join("\n",
      "apiVersion: v1", "kind: Service", "metadata: {name: db, namespace: shop}",
      "spec: {type: ExternalName, externalName: db.example.com, ports: [{name: tcp, port: 5432}]}", "");

  @Test
  void anErrorMessageFailsTheReportAndThrowIfFailedThrows() {
    FindingReport report = MeshAnalyzer.all().analyzeYaml(MISSING_HOST);

    assertThat(report.failOn()).contains(IstioMessage.Level.ERROR.severity());
    assertThat(report.failed()).isTrue();
    assertThatThrownBy(report::throwIfFailed).isInstanceOf(FindingsException.class)
        .hasMessageStartingWith("mesh analysis failed at high:\n")
        .hasMessageContaining("referenced-resource-not-found")
        .hasMessageContaining("; FAILED at --fail-on high");
  }

  @Test
  void warningsAloneDoNotFailItUnlessTheUserChoosesWarning() {
    FindingReport report = MeshAnalyzer.all().analyzeYaml(WARNING_ONLY);

    assertThat(report.findings()).extracting(f -> f.ruleId() + " " + f.severity())
        .containsExactly("external-name-service-type-invalid-port-name " + Severity.MEDIUM);
    assertThat(report.failed()).isFalse();
    assertThat(report.throwIfFailed()).isSameAs(report);
    assertThat(report.failingAt(IstioMessage.Level.WARNING.severity()).failed()).isTrue();
  }
}
