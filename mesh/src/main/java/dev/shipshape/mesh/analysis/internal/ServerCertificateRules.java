package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a Gateway server that terminates TLS (any mode but ISTIO_MUTUAL) takes its certificates from, as Istio
 * judges it: its CRD schema for the lists, {@code validateTLSOptions} in istio/istio
 * {@code pkg/config/validation/validation.go} (Istio 1.27, which added {@code credentialNames} and
 * {@code tlsCertificates}) for the rest, each an error unless said otherwise:
 * <ul>
 *   <li>{@code credentialNames} and {@code tlsCertificates} have at most 2 entries in every mode (the CRD's
 *       {@code maxItems}: one certificate per key type, such as RSA and ECDSA; the validation itself only warns
 *       that TLS "can support up to 2 server certificates", but the API server refuses more first);</li>
 *   <li>one source only of {@code credentialName}, {@code credentialNames}, the pair {@code serverCertificate} and
 *       {@code privateKey}, and {@code tlsCertificates};</li>
 *   <li>SIMPLE, MUTUAL and OPTIONAL_MUTUAL with a credential read everything from it, so nothing more is
 *       required (nor is {@code caCrl} refused: its rules below come after that early return);</li>
 *   <li>without one, MUTUAL and OPTIONAL_MUTUAL need {@code caCertificates}, and each of the server's certificates
 *       (every {@code tlsCertificates} entry, else the top-level pair) a {@code serverCertificate} and a
 *       {@code privateKey};</li>
 *   <li>{@code caCrl} is refused beside {@code credentialName} (the CRL belongs in the Secret) and in SIMPLE
 *       mode, which verifies no client certificate.</li>
 * </ul>
 */
final class ServerCertificateRules {
  private static final int MAX_CERTIFICATES = 2;

  private ServerCertificateRules() {}

  /** Checks the certificate sources of the server TLS settings {@code tls} at {@code at} in mode {@code mode}. */
  static void check(JsonNode tls, String mode, String at, RuleSink out) {
    boolean credentialName = !Json.text(tls.path("credentialName")).isEmpty();
    boolean credential = credentialName || !tls.path("credentialNames").isEmpty();
    List<String> sources = sources(tls);
    if (sources.size() > 1) {
      out.error(at, "only one of credential_name, credential_names, server_certificate/private_key, "
          + "tls_certificates should be specified, but the server gives " + String.join(" and ", sources),
          "keep one source of the server's certificates: credentialName (a Secret), credentialNames (a Secret per "
              + "key type), serverCertificate with privateKey (files), or tlsCertificates (a file pair per key type)");
    }
    boolean terminates = mode.equals("SIMPLE") || mode.equals("MUTUAL") || mode.equals("OPTIONAL_MUTUAL");
    if (terminates && credential) return;
    if (terminates) files(tls, mode, at, out);
    if (!Json.text(tls.path("caCrl")).isEmpty()) {
      if (credentialName) {
        out.error(at + ".caCrl", "CRL is not supported with credentialName. CRL has to be specified in the "
            + "credential", "remove caCrl, and put the CRL in the Secret (key ca.crl)");
      }
      if (mode.equals("SIMPLE")) {
        out.error(at + ".caCrl", "CRL is not supported with SIMPLE TLS", "remove caCrl, or use mode MUTUAL, "
            + "which verifies client certificates against it");
      }
    }
  }

  /**
   * The CRD's bound of the lists of certificates, whatever the mode: at most 2 entries each. (Its minimum of 1 is
   * left out: the analyzer reads an empty list as none, and Istio's validation ignores it.)
   */
  static void lists(JsonNode tls, String at, RuleSink out) {
    for (String list : List.of("credentialNames", "tlsCertificates")) {
      int entries = tls.path(list).size();
      if (entries > MAX_CERTIFICATES) {
        out.error(at + "." + list, list + " has " + entries + " entries, but Istio's CRD schema allows at most "
                + MAX_CERTIFICATES + ": TLS can support up to 2 server certificates, one per key type",
            "keep at most 2 entries, such as one RSA and one ECDSA certificate");
      }
    }
  }

  /** The certificate sources given, in Istio's words' order. */
  private static List<String> sources(JsonNode tls) {
    List<String> sources = new ArrayList<>();
    if (!Json.text(tls.path("credentialName")).isEmpty()) sources.add("credentialName");
    if (!tls.path("credentialNames").isEmpty()) sources.add("credentialNames");
    // Istio counts the file pair only when both halves are given; a lone half is refused below.
    if (!Json.text(tls.path("serverCertificate")).isEmpty() && !Json.text(tls.path("privateKey")).isEmpty()) {
      sources.add("serverCertificate/privateKey");
    }
    if (!tls.path("tlsCertificates").isEmpty()) sources.add("tlsCertificates");
    return sources;
  }

  /** The files a terminating server without a credential needs. */
  private static void files(JsonNode tls, String mode, String at, RuleSink out) {
    String prefix = mode.equals("SIMPLE") ? "SIMPLE TLS" : "MUTUAL TLS";
    if (!mode.equals("SIMPLE") && Json.text(tls.path("caCertificates")).isEmpty()) {
      out.error(at + ".caCertificates", prefix + " requires a client CA bundle", "give caCertificates, the file of "
          + "the CA certificates that verify clients, or a credentialName whose Secret holds them (key ca.crt)");
    }
    List<JsonNode> certificates = Json.list(tls.path("tlsCertificates"));
    if (certificates.isEmpty()) {
      pair(tls, prefix, at, out);
    } else {
      for (int i = 0; i < certificates.size(); i++) {
        pair(certificates.get(i), prefix, at + ".tlsCertificates[" + i + "]", out);
      }
    }
  }

  /** One certificate: its file and its key's. */
  private static void pair(JsonNode certificate, String prefix, String at, RuleSink out) {
    if (Json.text(certificate.path("serverCertificate")).isEmpty()) {
      out.error(at + ".serverCertificate", prefix + " requires a server certificate", "give serverCertificate, "
          + "the file of the server's certificate, or name a Secret holding it with credentialName");
    }
    if (Json.text(certificate.path("privateKey")).isEmpty()) {
      out.error(at + ".privateKey", prefix + " requires a private key", "give privateKey, the file of the "
          + "server's private key, or name a Secret holding it with credentialName");
    }
  }
}
