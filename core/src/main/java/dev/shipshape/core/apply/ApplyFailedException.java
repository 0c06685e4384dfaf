package dev.shipshape.core.apply;

import java.util.stream.Collectors;

/** Thrown by {@link ApplyReport#throwIfFailed()}: the message lists every failed and skipped object. */
public final class ApplyFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ApplyReport report;

  public ApplyFailedException(ApplyReport report) {
    super("apply of " + report.specName() + " failed:\n" + report.results().stream()
        .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.NOT_ATTEMPTED)
        .map(r -> "  " + r)
        .collect(Collectors.joining("\n")));
    this.report = report;
  }

  public ApplyReport report() {
    return report;
  }
}
