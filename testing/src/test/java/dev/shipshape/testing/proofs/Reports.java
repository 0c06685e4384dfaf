package dev.shipshape.testing.proofs;

import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.ResourceResult;

/** Looking results up in apply reports. */
final class Reports {
  private Reports() {}

  /** The result of the report's first object of this kind; fails with the report when there is none. */
  static ResourceResult resultOf(ApplyReport report, String kind) {
    return report.results().stream().filter(r -> r.ref().kind().equals(kind)).findFirst().orElseThrow(
        () -> new AssertionError("no " + kind + " in " + report.toText()));
  }
}
