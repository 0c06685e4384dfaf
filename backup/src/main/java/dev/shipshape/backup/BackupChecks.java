package dev.shipshape.backup;

import dev.shipshape.backup.internal.BackupFindings;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a spec's backup configuration without a cluster: plans the spec (which runs every component's
 * validation, the backup components' included) and turns the problems into a {@link FindingReport} (rule {@code backup-spec}). Combine it
 * with a live check:
 *
 * <pre>{@code
 * FindingReport report = BackupChecks.validate(spec).plus(VeleroPreflight.against(client).run());
 * System.out.println(report.toText());
 * }</pre>
 */
public final class BackupChecks {
  private BackupChecks() {}

  /** Every problem of the spec as a finding, and a passing finding counting its Velero objects when valid. */
  public static FindingReport validate(ClusterSpec spec) {
    List<Finding> findings = new ArrayList<>();
    try {
      Plan plan = spec.plan();
      plan.warnings().forEach(p -> findings.add(Finding.of("backup-spec", p)));
      long velero = plan.resources().stream().filter(r -> r.ref().group().equals(Velero.GROUP)).count();
      findings.add(BackupFindings.pass("spec", "ClusterSpec " + spec.name(), "valid, with " + velero + " Velero "
          + (velero == 1 ? "object" : "objects")));
    } catch (SpecValidationException e) {
      e.problems().forEach(p -> findings.add(Finding.of("backup-spec", p)));
    }
    return BackupFindings.report(findings);
  }
}
