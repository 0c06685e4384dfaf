package dev.shipshape.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The findings of backup checks, from {@link BackupChecks#validate} (the spec) and
 * {@link dev.shipshape.backup.preflight.VeleroPreflight} (a live cluster), in the order they were made; render it
 * with {@link #toText()} for people or {@link #toJson()} for tools, or combine two with {@link #plus}.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class BackupReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public abstract List<Finding> findings();

  public static BackupReport of(List<Finding> findings) {
    return builder().addAllFindings(findings).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** This report's findings followed by {@code other}'s. */
  public BackupReport plus(BackupReport other) {
    return builder().from(this).addAllFindings(other.findings()).build();
  }

  /** True when no finding failed. */
  public boolean passed() {
    return count(FindingStatus.FAIL) == 0;
  }

  public List<Finding> withStatus(FindingStatus status) {
    return findings().stream().filter(f -> f.status() == status).collect(Collectors.toList());
  }

  public long count(FindingStatus status) {
    return findings().stream().filter(f -> f.status() == status).count();
  }

  /** A summary line, then one line per finding, failures first, each followed by its remediation. */
  public String toText() {
    StringBuilder text = new StringBuilder("Backup check: ").append(passed() ? "passed" : "FAILED").append(" (")
        .append(count(FindingStatus.FAIL)).append(" failed, ").append(count(FindingStatus.WARN))
        .append(" warnings, ").append(count(FindingStatus.PASS)).append(" passed)\n");
    for (FindingStatus status : List.of(FindingStatus.FAIL, FindingStatus.WARN, FindingStatus.PASS)) {
      for (Finding f : withStatus(status)) {
        text.append(String.format("%-4s %-16s %s: %s%n", f.status(), f.check(), f.subject(), f.message()));
        f.remediation().ifPresent(r -> text.append("     fix: ").append(r).append('\n'));
      }
    }
    return text.toString();
  }

  /** {@code {"passed": …, "failed": n, "warnings": n, "findings": [{check, status, subject, message, remediation}]}}. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("passed", passed());
    root.put("failed", count(FindingStatus.FAIL));
    root.put("warnings", count(FindingStatus.WARN));
    ArrayNode findings = root.putArray("findings");
    for (Finding f : findings()) {
      ObjectNode node = findings.addObject();
      node.put("check", f.check());
      node.put("status", f.status().name());
      node.put("subject", f.subject());
      node.put("message", f.message());
      f.remediation().ifPresent(r -> node.put("remediation", r));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the report as JSON", e);
    }
  }

  @Override
  public String toString() {
    return toText();
  }

  /** Builds {@link BackupReport}s. */
  public static final class Builder extends ImmutableBackupReport.Builder {}
}
