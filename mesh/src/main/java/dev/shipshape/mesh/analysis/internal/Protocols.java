package dev.shipshape.mesh.analysis.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Istio's port protocols. The protocol of an Istio object's port (a Gateway server's, a ServiceEntry's) is read by
 * {@code protocol.Parse} in istio/istio {@code pkg/config/protocol/instance.go}: one of {@link #ISTIO} in any case,
 * anything else {@code Unsupported}. A Service port's protocol is selected as {@code ConvertProtocol} in istio/istio
 * {@code pkg/config/kube/conversion.go} selects it ({@link #of}). See
 * https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/.
 *
 * <p>"In any case" is Go's {@code strings.ToLower}, which {@code protocol.Parse} compares with lower-case names: each
 * code point is lowered on its own ({@link Character#toLowerCase(int)}, Unicode's simple case mapping), so that
 * {@code REDİS} is Redis, while {@code httpſ} and {@code redıs}, which upper-case to known names, are unknown.
 */
public final class Protocols {
  /** The protocols {@code protocol.Parse} knows, upper case. */
  public static final List<String> ISTIO = List.of("HTTP", "HTTPS", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY",
      "TCP", "TLS", "UDP", "MONGO", "REDIS", "MYSQL");
  /** The protocols Istio serves as HTTP ({@code Instance.IsHTTP}). */
  private static final Set<String> HTTP = lower(Stream.of("HTTP", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-WEB"));
  /** The protocols on top of TLS ({@code Instance.IsTLS}). */
  private static final Set<String> TLS = lower(Stream.of("HTTPS", "TLS"));
  /** The protocols {@code protocol.Parse} knows, lower case. */
  private static final Set<String> PARSED = lower(ISTIO.stream());
  /** The protocols Kubernetes defines for {@code appProtocol}, as {@code ConvertProtocol} maps them. */
  private static final Map<String, String> KUBERNETES_APP_PROTOCOLS = Map.of(
      "kubernetes.io/h2c", "http2", "kubernetes.io/ws", "http", "kubernetes.io/wss", "https");
  private static final String GRPC_WEB = "grpc-web";
  /** Ports taken as TCP when nothing names their protocol, as sniffing would break them: SMTP, DNS, MySQL, MongoDB. */
  private static final Set<Integer> WELL_KNOWN_PORTS = Set.of(25, 53, 3306, 27017);

  private Protocols() {}

  /** Whether {@code protocol.Parse} knows {@code protocol}: false for an unset one too. */
  public static boolean known(String protocol) {
    return PARSED.contains(fold(protocol));
  }

  /** Whether Istio serves {@code protocol} as HTTP. */
  public static boolean http(String protocol) {
    return HTTP.contains(fold(protocol));
  }

  /** Whether {@code protocol} runs on top of TLS. */
  public static boolean tls(String protocol) {
    return TLS.contains(fold(protocol));
  }

  /** Whether {@code protocol} is UDP, which Istio's proxies do not carry. */
  public static boolean udp(String protocol) {
    return fold(protocol).equals("udp");
  }

  /**
   * The protocol Istio selects for a Service port, lower case, or empty when it is {@code Unsupported} and Istio has
   * to detect it: {@code udp} for a UDP port ({@code transport}, the port's {@code protocol}); else from
   * {@code appProtocol} when it is set, with no second look at the name: a protocol Kubernetes defines, a name
   * starting with {@code grpc-web} in any case, or the part before the first {@code -} as {@code protocol.Parse}
   * reads it ({@code https-x} is HTTPS; {@code hbone} is unknown to it); else the same of the port's name. Port 25,
   * 53, 3306 or 27017 that names no protocol is TCP.
   */
  public static Optional<String> of(int port, String name, String transport, String appProtocol) {
    if (transport.equals("UDP")) return Optional.of("udp");
    if (KUBERNETES_APP_PROTOCOLS.containsKey(appProtocol)) {
      return Optional.of(KUBERNETES_APP_PROTOCOLS.get(appProtocol));
    }
    String selected = appProtocol.isEmpty() ? name : appProtocol;
    if (selected.regionMatches(true, 0, GRPC_WEB, 0, GRPC_WEB.length())) return Optional.of(GRPC_WEB);
    int dash = selected.indexOf('-');
    String prefix = fold(dash < 0 ? selected : selected.substring(0, dash));
    if (PARSED.contains(prefix)) return Optional.of(prefix);
    return WELL_KNOWN_PORTS.contains(port) ? Optional.of("tcp") : Optional.empty();
  }

  /** {@code text} lowered as Go's {@code strings.ToLower} lowers it: code point by code point. */
  static String fold(String text) {
    StringBuilder lower = new StringBuilder(text.length());
    text.codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
    return lower.toString();
  }

  private static Set<String> lower(Stream<String> names) {
    return names.map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }
}
