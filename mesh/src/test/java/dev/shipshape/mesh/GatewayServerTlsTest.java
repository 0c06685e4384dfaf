package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A Gateway server's TLS settings as Istio's validation judges them ({@code validateServer} and
 * {@code validateTLSOptions} in istio/istio {@code pkg/config/validation/validation.go}, and its Gateway CRD's
 * schema): planning and the {@code schema.ValidationAnalyzer.Gateway} give the same verdict on every server, all
 * reported together, each at its indexed field.
 */
class GatewayServerTlsTest {
  /** A Gateway in shop without selector (so that no Secret lookup adds to the verdict) with one server per entry. */
  static String gateway(String... servers) {
    StringBuilder yaml = new StringBuilder(String.join("\n", "---", "apiVersion: networking.istio.io/v1",
        "kind: Gateway", "metadata: {name: edge, namespace: shop}", "spec: {servers: ["));
    for (int i = 0; i < servers.length; i++) {
      yaml.append(i == 0 ? "\n" : ",\n").append("  {hosts: ['*'], ").append(servers[i]).append("}");
    }
    return yaml.append("]}\n").toString();
  }

  /** A server on port {@code number} with {@code protocol}, named after the number, and {@code tls} (or none). */
  static String server(int number, String protocol, String tls) {
    return "port: {number: " + number + ", name: p" + number + ", protocol: " + protocol + "}"
        + (tls.isEmpty() ? "" : ", tls: " + tls);
  }

  /** What planning says of the Gateway's servers, as {@code SEVERITY field: message — fix}. */
  private static List<String> planned(String gateway) {
    List<Problem> problems;
    try {
      problems = MeshFixtures.spec().yaml(gateway).build().plan().warnings();
    } catch (SpecValidationException e) {
      problems = e.problems();
    }
    return problems.stream().filter(p -> p.resource().map(r -> r.kind().equals("Gateway")).orElse(false))
        .map(p -> p.severity() + " " + p.field().orElse("") + ": " + p.message() + " — " + p.fix())
        .collect(Collectors.toList());
  }

  /** What the analyzer says, in the same form: IST0106 is an error, IST0133 a warning. */
  private static List<String> analyzed(String gateway) {
    return MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.Gateway")).analyzeYaml(gateway).findings().stream()
        .map(f -> (f.equivalents().get(0).equals("IST0106") ? "ERROR " : "WARNING ") + f.field().orElse("") + ": "
            + f.message().replaceFirst("^Schema validation (error|warning): ", "") + " — "
            + f.remediation().orElse(""))
        .collect(Collectors.toList());
  }

  /** The verdict of both, which must agree. */
  static List<String> verdict(String gateway) {
    List<String> planned = planned(gateway);
    assertThat(analyzed(gateway)).as("the analyzer agrees with planning").containsExactlyInAnyOrderElementsOf(planned);
    return planned;
  }

  /** Servers whose TLS settings Istio accepts, one of each mode and certificate source. */
  static final String ACCEPTED = gateway(
      server(443, "HTTPS", "{mode: SIMPLE, credentialNames: [edge-rsa, edge-ecdsa], minProtocolVersion: TLSV1_2,"
          + " maxProtocolVersion: TLSV1_3, cipherSuites: [ECDHE-RSA-AES128-GCM-SHA256, ALL, '-AES128-SHA',"
          + " '[ECDHE-ECDSA-AES128-GCM-SHA256|ECDHE-ECDSA-CHACHA20-POLY1305]']}"),
      server(444, "HTTPS", "{mode: MUTUAL, tlsCertificates: [{serverCertificate: /rsa.pem, privateKey: /rsa.key},"
          + " {serverCertificate: /ec.pem, privateKey: /ec.key}], caCertificates: /ca.pem, caCrl: /crl.pem}"),
      server(445, "TLS", "{mode: OPTIONAL_MUTUAL, serverCertificate: /c.pem, privateKey: /k.pem,"
          + " caCertificates: /ca.pem, subjectAltNames: [client.example.com]}"),
      server(446, "HTTPS", "{mode: MUTUAL, credentialName: edge-tls, caCrl: /crl.pem}"),
      server(447, "TLS", "{mode: AUTO_PASSTHROUGH}"),
      server(448, "HTTPS", "{mode: ISTIO_MUTUAL}"),
      server(80, "HTTP", "{httpsRedirect: true}"),
      server(81, "HTTP2", ""),
      server(449, "HTTPS", "{mode: SIMPLE, credentialName: edge-tls, minProtocolVersion: TLSV1_0,"
          + " cipherSuites: [ECDHE-RSA-AES128-SHA]}"));

  @Test
  void serversThatIstioAcceptsHaveNoProblem() {
    assertThat(verdict(ACCEPTED)).isEmpty();
  }

  @Test
  void aServerTakesItsCertificatesFromOneSourceOfAtMostTwoEntries() {
    assertThat(verdict(gateway(
        server(443, "HTTPS", "{mode: SIMPLE, credentialName: edge-tls, credentialNames: [edge-rsa]}"),
        server(444, "HTTPS", "{mode: SIMPLE, credentialName: edge-tls,"
            + " tlsCertificates: [{serverCertificate: /c.pem, privateKey: /k.pem}]}"),
        server(445, "HTTPS", "{mode: SIMPLE, tlsCertificates: [{serverCertificate: /a.pem, privateKey: /a.key},"
            + " {serverCertificate: /b.pem, privateKey: /b.key}, {serverCertificate: /c.pem, privateKey: /c.key}]}"),
        server(446, "HTTPS", "{mode: SIMPLE, credentialNames: []}")))).containsExactlyInAnyOrder(
        "ERROR spec.servers[0].tls: only one of credential_name, credential_names, server_certificate/private_key, "
            + "tls_certificates should be specified, but the server gives credentialName and credentialNames — keep "
            + "one source of the server's certificates: credentialName (a Secret), credentialNames (a Secret per "
            + "key type), serverCertificate with privateKey (files), or tlsCertificates (a file pair per key type)",
        "ERROR spec.servers[1].tls: only one of credential_name, credential_names, server_certificate/private_key, "
            + "tls_certificates should be specified, but the server gives credentialName and tlsCertificates — keep "
            + "one source of the server's certificates: credentialName (a Secret), credentialNames (a Secret per "
            + "key type), serverCertificate with privateKey (files), or tlsCertificates (a file pair per key type)",
        "ERROR spec.servers[2].tls.tlsCertificates: tlsCertificates has 3 entries, but Istio's CRD schema allows at "
            + "most 2: TLS can support up to 2 server certificates, one per key type — keep at most 2 entries, such "
            + "as one RSA and one ECDSA certificate",
        // An empty list is no credential for Istio's validation, which then asks for the files.
        "ERROR spec.servers[3].tls.serverCertificate: SIMPLE TLS requires a server certificate — give "
            + "serverCertificate, the file of the server's certificate, or name a Secret holding it with "
            + "credentialName",
        "ERROR spec.servers[3].tls.privateKey: SIMPLE TLS requires a private key — give privateKey, the file of the "
            + "server's private key, or name a Secret holding it with credentialName");
  }

  @Test
  void withoutACredentialEachModeNeedsItsFiles() {
    String fixCa = " — give caCertificates, the file of the CA certificates that verify clients, or a credentialName "
        + "whose Secret holds them (key ca.crt)";
    assertThat(verdict(gateway(
        server(443, "HTTPS", "{mode: SIMPLE, serverCertificate: /c.pem}"),
        server(444, "HTTPS", "{mode: MUTUAL, serverCertificate: /c.pem, privateKey: /k.pem}"),
        server(445, "TLS", "{mode: OPTIONAL_MUTUAL, caCertificates: /ca.pem,"
            + " tlsCertificates: [{serverCertificate: /rsa.pem, privateKey: /rsa.key}, {serverCertificate: /ec.pem}]}"),
        server(446, "HTTPS", "{mode: OPTIONAL_MUTUAL, serverCertificate: /c.pem, privateKey: /k.pem}"))))
        .containsExactlyInAnyOrder(
            "ERROR spec.servers[0].tls.privateKey: SIMPLE TLS requires a private key — give privateKey, the file of "
                + "the server's private key, or name a Secret holding it with credentialName",
            "ERROR spec.servers[1].tls.caCertificates: MUTUAL TLS requires a client CA bundle" + fixCa,
            "ERROR spec.servers[2].tls.tlsCertificates[1].privateKey: MUTUAL TLS requires a private key — give "
                + "privateKey, the file of the server's private key, or name a Secret holding it with "
                + "credentialName",
            "ERROR spec.servers[3].tls.caCertificates: MUTUAL TLS requires a client CA bundle" + fixCa);
  }

  @Test
  void aCrlNeedsAModeThatVerifiesClientsAndStaysOutOfACredentialsServer() {
    assertThat(verdict(gateway(
        server(443, "HTTPS", "{mode: SIMPLE, serverCertificate: /c.pem, privateKey: /k.pem, caCrl: /crl.pem}"),
        // Istio refuses a CRL beside credentialName only past its early return for terminating modes.
        server(444, "TLS", "{mode: PASSTHROUGH, credentialName: edge-tls, caCrl: /crl.pem}"),
        server(445, "HTTPS", "{mode: SIMPLE, credentialName: edge-tls, caCrl: /crl.pem}"))))
        .containsExactlyInAnyOrder(
        "ERROR spec.servers[0].tls.caCrl: CRL is not supported with SIMPLE TLS — remove caCrl, or use mode MUTUAL, "
            + "which verifies client certificates against it",
        "WARNING spec.servers[1].tls.mode: PASSTHROUGH mode does not use certificates, they will be ignored — remove "
            + "the certificates from the server, or terminate TLS at the gateway with mode SIMPLE or MUTUAL",
        "ERROR spec.servers[1].tls.caCrl: CRL is not supported with credentialName. CRL has to be specified in the "
            + "credential — remove caCrl, and put the CRL in the Secret (key ca.crl)");
  }

  @Test
  void unknownAndRepeatedCipherSuitesAndOldVersionsWithoutCiphersAreWarnings() {
    assertThat(verdict(gateway(
        server(443, "HTTPS", "{mode: SIMPLE, credentialName: edge-tls, cipherSuites: [ECDHE-RSA-AES128-GCM-SHA256,"
            + " TLS_AES_128_GCM_SHA256, ECDHE-RSA-AES128-GCM-SHA256, ALL, ALL]}"),
        server(444, "HTTPS", "{mode: SIMPLE, credentialName: edge-tls, minProtocolVersion: TLSV1_1}"))))
        .containsExactlyInAnyOrder(
            "WARNING spec.servers[0].tls.cipherSuites[1]: ignoring invalid cipher suite TLS_AES_128_GCM_SHA256: the "
                + "gateway does not support it — use one of ECDHE-ECDSA-AES128-GCM-SHA256, "
                + "ECDHE-RSA-AES128-GCM-SHA256, ECDHE-ECDSA-AES256-GCM-SHA384, ECDHE-RSA-AES256-GCM-SHA384, "
                + "ECDHE-ECDSA-CHACHA20-POLY1305, ECDHE-RSA-CHACHA20-POLY1305, ECDHE-ECDSA-AES128-SHA, "
                + "ECDHE-RSA-AES128-SHA, ECDHE-ECDSA-AES256-SHA, ECDHE-RSA-AES256-SHA, AES128-GCM-SHA256, "
                + "AES256-GCM-SHA384, AES128-SHA, AES256-SHA, DES-CBC3-SHA, or remove it",
            "WARNING spec.servers[0].tls.cipherSuites[2]: ignoring duplicate cipher suite ECDHE-RSA-AES128-GCM-SHA256, "
                + "already given at cipherSuites[0] — remove the repeated entry",
            "WARNING spec.servers[0].tls.cipherSuites[4]: ignoring duplicate cipher suite ALL, already given at "
                + "cipherSuites[3] — remove the repeated entry",
            "WARNING spec.servers[1].tls.minProtocolVersion: TLS version below TLSV1_2 require setting compatible "
                + "ciphers as by default they no longer include compatible ciphers — list cipherSuites that TLSV1_1 "
                + "clients support, such as ECDHE-RSA-AES128-SHA, or raise minProtocolVersion to TLSV1_2");
  }

  @Test
  void thePortsProtocolDecidesWhetherTheServerTakesTlsSettings() {
    assertThat(verdict(gateway(
        server(443, "HTTPS", ""),
        server(80, "HTTP", "{mode: SIMPLE, credentialName: edge-tls}"),
        server(81, "http", "{httpsRedirect: true, serverCertificate: /c.pem}"),
        server(5432, "TCP", "{mode: SIMPLE, credentialName: db-tls}"),
        server(444, "HTTPS", "{mode: SIMPLE, credentialName: edge-tls, httpsRedirect: true}"),
        // Istio judges the protocol against the TLS settings only on a valid port: this one has no name, which is
        // all that Istio reports of it.
        "port: {number: 445, protocol: HTTPS}"))).containsExactlyInAnyOrder(
        "ERROR spec.servers[5].port.name: port name must be set: number 445, protocol \"HTTPS\" — name the port, "
            + "such as https-445, a name no other server of the Gateway gives its port",
        "ERROR spec.servers[0].tls: server must have TLS settings for HTTPS/TLS protocols — add tls with a mode and a "
            + "credentialName",
        "ERROR spec.servers[1].tls: server cannot have TLS settings for plain text HTTP ports — keep only "
            + "tls.httpsRedirect on a plain-text port, or set port.protocol to HTTPS to terminate TLS on it",
        "ERROR spec.servers[2].tls: server cannot have TLS settings for plain text HTTP ports — keep only "
            + "tls.httpsRedirect on a plain-text port, or set port.protocol to HTTPS to terminate TLS on it",
        "WARNING spec.servers[2].tls.mode: PASSTHROUGH mode does not use certificates, they will be ignored — remove "
            + "the certificates from the server, or terminate TLS at the gateway with mode SIMPLE or MUTUAL",
        "ERROR spec.servers[3].tls: server cannot have TLS settings for non HTTPS/TLS ports — remove tls, or set "
            + "port.protocol to TLS (or HTTPS) to serve TLS on the port",
        "WARNING spec.servers[4].tls.httpsRedirect: tls.httpsRedirect should only be used with http servers — remove "
            + "httpsRedirect here; set it on the plain-text HTTP server whose clients should come to this one");
  }

  /**
   * Istio's {@code validateServerPort}: a port is required, numbered 1 to 65535 (0 only on a Unix domain socket),
   * without targetPort, all errors; the protocol is judged against the TLS settings only on a valid port.
   */
  @Test
  void aServersPortIsJudgedAsIstioDoesAndOnlyAValidOneAgainstTheTlsSettings() {
    assertThat(verdict(gateway(
        server(0, "HTTPS", ""),
        "bind: 'unix:///run/gw.sock', port: {number: 0, name: socket, protocol: HTTPS}",
        server(65536, "HTTPS", ""),
        "port: {number: 443, name: https, protocol: HTTPS, targetPort: 8443}",
        "tls: {mode: SIMPLE, credentialName: edge-tls}",
        server(65535, "TCP", "{mode: SIMPLE, credentialName: db-tls}")))).containsExactlyInAnyOrder(
        "ERROR spec.servers[0].port.number: port number 0 must be in the range 1..65535 — give the port the gateway "
            + "listens on",
        "ERROR spec.servers[1].tls: server must have TLS settings for HTTPS/TLS protocols — add tls with a mode and a "
            + "credentialName",
        "ERROR spec.servers[2].port.number: port number 65536 must be in the range 1..65535 — give the port the "
            + "gateway listens on",
        "ERROR spec.servers[3].port.targetPort: targetPort has no impact on Gateways — remove targetPort: the "
            + "gateway's pods listen on port.number, and the Service in front of them maps its own ports to it",
        "ERROR spec.servers[4].port: port is required — give the server a port with a number, a name and a protocol",
        "ERROR spec.servers[5].tls: server cannot have TLS settings for non HTTPS/TLS ports — remove tls, or set "
            + "port.protocol to TLS (or HTTPS) to serve TLS on the port");
  }

  /** Planning and the analyzer agree on any Gateway, and every problem names a field of one of its servers. */
  @Property(tries = 30)
  void planningAndTheAnalyzerGiveOneVerdict(@ForAll("servers") List<String> servers) {
    List<String> verdict = verdict(gateway(servers.toArray(String[]::new)));
    assertThat(verdict).allSatisfy(line -> assertThat(line).matches("(ERROR|WARNING) spec\\.servers\\[[0-"
        + (servers.size() - 1) + "]\\]\\.(tls|port|bind).*"));
  }

  /**
   * Servers on valid and invalid ports (0 with and without a Unix domain socket, 65536, a targetPort, without a
   * name), bound to a socket, an IP address or a host name, with any protocol, one Istio does not know included, and
   * TLS settings.
   */
  @Provide
  Arbitrary<List<String>> servers() {
    Arbitrary<String> protocols = Arbitraries.of("HTTPS", "TLS", "HTTP", "TCP", "GRPC", "QUIC");
    Arbitrary<String> modes = Arbitraries.of("", "SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL", "PASSTHROUGH",
        "AUTO_PASSTHROUGH", "ISTIO_MUTUAL");
    Arbitrary<List<String>> fields = Arbitraries.of("credentialName: c", "credentialNames: [a]",
        "credentialNames: [a, b, c]", "serverCertificate: /c.pem", "privateKey: /k.pem", "caCertificates: /ca.pem",
        "caCrl: /crl.pem", "tlsCertificates: [{serverCertificate: /c.pem}]", "cipherSuites: [AES128-SHA, AES128-SHA]",
        "cipherSuites: [TLS_AES_128_GCM_SHA256]", "minProtocolVersion: TLSV1_1", "httpsRedirect: true")
        .list().uniqueElements(f -> f.substring(0, f.indexOf(':'))).ofMaxSize(4);
    Arbitrary<String> tls = Combinators.combine(Arbitraries.of(true, false), modes, fields)
        .as((present, mode, given) -> present ? settings(mode, given) : "");
    Arbitrary<String> server = Combinators.combine(Arbitraries.of(0, 443, 444, 445, 65536), protocols, tls,
        Arbitraries.of("", "bind: 'unix:///run/gw.sock', ", "bind: 10.0.0.1, ", "bind: gw.local, "),
        Arbitraries.of("", ", targetPort: 8443"), Arbitraries.of(true, false))
        .as((number, protocol, settings, bind, target, named) -> {
          String port = server(number, protocol, settings).replaceFirst("}", target + "}");
          return bind + (named ? port : port.replaceFirst(", name: p\\d+", ""));
        });
    return server.list().ofMinSize(1).ofMaxSize(4).uniqueElements(GatewayServerTlsTest::portNumber);
  }

  private static String portNumber(String server) {
    return server.replaceFirst(".*number: (\\d+).*", "$1");
  }

  /** TLS settings in {@code mode} (unset when empty) with the {@code given} fields. */
  private static String settings(String mode, List<String> given) {
    List<String> fields = new ArrayList<>(given);
    if (!mode.isEmpty()) fields.add(0, "mode: " + mode);
    return "{" + String.join(", ", fields) + "}";
  }
}
