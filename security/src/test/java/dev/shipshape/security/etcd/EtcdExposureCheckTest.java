package dev.shipshape.security.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.servers.EtcdProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real etcd, started by each test and stopped at its end. */
class EtcdExposureCheckTest {

  @BeforeAll
  static void etcdInstalled() {
    EtcdProcess.requireEtcd();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void put(HttpClient client, String base, String key) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/v3/kv/put"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64("s3cr3t")
            + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void openEtcdGivesEverythingAway(@TempDir Path dir) throws Exception {
    try (EtcdProcess etcd = EtcdProcess.start(dir, false, List.of())) {
      HttpClient client = HttpClient.newHttpClient();
      put(client, "http://127.0.0.1:" + etcd.clientPort, "/registry/secrets/shop/db");
      put(client, "http://127.0.0.1:" + etcd.clientPort, "/registry/secrets/shop/api");
      EtcdExposure exposure = EtcdExposureCheck.of("127.0.0.1", etcd.clientPort).check();
      assertThat(exposure.state()).isEqualTo(EtcdEndpointState.PLAINTEXT_OPEN);
      assertThat(exposure.answersWithoutTls()).isTrue();
      assertThat(exposure.answersTlsWithoutClientCertificate()).isFalse();
      assertThat(exposure.keysReadable()).isTrue();
      assertThat(exposure.readableKeyCount()).contains(2L);
      assertThat(exposure.serverVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("3."));
      assertThat(exposure.severity()).contains(Severity.CRITICAL);
      assertThat(exposure.toText()).contains("answers plain HTTP without TLS").contains("(2 keys)")
          .doesNotContain("s3cr3t");
      assertThat(exposure.toJson()).contains("\"keysReadable\" : true").doesNotContain("s3cr3t");
    }
  }

  @Test
  void tlsWithoutClientCertificateAuthIsStillOpen(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    try (EtcdProcess etcd = EtcdProcess.start(dir, true, List.of("--cert-file", certs.serverCert.toString(),
        "--key-file", certs.serverKey.toString()))) {
      EtcdExposure exposure = EtcdExposureCheck.of("127.0.0.1", etcd.clientPort).check();
      assertThat(exposure.state()).isEqualTo(EtcdEndpointState.TLS_WITHOUT_CLIENT_AUTH);
      assertThat(exposure.answersWithoutTls()).isFalse();
      assertThat(exposure.answersTlsWithoutClientCertificate()).isTrue();
      assertThat(exposure.keysReadable()).isTrue();
      assertThat(exposure.readableKeyCount()).contains(0L);
    }
  }

  @Test
  void clientCertificateRequiredEtcdAnswersNothingWithoutOne(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    try (EtcdProcess etcd = EtcdProcess.start(dir, true, List.of("--cert-file", certs.serverCert.toString(),
        "--key-file", certs.serverKey.toString(), "--client-cert-auth", "--trusted-ca-file",
        certs.ca.toString()))) {
      // The same etcd answers a client that presents its certificate, so a "no" below is not a dead server.
      HttpClient withCert = HttpClient.newBuilder().sslContext(mutualTls(certs)).build();
      HttpResponse<String> version = withCert.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
          + etcd.clientPort + "/version")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(version.body()).contains("etcdserver");

      EtcdExposure exposure = EtcdExposureCheck.of("127.0.0.1", etcd.clientPort).timeout(Duration.ofSeconds(3))
          .check();
      assertThat(exposure.state()).isEqualTo(EtcdEndpointState.CLIENT_CERTIFICATE_REQUIRED);
      assertThat(exposure.answersWithoutTls()).isFalse();
      assertThat(exposure.answersTlsWithoutClientCertificate()).isFalse();
      assertThat(exposure.keysReadable()).isFalse();
      assertThat(exposure.severity()).isEmpty();
      assertThat(exposure.toText()).contains("requires a client certificate");
    }
  }

  private static SSLContext mutualTls(TestCertificates certs) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certs.clientP12)) {
      keys.load(in, TestCertificates.P12_PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, TestCertificates.P12_PASSWORD.toCharArray());
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certs.ca)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
