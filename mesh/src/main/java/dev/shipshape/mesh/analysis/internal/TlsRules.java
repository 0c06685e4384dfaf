package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules of Istio's validation of a traffic policy's client TLS settings ({@code ValidateTLS} in istio/istio
 * {@code pkg/config/validation/agent}), over the settings as a tree:
 * <ul>
 *   <li>with {@code insecureSkipVerify: true}, SIMPLE takes no {@code caCertificates}, {@code credentialName} or
 *       {@code subjectAltNames}, and MUTUAL no {@code caCertificates} or {@code subjectAltNames};</li>
 *   <li>SIMPLE or MUTUAL with a {@code credentialName} take no certificate, key or CRL file
 *       ({@code clientCertificate}, {@code privateKey}, {@code caCertificates}, {@code caCrl}): the Secret holds
 *       them;</li>
 *   <li>MUTUAL without {@code credentialName} needs {@code clientCertificate} and {@code privateKey}.</li>
 * </ul>
 * Istio's check that a {@code configmap://} credential lies in the policy's own namespace is not made here.
 */
public final class TlsRules {
  private TlsRules() {}

  /** Checks the client TLS settings at {@code at} (such as {@code spec.trafficPolicy.tls}); nothing when absent. */
  public static void check(JsonNode tls, String at, RuleSink out) {
    if (!tls.isObject()) return;
    String mode = Json.text(tls.path("mode"));
    boolean credential = !Json.text(tls.path("credentialName")).isEmpty();
    boolean ca = !Json.text(tls.path("caCertificates")).isEmpty();
    boolean sans = !Json.strings(tls.path("subjectAltNames")).isEmpty();
    if (tls.path("insecureSkipVerify").asBoolean(false)) {
      if (mode.equals("SIMPLE") && (ca || credential || sans)) {
        out.error(at + ".insecureSkipVerify", "cannot specify CaCertificates or CredentialName or SubjectAltNames "
            + "when InsecureSkipVerify is set true", "remove insecureSkipVerify to verify the server, or remove "
            + "caCertificates, credentialName and subjectAltNames");
      }
      if (mode.equals("MUTUAL") && (ca || sans)) {
        out.error(at + ".insecureSkipVerify", "cannot specify CaCertificates or SubjectAltNames when "
            + "InsecureSkipVerify is set true", "remove insecureSkipVerify to verify the server, or remove "
            + "caCertificates and subjectAltNames");
      }
    }
    boolean simpleOrMutual = mode.equals("SIMPLE") || mode.equals("MUTUAL");
    if (simpleOrMutual && credential) {
      if (ca || !Json.text(tls.path("clientCertificate")).isEmpty() || !Json.text(tls.path("privateKey")).isEmpty()
          || !Json.text(tls.path("caCrl")).isEmpty()) {
        out.error(at + ".credentialName", "cannot specify client certificates or CA certificate or CA CRL If "
            + "credentialName is set", "keep credentialName (the Secret holds the certificates), or remove it and "
            + "give the files");
      }
      return;
    }
    if (mode.equals("MUTUAL")) {
      if (Json.text(tls.path("clientCertificate")).isEmpty()) {
        out.error(at + ".clientCertificate", "client certificate required for mutual tls", "give the path of the "
            + "client certificate file, or a credentialName that names a Secret holding it");
      }
      if (Json.text(tls.path("privateKey")).isEmpty()) {
        out.error(at + ".privateKey", "private key required for mutual tls", "give the path of the client's "
            + "private key file, or a credentialName that names a Secret holding it");
      }
    }
  }
}
