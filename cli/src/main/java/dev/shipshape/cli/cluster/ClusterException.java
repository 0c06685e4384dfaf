package dev.shipshape.cli.cluster;

/** The cluster cannot be used; the message says why and what to do, on one line. */
public final class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ClusterException(String message) {
    super(message);
  }

  ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
