package dev.shipshape.readiness;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import java.util.HashMap;
import java.util.Map;

/** Collects what readiness rules found into a {@link FindingReport}: rules, checks made per rule, findings, notes. */
final class Outcome {
  private final FindingReport.Builder report = FindingReport.builder().check("readiness")
      .failOn(Severity.HIGH);
  private final Map<String, FindingRule> rules = new HashMap<>();
  private final Map<String, Integer> checked = new HashMap<>();

  /** Declares a rule that ran, with no check counted yet. */
  Outcome rule(FindingRule rule) {
    rules.put(rule.id(), rule);
    report.addRules(rule);
    checked.putIfAbsent(rule.id(), 0);
    return this;
  }

  /** Counts one check of a rule. */
  void checked(FindingRule rule) {
    checked.merge(rule.id(), 1, Integer::sum);
  }

  /** A finding of {@code rule} at the rule's severity, about {@code resource} (or the whole input when null). */
  void fail(FindingRule rule, ResourceRef resource, String field, String message) {
    fail(rule, rule.severity(), resource, field, message);
  }

  /** A finding of {@code rule} at {@code severity}. */
  void fail(FindingRule rule, Severity severity, ResourceRef resource, String field, String message) {
    fail(rule, severity, resource, field, message, rule.remediation());
  }

  /** A finding of {@code rule} at {@code severity} with its own remediation instead of the rule's. */
  void fail(FindingRule rule, Severity severity, ResourceRef resource, String field, String message,
      String remediation) {
    Finding.Builder f = Finding.builder().ruleId(rule.id()).severity(severity).message(message)
        .remediation(remediation).addAllEquivalents(rule.equivalents());
    if (resource != null) f.addResources(resource);
    if (field != null) f.field(field);
    report.addFindings(f.build());
  }

  /** A finding made elsewhere, such as by another module's check. */
  void add(Finding finding) {
    report.addFindings(finding);
  }

  void note(String note) {
    report.addNotes(note);
  }

  FindingReport report() {
    checked.forEach(report::putChecked);
    return report.build();
  }

  /** A rule description. */
  static FindingRule rule(String id, Severity severity, String title, String remediation,
      String... equivalents) {
    return FindingRule.builder().id(id).severity(severity).title(title).remediation(remediation)
        .addEquivalents(equivalents).build();
  }
}
