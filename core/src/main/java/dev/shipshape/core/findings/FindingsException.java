package dev.shipshape.core.findings;

/** Thrown by {@link FindingReport#throwIfFailed()}: a finding reached the report's fail-on severity. */
public final class FindingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient FindingReport report;

  FindingsException(FindingReport report) {
    super(report.check() + " failed at " + report.failOn().map(Severity::label).orElse("?") + ":\n"
        + report.toText());
    this.report = report;
  }

  /** The failed report. */
  public FindingReport report() {
    return report;
  }
}
