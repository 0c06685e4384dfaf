package dev.shipshape.backup.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.ReportFormat;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a restore drill that ran found: the backup it restored, the Restore's final phase, each kind's objects
 * restored against the backup's, what was cleaned up, and the findings (in the SDK's findings model) that say
 * whether the drill passed. Objects first; {@link #toText()} and {@link #toJson()} render it.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class DrillResult {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The schedule drilled, as {@code namespace/name}. */
  public abstract String schedule();

  /** The backup restored: the schedule's newest completed one; empty when there is none. */
  public abstract Optional<String> backup();

  /** The Restore created, as {@code namespace/name} on the cluster restored into. */
  public abstract String restore();

  /** The Restore's last phase seen ({@code Completed}, {@code PartiallyFailed}, …); empty when none was created. */
  public abstract Optional<String> restorePhase();

  /** Per kind and namespace, the backed-up objects restored; empty when the backup's contents were not read. */
  public abstract List<RestoredKind> kinds();

  /** The objects deleted after the drill, such as {@code Namespace shop-drill}. */
  public abstract List<String> cleanedUp();

  /** The drill's findings: its checks, failed at {@code high}. */
  public abstract FindingReport findings();

  public static Builder builder() {
    return ImmutableDrillResult.builder();
  }

  /** True when no finding reaches the report's fail-on severity. */
  public boolean passed() {
    return !findings().failed();
  }

  /** The drill in {@code format}: text, JSON, or the findings alone as SARIF. */
  public String render(ReportFormat format) {
    switch (format) {
      case JSON:
        return toJson();
      case SARIF:
        return findings().toSarif();
      default:
        return toText();
    }
  }

  /** The backup and restore, a line per kind, the cleanup, then the findings. */
  public String toText() {
    StringBuilder text = new StringBuilder("Restore drill of Schedule ").append(schedule()).append('\n');
    text.append("  backup:  ").append(backup().orElse("(none)")).append('\n');
    text.append("  restore: ").append(restore()).append(restorePhase().map(p -> " " + p).orElse(" (not created)"))
        .append('\n');
    for (RestoredKind k : kinds()) {
      text.append("  ").append(k.kind()).append(' ').append(k.namespace()).append(" -> ").append(k.scratchNamespace())
          .append(": ").append(k.restored()).append('/').append(k.expected()).append(" restored");
      if (!k.missing().isEmpty()) text.append(", missing ").append(String.join(", ", k.missing()));
      text.append('\n');
    }
    if (!cleanedUp().isEmpty()) text.append("  cleaned up: ").append(String.join(", ", cleanedUp())).append('\n');
    return text.append(findings().toText()).toString();
  }

  /**
   * A JSON object with {@code schedule}, {@code backup}, {@code restore}, {@code restorePhase}, {@code kinds} (each
   * with {@code apiVersion}, {@code kind}, {@code namespace}, {@code scratchNamespace}, {@code expected}, {@code
   * restored}, {@code missing}), {@code cleanedUp}, {@code passed} and {@code findings} (the report's JSON).
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("schedule", schedule());
    backup().ifPresent(b -> root.put("backup", b));
    root.put("restore", restore());
    restorePhase().ifPresent(p -> root.put("restorePhase", p));
    ArrayNode kinds = root.putArray("kinds");
    for (RestoredKind k : kinds()) {
      ObjectNode node = kinds.addObject().put("apiVersion", k.apiVersion()).put("kind", k.kind())
          .put("namespace", k.namespace()).put("scratchNamespace", k.scratchNamespace())
          .put("expected", k.expected()).put("restored", k.restored());
      k.missing().forEach(node.putArray("missing")::add);
    }
    cleanedUp().forEach(root.putArray("cleanedUp")::add);
    root.put("passed", passed());
    try {
      root.set("findings", JSON.readTree(findings().toJson()));
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This result with {@code findings} (such as the findings without excluded rules, failed at a severity). */
  public DrillResult withFindings(FindingReport findings) {
    return ImmutableDrillResult.builder().from(this).findings(findings).build();
  }

  @Override
  public String toString() {
    return toText();
  }

  /** Builds a {@link DrillResult}; schedule, restore and findings are required. */
  public interface Builder {
    Builder schedule(String schedule);

    Builder backup(String backup);

    Builder restore(String restore);

    Builder restorePhase(String phase);

    Builder addAllKinds(Iterable<? extends RestoredKind> kinds);

    Builder addAllCleanedUp(Iterable<String> objects);

    Builder findings(FindingReport findings);

    DrillResult build();
  }
}
