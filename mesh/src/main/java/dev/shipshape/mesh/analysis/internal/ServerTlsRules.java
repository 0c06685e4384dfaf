package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules of Istio's validation of a Gateway's servers, over the servers as a tree: their ports and bind addresses
 * ({@link ServerPortRules}), the TLS settings a port's protocol takes ({@code validateServer} and
 * {@code ValidateGateway} in istio/istio {@code pkg/config/validation/validation.go}) and the settings themselves
 * ({@code validateTLSOptions} there, as of Istio 1.27). The mode is {@code PASSTHROUGH} when unset, as in Istio's
 * {@code ServerTLSSettings.TLSmode}:
 * <ul>
 *   <li>an HTTPS or TLS port needs TLS settings; a plain-text HTTP port (HTTP, HTTP2, HTTP_PROXY, GRPC, GRPC-WEB)
 *       takes only a passthrough mode without certificate files, which leaves just {@code httpsRedirect} to use;
 *       any other supported protocol takes none (errors, checked only on a valid port, as Istio does);</li>
 *   <li>{@code httpsRedirect} on a server whose protocol is not HTTP is a warning;</li>
 *   <li>the cipher suites and oldest TLS version follow {@link CipherSuites} (warnings);</li>
 *   <li>{@code ISTIO_MUTUAL} serves the proxy's mesh certificate, so Istio refuses a server certificate, private
 *       key, CA bundle, {@code tlsCertificates}, {@code credentialName} or {@code credentialNames} beside it (an
 *       error each);</li>
 *   <li>{@code PASSTHROUGH} and {@code AUTO_PASSTHROUGH} load no certificate: any of them, or a CRL, is a warning
 *       that they will be ignored;</li>
 *   <li>every mode but ISTIO_MUTUAL takes its certificates as {@link ServerCertificateRules} says.</li>
 * </ul>
 * Istio's validation reports every problem of every server of a Gateway together, and so do these rules. Shared by
 * planning ({@code GatewayCredentials}) and the {@code schema.ValidationAnalyzer.Gateway}.
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
   * Checks the servers of a Gateway, {@code servers} being its {@code spec.servers}, each reported at its index
   * ({@code spec.servers[0]}). Returns the indexes, in order, of the servers whose mode reads a certificate from
   * their credentials (neither ISTIO_MUTUAL nor a passthrough mode), so that those credentials are worth checking
   * further.
   */
  public static List<Integer> checkServers(JsonNode servers, RuleSink out) {
    List<Integer> readingCredentials = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      if (checkServer(servers.get(i), "spec.servers[" + i + "]", out)) readingCredentials.add(i);
    }
    ServerPortRules.uniqueNames(servers, out);
    return List.copyOf(readingCredentials);
  }

  /** Checks one server at {@code at}; returns what {@link #check} returns. */
  private static boolean checkServer(JsonNode server, String at, RuleSink out) {
    JsonNode tls = server.path("tls");
    JsonNode port = server.path("port");
    String protocol = Json.text(port.path("protocol"));
    boolean validPort = ServerPortRules.port(server, at, out);
    ServerPortRules.bind(server, at, out);
    if (validPort) {
      if (Protocols.tls(protocol) && !tls.isObject()) {
        out.error(at + ".tls", "server must have TLS settings for HTTPS/TLS protocols",
            "add tls with a mode and a credentialName");
      } else if (Protocols.http(protocol) && tls.isObject() && (!PASSTHROUGH.contains(mode(tls))
          || Stream.of("caCertificates", "privateKey", "serverCertificate").anyMatch(f -> present(tls.path(f))))) {
        out.error(at + ".tls", "server cannot have TLS settings for plain text HTTP ports", "keep only "
            + "tls.httpsRedirect on a plain-text port, or set port.protocol to HTTPS to terminate TLS on it");
      } else if (!Protocols.http(protocol) && !Protocols.tls(protocol) && tls.isObject()) {
        out.error(at + ".tls", "server cannot have TLS settings for non HTTPS/TLS ports", "remove tls, or set "
            + "port.protocol to TLS (or HTTPS) to serve TLS on the port");
      }
    }
    if (port.isObject() && !Protocols.http(protocol) && tls.path("httpsRedirect").asBoolean(false)) {
      out.warning(at + ".tls.httpsRedirect", "tls.httpsRedirect should only be used with http servers",
          "remove httpsRedirect here; set it on the plain-text HTTP server whose clients should come to this one");
    }
    return check(tls, at + ".tls", out);
  }

  /**
   * Checks the server TLS settings at {@code at}; nothing when absent. Returns true when the mode reads a certificate
   * from the settings' credentials.
   */
  private static boolean check(JsonNode tls, String at, RuleSink out) {
    if (!tls.isObject()) return false;
    String mode = mode(tls);
    CipherSuites.check(tls, at, out);
    ServerCertificateRules.lists(tls, at, out);
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
    boolean passthrough = PASSTHROUGH.contains(mode);
    if (passthrough && CERTIFICATE_FIELDS.stream().anyMatch(f -> present(tls.path(f)))) {
      out.warning(at + ".mode", mode + " mode does not use certificates, they will be ignored", "remove the "
          + "certificates from the server, or terminate TLS at the gateway with mode SIMPLE or MUTUAL");
    }
    ServerCertificateRules.check(tls, mode, at, out);
    return !passthrough;
  }

  private static boolean present(JsonNode value) {
    return !Json.text(value).isEmpty() || value.size() > 0;
  }
}
