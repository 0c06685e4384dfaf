package dev.shipshape.security.auditlog;

/** How much of a request the API server writes to its audit log. */
public enum AuditLevel {
  /** Nothing: the request is not logged. */
  NONE("None"),
  /** Who asked what and the answer's status; no request or response body. */
  METADATA("Metadata"),
  /** Metadata and the request body. */
  REQUEST("Request"),
  /** Metadata, the request body and the response body. */
  REQUEST_RESPONSE("RequestResponse");

  private final String wireName;

  AuditLevel(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the policy file, such as {@code RequestResponse}. */
  public String wireName() {
    return wireName;
  }

  /** True when request bodies are logged (and, at {@link #REQUEST_RESPONSE}, response bodies). */
  public boolean logsBodies() {
    return this == REQUEST || this == REQUEST_RESPONSE;
  }
}
