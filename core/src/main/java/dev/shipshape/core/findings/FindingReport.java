package dev.shipshape.core.findings;

import dev.shipshape.core.ShipshapeStyle;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The findings of one check (audit, backup check, mesh analysis, storage drift, readiness, …), worst first, with
 * notes on what could not be checked, and the severity at which it counts as failed. Objects first; {@link
 * #toText()}, {@link #toJson()} and {@link #toSarif()} render it for people, tools and code-scanning UIs.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class FindingReport implements RenderableReport {

  /** The check that produced the report, such as {@code audit} or {@code storage drift}; names the SARIF tool. */
  public abstract String check();

  /** The findings, worst first (see {@link Finding#compareTo}), whatever order they were added in. */
  public abstract List<Finding> findings();

  /** The rules that ran, in the check's order; empty when the check does not describe its rules. */
  public abstract List<FindingRule> rules();

  /** The number of objects each rule applied to, by rule id; empty when the check does not count them. */
  public abstract Map<String, Integer> checked();

  /** What could not be checked, and why. */
  public abstract List<String> notes();

  /**
   * The severity at and above which the report counts as failed, if one was chosen. Every check of the SDK chooses
   * one ({@link Severity#HIGH} unless configured otherwise), so that {@link #failed()} and {@link #throwIfFailed()}
   * work as a gate on its report as it comes; a report built without one never fails.
   */
  public abstract Optional<Severity> failOn();

  public static Builder builder() {
    return ImmutableFindingReport.builder();
  }

  @Value.Check
  FindingReport sorted() {
    List<Finding> sorted = findings().stream().sorted().collect(Collectors.toList());
    return sorted.equals(findings()) ? this : builder().from(this).findings(sorted).build();
  }

  /** The findings of one rule. */
  public List<Finding> findings(String ruleId) {
    return findings().stream().filter(f -> f.ruleId().equals(ruleId)).collect(Collectors.toList());
  }

  /** The worst severity found. */
  public Optional<Severity> worst() {
    return findings().stream().map(Finding::severity).max(Comparator.naturalOrder());
  }

  /** The number of findings per severity, worst first, only severities that occur. */
  public Map<Severity, Integer> counts() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    return counts;
  }

  /** True when a finding is at or above {@code threshold}. */
  public boolean hasFindingsAtLeast(Severity threshold) {
    return worst().filter(w -> w.isAtLeast(threshold)).isPresent();
  }

  /** True when a fail-on severity was chosen and a finding reaches it. */
  public boolean failed() {
    return failOn().filter(this::hasFindingsAtLeast).isPresent();
  }

  /** This report without the findings of the given rules (matched by rule id or by an equivalent id). */
  public FindingReport excluding(Collection<String> ruleIds) {
    Set<String> excluded = Set.copyOf(ruleIds);
    return builder().from(this).findings(findings().stream()
        .filter(f -> !excluded.contains(f.ruleId()) && f.equivalents().stream().noneMatch(excluded::contains))
        .collect(Collectors.toList())).build();
  }

  /**
   * This report with {@code other}'s findings, rules, counts and notes added, such as a spec check and a live
   * check of the same module; the check name is this report's, the fail-on severity this one's or else the other's.
   */
  public FindingReport plus(FindingReport other) {
    return builder().from(this).addAllFindings(other.findings()).addAllRules(other.rules())
        .putAllChecked(other.checked()).addAllNotes(other.notes()).failOn(failOn().or(other::failOn)).build();
  }

  /** This report, failed when a finding reaches {@code threshold}. */
  public FindingReport failingAt(Severity threshold) {
    return builder().from(this).failOn(threshold).build();
  }

  /** Throws {@link FindingsException} when {@link #failed()}; otherwise returns this report. */
  public FindingReport throwIfFailed() {
    if (failed()) throw new FindingsException(this);
    return this;
  }

  /** One line per finding, then a summary line and the notes. */
  public String toText() {
    return FindingRendering.text(this);
  }

  /**
   * A JSON object with {@code check}, {@code findings}, {@code counts}, {@code checked} (when counted), {@code
   * notes} and {@code failed}.
   */
  public String toJson() {
    return FindingRendering.json(this);
  }

  /** A SARIF 2.1.0 log with one run, its rules and one result per finding. */
  public String toSarif() {
    return FindingRendering.sarif(this);
  }

  @Override
  public String toString() {
    return toText();
  }

  /** Builds a {@link FindingReport}; the check name is required. */
  public interface Builder {
    Builder from(FindingReport report);

    Builder check(String check);

    Builder addFindings(Finding finding);

    Builder addAllFindings(Iterable<? extends Finding> findings);

    Builder findings(Iterable<? extends Finding> findings);

    Builder addRules(FindingRule rule);

    Builder addAllRules(Iterable<? extends FindingRule> rules);

    Builder putChecked(String ruleId, int objects);

    Builder putAllChecked(Map<String, ? extends Integer> checked);

    Builder addNotes(String note);

    Builder addAllNotes(Iterable<String> notes);

    Builder failOn(Severity threshold);

    Builder failOn(Optional<? extends Severity> threshold);

    FindingReport build();
  }
}
