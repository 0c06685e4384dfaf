package dev.shipshape.security.audit;

/** Thrown when an audit finds something at or above its fail-on severity; carries the whole report. */
public final class AuditFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient AuditReport report;

  public AuditFailedException(AuditReport report) {
    super("security audit failed:\n" + report.toText());
    this.report = report;
  }

  public AuditReport report() {
    return report;
  }
}
