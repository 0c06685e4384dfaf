package dev.shipshape.readiness;

import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.security.audit.SecurityAudit;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pitfalls the security audit already checks, run by the audit itself: requests, limits and probes, mutable
 * image tags, default-deny NetworkPolicies, over-broad RBAC, deprecated API versions and the support window. Only
 * the audit rules a {@link Pitfall} names run; their ids, severities and equivalents stay the audit's.
 */
final class AuditChecks {
  private AuditChecks() {}

  static FindingReport run(ReadinessInput input, KubernetesVersion newest) {
    SecurityAudit all = SecurityAudit.builder().build();
    Set<String> wanted = Arrays.stream(Pitfall.values()).flatMap(p -> p.rules().stream())
        .collect(Collectors.toSet());
    String[] mine = all.rules().stream().map(FindingRule::id).filter(wanted::contains).toArray(String[]::new);
    return SecurityAudit.builder().only(mine).targetVersion(input.version()).newestVersion(newest).build()
        .run(input.objects());
  }
}
