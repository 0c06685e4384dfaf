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
 *   <li>MUTUAL without {@code credentialName} needs {@code clientCertificate} and {@code privateKey};</li>
 *   <li>a {@code configmap://} credential is {@code configmap://NAMESPACE/NAME} in the DestinationRule's own
 *       namespace; and, beyond Istio's validation, not in MUTUAL mode: for MUTUAL, Istio asks its certificate
 *       server for the credential itself as the client certificate and key, beside {@code NAME-cacert} for the CA
 *       ({@code ApplyCustomSDSToClientCommonTLSContext}, which {@code pilot/pkg/networking/core/cluster_tls.go}
 *       calls for a credential), and it serves only a ConfigMap's CA certificate, never a certificate and key
 *       ({@code SecretGen.generate} in {@code pilot/pkg/xds/sds.go}), so the client would present none.</li>
 * </ul>
 */
public final class TlsRules {
  private TlsRules() {}

  /**
   * Checks the client TLS settings at {@code at} (such as {@code spec.trafficPolicy.tls}) of a DestinationRule in
   * {@code namespace}; nothing when absent.
   */
  public static void check(JsonNode tls, String namespace, String at, RuleSink out) {
    if (!tls.isObject()) return;
    String mode = Json.text(tls.path("mode"));
    credential(Json.text(tls.path("credentialName")), mode, namespace, at + ".credentialName", out);
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

  /**
   * The rules of a {@code configmap://} credential: {@code ValidateTLS} in istio/istio
   * {@code pkg/config/validation/agent/validation.go} parses it and requires the rule's own namespace; {@code mode}
   * is the settings' TLS mode and {@code at} the field of the credential. Nothing for other credentials.
   */
  public static void credential(String credentialName, String mode, String namespace, String at, RuleSink out) {
    if (credentialName.isEmpty()) return;
    Credentials credential = Credentials.parse(credentialName);
    if (credential.kind() != Credentials.Kind.CONFIG_MAP) return;
    String fix = "write configmap://" + namespace + "/<ConfigMap name>, the ConfigMap in the DestinationRule's "
        + "namespace " + namespace;
    if (credential.problem().isPresent()) {
      out.error(at, "invalid configmap:// credentialName: " + credential.problem().get(), fix);
    } else if (!credential.namespaceOr("").equals(namespace) || namespace.isEmpty()) {
      out.error(at, "invalid configmap:// credentialName: namespace must match the configuration namespace \""
          + namespace + "\"", fix);
    }
    if (mode.equals("MUTUAL")) {
      out.error(at, "a configmap:// credential gives only a CA certificate (ca.crt), so MUTUAL mode would send no "
          + "client certificate", "use SIMPLE mode with the ConfigMap, or name a Secret that holds the client "
          + "certificate, key and CA (tls.crt, tls.key, ca.crt)");
    }
  }
}
