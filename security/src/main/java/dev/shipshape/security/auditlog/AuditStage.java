package dev.shipshape.security.auditlog;

/** A stage of a request at which the API server can write an audit event. */
public enum AuditStage {
  /** As soon as the request is received, before it is handled. */
  REQUEST_RECEIVED("RequestReceived"),
  /** When the response headers are sent, before the body (long-running requests such as watch only). */
  RESPONSE_STARTED("ResponseStarted"),
  /** When the response is complete. */
  RESPONSE_COMPLETE("ResponseComplete"),
  /** When the handler panicked. */
  PANIC("Panic");

  private final String wireName;

  AuditStage(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the policy file, such as {@code RequestReceived}. */
  public String wireName() {
    return wireName;
  }
}
