package dev.shipshape.storage.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import java.io.UncheckedIOException;
import java.util.List;
import org.immutables.value.Value;

/**
 * What to patch, delete or review to resolve drift, step by step, with the commands to do it. Shipshape never runs
 * them: a user reviews the plan and applies the steps they agree with, non-destructive ones (review, detach) first.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RemediationPlan {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Non-destructive steps first, then destructive ones, each group in finding order. */
  public abstract List<RemediationStep> steps();

  public static RemediationPlan of(List<RemediationStep> steps) {
    List<RemediationStep> ordered = new java.util.ArrayList<>(steps);
    ordered.sort(java.util.Comparator.comparing(RemediationStep::destructive));
    return ImmutableRemediationPlan.builder().steps(ordered).build();
  }

  public boolean isEmpty() {
    return steps().isEmpty();
  }

  /** Numbered steps, destructive ones marked, each with its commands indented below. */
  public String toText() {
    if (steps().isEmpty()) return "Remediation plan: nothing to do." + System.lineSeparator();
    StringBuilder text = new StringBuilder("Remediation plan (review every step; nothing has been run):")
        .append(System.lineSeparator());
    int n = 1;
    for (RemediationStep step : steps()) {
      text.append(n++).append(". ").append(step.destructive() ? "[destructive] " : "").append(step.subject())
          .append(" (").append(step.ruleId()).append("): ").append(step.action()).append(System.lineSeparator());
      for (String command : step.commands()) text.append("     $ ").append(command).append(System.lineSeparator());
    }
    return text.toString();
  }

  /** {@code {"steps": [{"ruleId", "subject", "action", "destructive", "commands": [...]}]}}. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode steps = root.putArray("steps");
    for (RemediationStep step : steps()) {
      ObjectNode node = steps.addObject().put("ruleId", step.ruleId()).put("subject", step.subject())
          .put("action", step.action()).put("destructive", step.destructive());
      step.commands().forEach(node.putArray("commands")::add);
    }
    try {
      return JSON.writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
