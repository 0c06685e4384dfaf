package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules of Istio's validation of a Gateway server's TLS settings, over the server as a tree: the TLS settings a
 * port's protocol takes ({@code validateServer} and {@code ValidateGateway} in istio/istio
 * {@code pkg/config/validation/validation.go}) and the settings themselves ({@code validateTLSOptions} there, as of
 * Istio 1.27). The mode is {@code PASSTHROUGH} when unset, as in Istio's {@code ServerTLSSettings.TLSmode}:
 * <ul>
 *   <li>the port: required, numbered 1 to 65535 (0 on a Unix domain socket), without {@code targetPort} (errors,
 *       {@code validateServerPort});</li>
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

  /** The protocols Istio's {@code protocol.Parse} knows, lower case, and those it serves as HTTP. */
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "grpc", "grpc-web", "http", "http_proxy",
      "http2", "https", "tls", "mongo", "redis", "mysql");
  private static final Set<String> HTTP = Set.of("http", "http2", "http_proxy", "grpc", "grpc-web");
  private static final Set<String> TLS = Set.of("https", "tls");
  private static final String UNIX = "unix://";

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
   * Checks the TLS settings of the Gateway server {@code server} at {@code at} (such as {@code spec.servers[0]}),
   * and whether its protocol takes them. Returns true when the mode reads a certificate from the settings'
   * credentials (neither ISTIO_MUTUAL nor a passthrough mode), so that their credentials are worth checking further.
   */
  public static boolean checkServer(JsonNode server, String at, RuleSink out) {
    JsonNode tls = server.path("tls");
    JsonNode port = server.path("port");
    String protocol = Json.text(port.path("protocol")).toLowerCase(Locale.ROOT);
    if (checkPort(port, Json.text(server.path("bind")), at + ".port", out)) {
      if (TLS.contains(protocol) && !tls.isObject()) {
        out.error(at + ".tls", "server must have TLS settings for HTTPS/TLS protocols",
            "add tls with a mode and a credentialName");
      } else if (HTTP.contains(protocol) && tls.isObject() && (!PASSTHROUGH.contains(mode(tls))
          || Stream.of("caCertificates", "privateKey", "serverCertificate").anyMatch(f -> present(tls.path(f))))) {
        out.error(at + ".tls", "server cannot have TLS settings for plain text HTTP ports", "keep only "
            + "tls.httpsRedirect on a plain-text port, or set port.protocol to HTTPS to terminate TLS on it");
      } else if (!HTTP.contains(protocol) && !TLS.contains(protocol) && tls.isObject()) {
        out.error(at + ".tls", "server cannot have TLS settings for non HTTPS/TLS ports", "remove tls, or set "
            + "port.protocol to TLS (or HTTPS) to serve TLS on the port");
      }
    }
    if (port.isObject() && !HTTP.contains(protocol) && tls.path("httpsRedirect").asBoolean(false)) {
      out.warning(at + ".tls.httpsRedirect", "tls.httpsRedirect should only be used with http servers",
          "remove httpsRedirect here; set it on the plain-text HTTP server whose clients should come to this one");
    }
    return check(tls, at + ".tls", out);
  }

  /**
   * Checks a server's port at {@code at} as Istio's {@code validateServerPort} does, and returns whether it is valid,
   * as only then does Istio check the server's protocol against its TLS settings: a port is required, its number is
   * 1 to 65535 (0 only on a Unix domain socket, {@code bind: unix://...}: "port number %d must be in the range
   * 1..65535"), and a {@code targetPort} is an error ("targetPort has no impact on Gateways"). An unknown protocol or
   * a missing name also makes the port invalid; those are not reported here.
   */
  private static boolean checkPort(JsonNode port, String bind, String at, RuleSink out) {
    if (!port.isObject()) {
      out.error(at, "port is required", "give the server a port with a number, a name and a protocol");
      return false;
    }
    long number = port.path("number").asLong(0);
    boolean numbered = number >= 1 && number <= 65535 || number == 0 && bind.startsWith(UNIX);
    if (!numbered) {
      out.error(at + ".number", "port number " + number + " must be in the range 1..65535",
          "give the port the gateway listens on");
    }
    boolean targeted = port.path("targetPort").asLong(0) > 0;
    if (targeted) {
      out.error(at + ".targetPort", "targetPort has no impact on Gateways", "remove targetPort: the gateway's pods "
          + "listen on port.number, and the Service in front of them maps its own ports to it");
    }
    return numbered && !targeted && PROTOCOLS.contains(Json.text(port.path("protocol")).toLowerCase(Locale.ROOT))
        && !Json.text(port.path("name")).isEmpty();
  }

  /** Checks the server TLS settings at {@code at}; nothing when absent. Returns what {@link #checkServer} returns. */
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
