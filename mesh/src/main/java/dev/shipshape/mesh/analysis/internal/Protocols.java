package dev.shipshape.mesh.analysis.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Istio's protocol selection for Service ports: {@code appProtocol} first, then the port name's prefix before the
 * first {@code -} ({@code http-web} is HTTP). See https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/.
 */
public final class Protocols {
  private static final Set<String> KNOWN = Set.of(
      "http", "https", "http2", "grpc", "grpc-web", "tcp", "tls", "udp", "mongo", "redis", "mysql", "hbone");
  private static final Map<String, String> KUBERNETES_APP_PROTOCOLS = Map.of(
      "kubernetes.io/h2c", "http2", "kubernetes.io/ws", "http", "kubernetes.io/wss", "https");

  private Protocols() {}

  /** The protocol Istio selects for a port, or empty when neither appProtocol nor the name names one. */
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
