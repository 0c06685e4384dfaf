package dev.shipshape.readiness;

import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.security.audit.SecurityAudit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every readiness check, run over one input into one report of check {@code readiness}. */
final class Checks {
  private Checks() {}

  /** Runs every check but the add-on versions (which need a live cluster). */
  static FindingReport run(ReadinessInput input, KubernetesVersion newest, Outcome out) {
    AvailabilityChecks.run(input, out);
    ImageDigestCheck.run(input, out);
    BackupCheck.run(input, out);
    EncryptionCheck.run(input, out);
    AuditLogCheck.run(input, out);
    KubeProxyCheck.run(input, out);
    MonitoringCheck.run(input, out);
    FindingReport audit = AuditChecks.run(input, newest);
    return out.report().plus(audit);
  }

  /** Every rule, in pitfall order. */
  static List<FindingRule> rules() {
    List<FindingRule> rules = new ArrayList<>(List.of(AvailabilityChecks.SINGLE, AvailabilityChecks.NO_PDB,
        AvailabilityChecks.BLOCKING, AvailabilityChecks.SPREAD, ImageDigestCheck.RULE, BackupCheck.COVERAGE,
        BackupCheck.OFF_CLUSTER, EncryptionCheck.RULE, AuditLogCheck.RULE, AuditPolicyCoverage.RULE,
        KubeProxyCheck.RULE, MonitoringCheck.MISSING, MonitoringCheck.UNWATCHED, AddOnVersions.RULE));
    SecurityAudit.builder().build().rules().stream().filter(r -> Pitfall.ofRule(r.id()).isPresent())
        .forEach(rules::add);
    rules.sort(Comparator.comparing(r -> Pitfall.ofRule(r.id()).get()));
    return rules;
  }
}
