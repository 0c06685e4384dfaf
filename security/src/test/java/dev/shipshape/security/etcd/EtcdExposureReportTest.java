package dev.shipshape.security.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import org.junit.jupiter.api.Test;

class EtcdExposureReportTest {

  private static EtcdExposure.Builder exposure() {
    return EtcdExposure.builder().endpoint("10.0.0.5:2379").answersWithoutTls(false)
        .answersTlsWithoutClientCertificate(false).keysReadable(false);
  }

  @Test
  void readableKeysAreOneCriticalFinding() {
    assertThat(exposure().answersWithoutTls(true).keysReadable(true).readableKeyCount(42L).build().toReport()
        .findings()).extracting(Finding::toString).containsExactly("CRITICAL etcd-keys-readable: etcd 10.0.0.5:2379"
            + " answers plain HTTP without TLS and lets anyone read its keys (42 keys), including every Secret of the"
            + " cluster — serve clients only over TLS with --client-cert-auth=true and --trusted-ca-file, listen on"
            + " private addresses only, and firewall port 2379 to the API servers");
  }

  @Test
  void tlsWithoutClientCertificateIsHigh() {
    Finding f = exposure().answersTlsWithoutClientCertificate(true).build().toReport().findings().get(0);
    assertThat(f.ruleId()).isEqualTo("etcd-no-client-certificate");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.message()).isEqualTo("etcd 10.0.0.5:2379 answers over TLS without a client certificate");
    assertThat(f.equivalents()).containsExactly("cis:2.1", "cis:2.2");
  }

  @Test
  void aClosedEtcdHasNoFinding() {
    assertThat(exposure().build().toReport().findings()).isEmpty();
    assertThat(exposure().build().toReport().check()).isEqualTo("etcd exposure");
  }
}
