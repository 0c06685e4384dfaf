package dev.shipshape.security.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.internal.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The result of a {@link SecurityAudit}: findings worst first, the rules that ran with the number of objects each
 * applied to, and notes on rules that were skipped and why. Text for people, JSON for tools.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class AuditReport {

  /** Sorted by severity (worst first), then rule and resource. */
  public abstract List<Finding> findings();

  public abstract List<RuleInfo> rules();

  /** The number of objects (or clusters) each rule applied to, by rule id. */
  public abstract Map<String, Integer> checked();

  /** Rules that did not run, with the reason, such as a missing deprecation data file. */
  public abstract List<String> notes();

  /** The severity at and above which the report counts as failed, if one was chosen. */
  public abstract Optional<Severity> failOn();

  public static Builder builder() {
    return new Builder();
  }

  /** The findings of one rule. */
  public List<Finding> findings(String ruleId) {
    return findings().stream().filter(f -> f.ruleId().equals(ruleId)).collect(Collectors.toList());
  }

  /** The worst severity found. */
  public Optional<Severity> worst() {
    return findings().stream().map(Finding::severity).max(Comparator.naturalOrder());
  }

  /** True when a finding is at or above {@code threshold}. */
  public boolean hasFindingsAtLeast(Severity threshold) {
    return worst().filter(w -> w.isAtLeast(threshold)).isPresent();
  }

  /** True when a fail-on severity was chosen and a finding reaches it. */
  public boolean failed() {
    return failOn().filter(this::hasFindingsAtLeast).isPresent();
  }

  /** Throws {@link AuditFailedException} when {@link #failed()}; otherwise returns this report. */
  public AuditReport throwIfFailed() {
    if (failed()) throw new AuditFailedException(this);
    return this;
  }

  /** One line per finding, then a summary and the notes. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    findings().forEach(f -> out.append(f).append('\n'));
    Map<Severity, Long> counts = findings().stream()
        .collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
    out.append(findings().size()).append(findings().size() == 1 ? " finding" : " findings");
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      if (counts.containsKey(s)) out.append(", ").append(counts.get(s)).append(' ').append(s.label());
    }
    out.append(" (").append(rules().size()).append(" rules)");
    failOn().ifPresent(t -> out.append(failed() ? "; FAILED" : "; passed").append(" at --fail-on ").append(
        t.label()));
    out.append('\n');
    notes().forEach(n -> out.append("note: ").append(n).append('\n'));
    return out.toString();
  }

  public String toJson() {
    ObjectNode root = Json.object();
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings()) {
      ObjectNode node = list.addObject();
      node.put("rule", f.ruleId()).put("severity", f.severity().label());
      f.resource().ifPresent(r -> node.set("resource", Json.ref(r)));
      f.field().ifPresent(x -> node.put("field", x));
      node.put("message", f.message()).put("remediation", f.remediation());
      f.equivalents().forEach(node.putArray("equivalents")::add);
    }
    ObjectNode checkedNode = root.putObject("checked");
    checked().forEach(checkedNode::put);
    notes().forEach(root.putArray("notes")::add);
    failOn().ifPresent(t -> root.put("failOn", t.label()).put("failed", failed()));
    return Json.write(root);
  }

  @Override
  public String toString() {
    return toText();
  }

  /** Builds {@link AuditReport}s. */
  public static final class Builder extends ImmutableAuditReport.Builder {}
}
