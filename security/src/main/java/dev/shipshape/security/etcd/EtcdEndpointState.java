package dev.shipshape.security.etcd;

/**
 * What an etcd client endpoint looked like from the network. Only {@link #CLIENT_CERTIFICATE_REQUIRED} is evidence
 * of a protected endpoint: a port that could not be reached proves nothing about the etcd behind it.
 */
public enum EtcdEndpointState {
  /** The connection was refused: nothing listens there (from where the check ran). */
  CLOSED,
  /** The connection was not answered within the timeout (dropped by a firewall, or unreachable). */
  FILTERED,
  /** Something accepted the connection but answered neither as etcd over plain HTTP nor with a TLS handshake. */
  UNRECOGNISED,
  /** etcd answered plain HTTP, without TLS. */
  PLAINTEXT_OPEN,
  /** etcd answered over TLS without asking for a client certificate. */
  TLS_WITHOUT_CLIENT_AUTH,
  /** The TLS server asked for a client certificate and answered nothing without one. */
  CLIENT_CERTIFICATE_REQUIRED;

  /** True when etcd answered without a client certificate. */
  public boolean exposed() {
    return this == PLAINTEXT_OPEN || this == TLS_WITHOUT_CLIENT_AUTH;
  }

  /** True when the check could not tell how the endpoint is protected. */
  public boolean unverified() {
    return this == CLOSED || this == FILTERED || this == UNRECOGNISED;
  }
}
