package dev.shipshape.security.audit;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One audit rule: its description and the check that records what it applied to and what failed. */
abstract class AuditRule {
  private final FindingRule info;

  protected AuditRule(String id, Severity severity, String title, String remediation, String... equivalents) {
    this.info = FindingRule.builder().id(id).severity(severity).title(title).remediation(remediation)
        .addEquivalents(equivalents).build();
  }

  FindingRule info() {
    return info;
  }

  /** Why the rule cannot run with this input, such as missing data; empty when it can. */
  Optional<String> skipReason(AuditInput input) {
    return Optional.empty();
  }

  /** Checks the input; calls {@link Results#applied} for every object checked and {@link Results#fail} per finding. */
  abstract void check(AuditInput input, Results results);

  /** What one rule found on one input. */
  static final class Results {
    private final FindingRule info;
    private int applied;
    private final List<Finding> findings = new ArrayList<>();

    Results(FindingRule info) {
      this.info = info;
    }

    void applied() {
      applied++;
    }

    void fail(ResourceRef resource, String field, String message) {
      fail(Optional.ofNullable(resource), field, message, info.severity());
    }

    void fail(Optional<ResourceRef> resource, String field, String message, Severity severity) {
      Finding.Builder f = Finding.builder().ruleId(info.id()).severity(severity)
          .message(message).remediation(info.remediation()).addAllEquivalents(info.equivalents());
      resource.ifPresent(f::addResources);
      if (field != null) f.field(field);
      findings.add(f.build());
    }

    int appliedCount() {
      return applied;
    }

    List<Finding> findings() {
      return findings;
    }
  }

  /** Runs this rule. */
  Results run(AuditInput input) {
    Results results = new Results(info);
    check(input, results);
    return results;
  }
}
