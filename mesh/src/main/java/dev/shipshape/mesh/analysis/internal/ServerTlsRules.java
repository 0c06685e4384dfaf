package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of Istio's validation of a Gateway server's TLS settings on the certificates a mode takes
 * ({@code validateTLSOptions} in istio/istio {@code pkg/config/validation/validation.go}), over the settings as a
 * tree; the mode is {@code PASSTHROUGH} when unset, as in Istio's {@code ServerTLSSettings.TLSmode}:
 * <ul>
 *   <li>{@code ISTIO_MUTUAL} serves the proxy's mesh certificate, so Istio refuses a server certificate, private
 *       key, CA bundle, {@code tlsCertificates}, {@code credentialName} or {@code credentialNames} beside it (an
 *       error each);</li>
 *   <li>{@code PASSTHROUGH} and {@code AUTO_PASSTHROUGH} load no certificate: any of them, or a CRL, is a warning
 *       that they will be ignored.</li>
 * </ul>
 */
public final class ServerTlsRules {
  /** The modes that load no certificate. */
  public static final Set<String> PASSTHROUGH = Set.of("PASSTHROUGH", "AUTO_PASSTHROUGH");

  /** The fields Istio refuses beside ISTIO_MUTUAL, with the words its messages give them. */
  private static final Map<String, String> ISTIO_MUTUAL_REFUSES = istioMutualRefuses();

  /** The fields whose presence makes a passthrough server's warning. */
  private static final List<String> CERTIFICATE_FIELDS = List.of("caCrl", "serverCertificate", "privateKey",
      "caCertificates", "tlsCertificates", "credentialName", "credentialNames");

  private ServerTlsRules() {}

  private static Map<String, String> istioMutualRefuses() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("serverCertificate", "server certificate");
    fields.put("privateKey", "private key");
    fields.put("caCertificates", "CA bundle");
    fields.put("tlsCertificates", "tlsCertificates");
    fields.put("credentialName", "credentialName");
    fields.put("credentialNames", "credentialNames");
    return fields;
  }

  /** The mode of the server TLS settings {@code tls}, {@code PASSTHROUGH} when unset. */
  public static String mode(JsonNode tls) {
    String mode = Json.text(tls.path("mode"));
    return mode.isEmpty() ? "PASSTHROUGH" : mode;
  }

  /**
   * Checks the server TLS settings at {@code at} (such as {@code spec.servers[0].tls}); nothing when absent.
   * Returns true when the mode reads a certificate from the settings' credentials (neither ISTIO_MUTUAL nor a
   * passthrough mode), so that their credentials are worth checking further.
   */
  public static boolean check(JsonNode tls, String at, RuleSink out) {
    if (!tls.isObject()) return false;
    String mode = mode(tls);
    if (mode.equals("ISTIO_MUTUAL")) {
      ISTIO_MUTUAL_REFUSES.forEach((field, words) -> {
        if (present(tls.path(field))) {
          out.error(at + "." + field, "ISTIO_MUTUAL TLS cannot have associated " + words, "remove " + field
              + ": ISTIO_MUTUAL serves the gateway's mesh certificate; for a certificate of your own use mode SIMPLE "
              + "or MUTUAL");
        }
      });
      return false;
    }
    if (PASSTHROUGH.contains(mode)) {
      if (CERTIFICATE_FIELDS.stream().anyMatch(f -> present(tls.path(f)))) {
        out.warning(at + ".mode", mode + " mode does not use certificates, they will be ignored", "remove the "
            + "certificates from the server, or terminate TLS at the gateway with mode SIMPLE or MUTUAL");
      }
      return false;
    }
    return true;
  }

  private static boolean present(JsonNode value) {
    return !Json.text(value).isEmpty() || value.size() > 0;
  }
}
