package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of Istio's validation of a Gateway server's cipher suites and oldest TLS version (the first checks of
 * {@code validateTLSOptions} in istio/istio {@code pkg/config/validation/validation.go}), each a warning: Istio
 * accepts the server and drops what it cannot use ({@code FilterCipherSuites} in
 * {@code pkg/config/security/security.go}):
 * <ul>
 *   <li>{@code minProtocolVersion} TLSV1_0 or TLSV1_1 without {@code cipherSuites}: the default ciphers suit none of
 *       those versions' clients;</li>
 *   <li>a cipher suite that {@code IsValidCipherSuite} does not know is ignored: known are the names of
 *       {@link #SUPPORTED}, {@code ALL}, and an expression starting with neither letter nor digit (such as
 *       {@code -AES128-SHA} or {@code [ECDHE-ECDSA-AES128-GCM-SHA256|ECDHE-ECDSA-CHACHA20-POLY1305]});</li>
 *   <li>a known cipher suite given twice is ignored the second time.</li>
 * </ul>
 */
final class CipherSuites {
  /** The cipher suites a gateway supports ({@code ValidCipherSuites}: BoringSSL's, without PSK ones). */
  static final List<String> SUPPORTED = List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
      "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
      "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA",
      "ECDHE-RSA-AES256-SHA", "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA");

  private static final Set<String> OLD_VERSIONS = Set.of("TLSV1_0", "TLSV1_1");

  private CipherSuites() {}

  /** Checks the cipher suites and oldest TLS version of the server TLS settings {@code tls} at {@code at}. */
  static void check(JsonNode tls, String at, RuleSink out) {
    List<String> suites = Json.strings(tls.path("cipherSuites"));
    String minVersion = Json.text(tls.path("minProtocolVersion"));
    if (OLD_VERSIONS.contains(minVersion) && suites.isEmpty()) {
      out.warning(at + ".minProtocolVersion", "TLS version below TLSV1_2 require setting compatible ciphers as by "
          + "default they no longer include compatible ciphers", "list cipherSuites that " + minVersion + " clients "
          + "support, such as ECDHE-RSA-AES128-SHA, or raise minProtocolVersion to TLSV1_2");
    }
    Map<String, Integer> firstAt = new HashMap<>();
    for (int i = 0; i < suites.size(); i++) {
      String suite = suites.get(i);
      String field = at + ".cipherSuites[" + i + "]";
      if (!known(suite)) {
        out.warning(field, "ignoring invalid cipher suite " + suite + ": the gateway does not support it",
            "use one of " + String.join(", ", SUPPORTED) + ", or remove it");
      } else if (firstAt.putIfAbsent(suite, i) != null) {
        out.warning(field, "ignoring duplicate cipher suite " + suite + ", already given at cipherSuites["
            + firstAt.get(suite) + "]", "remove the repeated entry");
      }
    }
  }

  /** Istio's {@code IsValidCipherSuite}. */
  static boolean known(String suite) {
    if (suite.isEmpty() || suite.equals("ALL")) return true;
    // Istio lets through operators such as - + ! and [ unparsed, so that cipher expressions keep working.
    if (!Character.isLetterOrDigit(suite.charAt(0))) return true;
    return SUPPORTED.contains(suite);
  }
}
