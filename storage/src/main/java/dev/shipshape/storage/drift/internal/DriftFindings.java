package dev.shipshape.storage.drift.internal;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.storage.drift.RemediationStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects findings and the remediation steps that answer them. */
final class DriftFindings {
  final List<Finding> findings = new ArrayList<>();
  final List<RemediationStep> steps = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  /** Adds a finding. */
  void add(String ruleId, Severity severity, List<ResourceRef> resources, String message, String remediation) {
    findings.add(Finding.builder().ruleId(ruleId).severity(severity).addAllResources(resources).message(message)
        .remediation(remediation).build());
  }

  /** Adds a remediation step; absent commands (a backend without a CLI) are left out. */
  void step(String ruleId, String subject, String action, boolean destructive, List<Optional<String>> commands) {
    RemediationStep.Builder step = RemediationStep.builder().ruleId(ruleId).subject(subject).action(action)
        .destructive(destructive);
    commands.forEach(c -> c.ifPresent(step::addCommands));
    steps.add(step.build());
  }
}
