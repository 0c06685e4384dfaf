package dev.shipshape.storage.drift;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.FindingReport;
import org.immutables.value.Value;

/** The result of a drift detection: the findings, and the remediation plan that resolves them. */
@Value.Immutable
@ShipshapeStyle
public abstract class StorageDrift {

  /** The findings, in core's model: render with {@code toText()}, {@code toJson()} or {@code toSarif()}. */
  public abstract FindingReport report();

  public abstract RemediationPlan remediation();

  public static StorageDrift of(FindingReport report, RemediationPlan remediation) {
    return ImmutableStorageDrift.builder().report(report).remediation(remediation).build();
  }
}
