package dev.shipshape.security.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import org.junit.jupiter.api.Test;

class EtcdExposureReportTest {

  private static EtcdExposure.Builder exposure() {
    return EtcdExposure.builder().endpoint("10.0.0.5:2379").state(EtcdEndpointState.CLIENT_CERTIFICATE_REQUIRED)
        .keysReadable(false);
  }

  @Test
  void readableKeysAreOneCriticalFinding() {
    assertThat(exposure().state(EtcdEndpointState.PLAINTEXT_OPEN).keysReadable(true).readableKeyCount(42L).build().toReport()
        .findings()).extracting(Finding::toString).containsExactly("CRITICAL etcd-keys-readable: etcd 10.0.0.5:2379"
            + " answers plain HTTP without TLS and lets anyone read its keys (42 keys), including every Secret of the"
            + " cluster — serve clients only over TLS with --client-cert-auth=true and --trusted-ca-file, listen on"
            + " private addresses only, and firewall port 2379 to the API servers");
  }

  @Test
  void tlsWithoutClientCertificateIsHigh() {
    FindingReport report = exposure().state(EtcdEndpointState.TLS_WITHOUT_CLIENT_AUTH).build().toReport();
    assertThat(report.failed()).as("an etcd without client certificates fails the report as it comes").isTrue();
    Finding f = report.findings().get(0);
    assertThat(f.ruleId()).isEqualTo("etcd-no-client-certificate");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.message()).isEqualTo("etcd 10.0.0.5:2379 answers over TLS without a client certificate");
    assertThat(f.equivalents()).containsExactly("cis:2.1", "cis:2.2");
  }

  @Test
  void anUnreachableEndpointIsNotVerifiedNeverProtected() {
    EtcdExposure closed = exposure().state(EtcdEndpointState.CLOSED).build();
    assertThat(closed.toReport().findings()).extracting(Finding::ruleId, Finding::severity, Finding::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("etcd-not-verified", Severity.INFO,
            "etcd 10.0.0.5:2379 could not be checked: connection refused (nothing listens there)"));
    assertThat(closed.toText()).contains("not verified").doesNotContain("requires a client certificate");
    assertThat(exposure().state(EtcdEndpointState.FILTERED).build().toReport().findings().get(0).message())
        .contains("no answer to the connection within the timeout");
    assertThat(exposure().state(EtcdEndpointState.UNRECOGNISED).build().toJson()).contains("\"state\" : \"UNRECOGNISED\"");
  }

  @Test
  void aClientCertificateRequiredEtcdHasNoFinding() {
    assertThat(exposure().build().toReport().findings()).isEmpty();
    assertThat(exposure().build().toReport().check()).isEqualTo("etcd exposure");
  }
}
