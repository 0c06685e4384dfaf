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
 * anything else {@code Unsupported}. A Service port's protocol is selected from {@code appProtocol} first, then the
 * port name's prefix before the first {@code -} ({@code http-web} is HTTP). See
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
  /** The protocols a Service port's name or appProtocol may select: those of Parse, and Istio's HBONE tunnel. */
  private static final Set<String> SERVICE_PORT = lower(Stream.concat(ISTIO.stream(), Stream.of("HBONE")));
  private static final Map<String, String> KUBERNETES_APP_PROTOCOLS = Map.of(
      "kubernetes.io/h2c", "http2", "kubernetes.io/ws", "http", "kubernetes.io/wss", "https");

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

  /** The protocol Istio selects for a Service port, or empty when neither appProtocol nor the name names one. */
  public static Optional<String> of(String name, String appProtocol) {
    if (!appProtocol.isEmpty()) {
      String p = KUBERNETES_APP_PROTOCOLS.getOrDefault(appProtocol, fold(appProtocol));
      if (SERVICE_PORT.contains(p)) return Optional.of(p);
    }
    String lower = fold(name);
    if (SERVICE_PORT.contains(lower)) return Optional.of(lower);
    int dash = lower.indexOf('-');
    String prefix = dash < 0 ? lower : lower.substring(0, dash);
    if (lower.startsWith("grpc-web")) return Optional.of("grpc-web");
    return SERVICE_PORT.contains(prefix) ? Optional.of(prefix) : Optional.empty();
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
