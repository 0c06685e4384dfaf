package dev.shipshape.mesh.analysis.internal;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the messages of analyzers as findings. Identical messages on one object are reported once, as Istio's
 * analysis context does.
 */
public final class Reporter {
  private final Set<String> seen = new LinkedHashSet<>();
  private final List<Finding> findings = new ArrayList<>();

  /** Reports a message on an object, with the field it is about (may be empty), the text and how to fix it. */
  public void report(IstioMessage type, MeshObject on, String field, String message, String fix) {
    if (!seen.add(type.code() + "\u0000" + on.origin() + "\u0000" + field + "\u0000" + message)) return;
    Finding.Builder finding = Finding.builder()
        .ruleId(type.ruleId())
        .severity(type.level().severity())
        .addResources(on.ref())
        .message(message)
        .addEquivalents(type.code());
    if (!field.isEmpty()) finding.field(field);
    if (!fix.isEmpty()) finding.remediation(fix);
    findings.add(finding.build());
  }

  public List<Finding> findings() {
    return findings;
  }
}
