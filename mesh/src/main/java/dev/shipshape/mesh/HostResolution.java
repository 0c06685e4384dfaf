package dev.shipshape.mesh;

/**
 * How the sidecar finds the addresses of an {@link ExternalHost}, as Istio's {@code ServiceEntry.resolution}
 * (https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-Resolution).
 */
public enum HostResolution {
  /** No resolution: connections go to the address the client asked for. The default for a wildcard host. */
  NONE,
  /** The endpoints' IP addresses, given with {@code ExternalHost.endpoints(...)}. */
  STATIC,
  /** The host (or the endpoints' names) resolved by DNS, connections spread over every address returned. */
  DNS,
  /** The host (or its one endpoint) resolved by DNS, connections made to the first address returned. */
  DNS_ROUND_ROBIN
}
