package dev.shipshape.mesh.analysis.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Istio's port protocols. The protocol of an Istio object's port (a Gateway server's, a ServiceEntry's) is read by
 * {@code protocol.Parse} in istio/istio {@code pkg/config/protocol/instance.go}: one of {@link #ISTIO} in any case,
 * anything else {@code Unsupported}. A Service port's protocol is selected from {@code appProtocol} first, then the
 * port name's prefix before the first {@code -} ({@code http-web} is HTTP). See
 * https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/.
 */
public final class Protocols {
  /** The protocols {@code protocol.Parse} knows, upper case. */
  public static final List<String> ISTIO = List.of("HTTP", "HTTPS", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY",
      "TCP", "TLS", "UDP", "MONGO", "REDIS", "MYSQL");
  /** The protocols Istio serves as HTTP ({@code Instance.IsHTTP}). */
  private static final Set<String> HTTP = Set.of("HTTP", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-WEB");
  /** The protocols on top of TLS ({@code Instance.IsTLS}). */
  private static final Set<String> TLS = Set.of("HTTPS", "TLS");

  private static final Set<String> KNOWN = Set.of(
      "http", "https", "http2", "grpc", "grpc-web", "tcp", "tls", "udp", "mongo", "redis", "mysql", "hbone");
  private static final Map<String, String> KUBERNETES_APP_PROTOCOLS = Map.of(
      "kubernetes.io/h2c", "http2", "kubernetes.io/ws", "http", "kubernetes.io/wss", "https");

  private Protocols() {}

  /** Whether {@code protocol.Parse} knows {@code protocol}: false for an unset one too. */
  public static boolean known(String protocol) {
    return ISTIO.contains(protocol.toUpperCase(Locale.ROOT));
  }

  /** Whether Istio serves {@code protocol} as HTTP. */
  public static boolean http(String protocol) {
    return HTTP.contains(protocol.toUpperCase(Locale.ROOT));
  }

  /** Whether {@code protocol} runs on top of TLS. */
  public static boolean tls(String protocol) {
    return TLS.contains(protocol.toUpperCase(Locale.ROOT));
  }

  /** The protocol Istio selects for a Service port, or empty when neither appProtocol nor the name names one. */
  public static Optional<String> of(String name, String appProtocol) {
    if (!appProtocol.isEmpty()) {
      String p = KUBERNETES_APP_PROTOCOLS.getOrDefault(appProtocol, appProtocol.toLowerCase(Locale.ROOT));
      if (KNOWN.contains(p)) return Optional.of(p);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (KNOWN.contains(lower)) return Optional.of(lower);
    int dash = lower.indexOf('-');
    String prefix = dash < 0 ? lower : lower.substring(0, dash);
    if (lower.startsWith("grpc-web")) return Optional.of("grpc-web");
    return KNOWN.contains(prefix) ? Optional.of(prefix) : Optional.empty();
  }
}
