package dev.shipshape.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.RenderableReport;
import dev.shipshape.core.findings.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * What {@link ProductionReadiness} found: the findings in the SDK's findings model ({@link #findings()}, check
 * {@code readiness}), and a {@link PitfallScore} per {@link Pitfall} derived from them. Objects first; {@link
 * #toText()} groups the findings by pitfall under a score table, {@link #toJson()} adds the scores and each
 * finding's pitfall to the findings JSON, {@link #toSarif()} carries the scores in the run's properties.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ReadinessReport implements RenderableReport {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The findings, with the rules that ran, how many objects each checked, and notes on what was not checked. */
  public abstract FindingReport findings();

  /** The report of these findings; the scores derive from their rules' check counts and findings. */
  public static ReadinessReport of(FindingReport findings) {
    return ImmutableReadinessReport.builder().findings(findings).build();
  }

  /** One score per pitfall, in {@link Pitfall} order. */
  @Value.Lazy
  public List<PitfallScore> scores() {
    List<PitfallScore> scores = new ArrayList<>();
    for (Pitfall p : Pitfall.values()) {
      int checked = p.rules().stream().mapToInt(r -> findings().checked().getOrDefault(r, 0)).sum();
      List<Finding> mine = findings().findings().stream().filter(f -> p.rules().contains(f.ruleId()))
          .collect(Collectors.toList());
      int gaps = (int) mine.stream().filter(f -> f.severity().isAtLeast(Severity.LOW)).count();
      scores.add(PitfallScore.builder().pitfall(p).checked(checked).gaps(gaps)
          .worst(mine.stream().map(Finding::severity).max(Severity::compareTo)).build());
    }
    return scores;
  }

  /** The score of one pitfall. */
  public PitfallScore score(Pitfall pitfall) {
    return scores().get(pitfall.ordinal());
  }

  /** The findings that count against one pitfall. */
  public List<Finding> findings(Pitfall pitfall) {
    return findings().findings().stream().filter(f -> pitfall.rules().contains(f.ruleId()))
        .collect(Collectors.toList());
  }

  /**
   * True when a finding reaches the fail-on severity: {@link Severity#HIGH} unless {@link #failingAt} chose another.
   */
  public boolean failed() {
    return findings().failed();
  }

  /** This report, failed when a finding reaches {@code threshold}. */
  public ReadinessReport failingAt(Severity threshold) {
    return of(findings().failingAt(threshold));
  }

  /**
   * This report without the findings of the given rules (by id or an equivalent id); rules excluded by id no
   * longer count as checks either, so they leave their pitfall's score.
   */
  public ReadinessReport excluding(Collection<String> ruleIds) {
    Set<String> excluded = Set.copyOf(ruleIds);
    FindingReport without = findings().excluding(ruleIds);
    FindingReport.Builder trimmed = FindingReport.builder().check(without.check())
        .addAllFindings(without.findings()).addAllNotes(without.notes()).failOn(without.failOn())
        .addAllRules(without.rules().stream().filter(r -> !excluded.contains(r.id())).collect(Collectors.toList()));
    without.checked().forEach((id, n) -> {
      if (!excluded.contains(id)) trimmed.putChecked(id, n);
    });
    return of(trimmed.build());
  }

  /**
   * The score table, then each pitfall's findings (worst first) under its name, then the findings report's
   * summary line and notes.
   */
  public String toText() {
    StringBuilder out = new StringBuilder("production readiness\n");
    out.append(String.format(Locale.ROOT, "%-13s %5s  %-6s %6s %5s  %s%n", "PITFALL", "SCORE", "STATUS", "CHECKS",
        "GAPS", "WORST"));
    for (PitfallScore s : scores()) {
      out.append(String.format(Locale.ROOT, "%-13s %5d  %-6s %6d %5d  %s%n", s.pitfall().id(), s.score(),
          s.status(), s.checked(), s.gaps(), s.worst().map(Severity::label).orElse("-")));
    }
    for (Pitfall p : Pitfall.values()) {
      List<Finding> mine = findings(p);
      if (mine.isEmpty()) continue;
      out.append('\n').append(p.id()).append(" — ").append(p.title()).append(":\n");
      mine.forEach(f -> out.append("  ").append(f).append('\n'));
    }
    out.append('\n');
    // The findings report's own text ends with its summary line and notes, after one line per finding.
    String text = findings().toText();
    int skip = findings().findings().size();
    int at = 0;
    for (int i = 0; i < skip; i++) at = text.indexOf('\n', at) + 1;
    return out.append(text.substring(at)).toString();
  }

  /**
   * The findings report's JSON ({@code check}, {@code findings}, {@code counts}, {@code checked}, {@code notes},
   * {@code failed}) with {@code pitfalls} (id, title, score, status, checks, gaps, worst, rules) and each finding's
   * {@code pitfall}.
   */
  public String toJson() {
    ObjectNode root = (ObjectNode) read(findings().toJson());
    JsonNode list = root.path("findings");
    for (int i = 0; i < list.size(); i++) {
      Optional<Pitfall> p = Pitfall.ofRule(findings().findings().get(i).ruleId());
      ((ObjectNode) list.get(i)).put("pitfall", p.map(Pitfall::id).orElse(null));
    }
    root.set("pitfalls", pitfalls());
    return write(root);
  }

  /** The findings report's SARIF 2.1.0 log, with the pitfall scores in the run's {@code properties}. */
  public String toSarif() {
    ObjectNode root = (ObjectNode) read(findings().toSarif());
    ((ObjectNode) root.path("runs").get(0)).putObject("properties").set("pitfalls", pitfalls());
    return write(root);
  }

  private ArrayNode pitfalls() {
    ArrayNode pitfalls = MAPPER.createArrayNode();
    for (PitfallScore s : scores()) {
      ObjectNode node = pitfalls.addObject().put("id", s.pitfall().id()).put("title", s.pitfall().title())
          .put("score", s.score()).put("status", s.status()).put("checks", s.checked()).put("gaps", s.gaps());
      s.worst().ifPresent(w -> node.put("worst", w.label()));
      s.pitfall().rules().forEach(node.putArray("rules")::add);
    }
    return pitfalls;
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("the findings report wrote JSON it cannot read back", e);
    }
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return toText();
  }
}
