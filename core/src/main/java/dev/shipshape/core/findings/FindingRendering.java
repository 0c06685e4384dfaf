package dev.shipshape.core.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ResourceRef;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Text, JSON and SARIF renderings of a {@link FindingReport}. */
final class FindingRendering {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private FindingRendering() {}

  static String text(FindingReport report) {
    StringBuilder out = new StringBuilder();
    report.findings().forEach(f -> out.append(f).append('\n'));
    int count = report.findings().size();
    out.append(report.check()).append(": ").append(count).append(count == 1 ? " finding" : " findings");
    Map<Severity, Integer> counts = report.counts();
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)) {
      if (counts.containsKey(s)) out.append(", ").append(counts.get(s)).append(' ').append(s.label());
    }
    if (!report.rules().isEmpty()) out.append(" (").append(report.rules().size()).append(" rules)");
    report.failOn().ifPresent(t -> out.append(report.failed() ? "; FAILED" : "; passed")
        .append(" at --fail-on ").append(t.label()));
    out.append('\n');
    report.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
    return out.toString();
  }

  static String json(FindingReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("check", report.check());
    ArrayNode findings = root.putArray("findings");
    report.findings().forEach(f -> findings.add(finding(f)));
    ObjectNode counts = root.putObject("counts");
    report.counts().forEach((s, n) -> counts.put(s.label(), n));
    if (!report.checked().isEmpty()) {
      ObjectNode checked = root.putObject("checked");
      report.checked().forEach(checked::put);
    }
    ArrayNode notes = root.putArray("notes");
    report.notes().forEach(notes::add);
    report.failOn().ifPresent(t -> root.put("failOn", t.label()));
    root.put("failed", report.failed());
    return write(root);
  }

  static ObjectNode finding(Finding f) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("ruleId", f.ruleId());
    node.put("severity", f.severity().label());
    f.resource().ifPresent(r -> node.set("resource", resource(r)));
    if (f.resources().size() > 1) {
      ArrayNode related = node.putArray("related");
      f.resources().stream().skip(1).forEach(r -> related.add(resource(r)));
    }
    f.field().ifPresent(v -> node.put("field", v));
    node.put("message", f.message());
    f.remediation().ifPresent(v -> node.put("remediation", v));
    ArrayNode equivalents = node.putArray("equivalents");
    f.equivalents().forEach(equivalents::add);
    return node;
  }

  private static ObjectNode resource(ResourceRef r) {
    ObjectNode node = MAPPER.createObjectNode();
    if (!r.group().isEmpty()) node.put("group", r.group());
    node.put("kind", r.kind());
    r.namespace().ifPresent(ns -> node.put("namespace", ns));
    node.put("name", r.name());
    return node;
  }

  static String sarif(FindingReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", SARIF_SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "shipshape " + report.check());
    Map<String, ObjectNode> rules = new LinkedHashMap<>();
    for (FindingRule r : report.rules()) {
      ObjectNode rule = rule(r.id(), r.severity(), Optional.of(r.remediation()));
      rule.putObject("shortDescription").put("text", r.title());
      ArrayNode equivalents = rule.putObject("properties").putArray("equivalents");
      r.equivalents().forEach(equivalents::add);
      rules.put(r.id(), rule);
    }
    report.findings().forEach(f -> rules.computeIfAbsent(f.ruleId(), id -> rule(id, f.severity(), f.remediation())));
    driver.putArray("rules").addAll(rules.values());
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      ObjectNode result = results.addObject();
      result.put("ruleId", f.ruleId());
      result.put("level", level(f.severity()));
      result.putObject("message").put("text", f.message() + f.remediation().map(r -> " — " + r).orElse(""));
      ArrayNode locations = result.putArray("locations");
      f.resources().forEach(r -> {
        ObjectNode logical = locations.addObject().putArray("logicalLocations").addObject();
        logical.put("fullyQualifiedName", r + f.field().map(field -> " " + field).orElse(""));
        logical.put("kind", "resource");
      });
      ObjectNode properties = result.putObject("properties");
      properties.put("severity", f.severity().label());
      ArrayNode equivalents = properties.putArray("equivalents");
      f.equivalents().forEach(equivalents::add);
    }
    if (!report.notes().isEmpty()) {
      ArrayNode notifications = run.putArray("invocations").addObject().put("executionSuccessful", true)
          .putArray("toolExecutionNotifications");
      report.notes().forEach(n -> notifications.addObject().putObject("message").put("text", n));
    }
    return write(root);
  }

  private static ObjectNode rule(String id, Severity severity, Optional<String> remediation) {
    ObjectNode rule = MAPPER.createObjectNode();
    rule.put("id", id);
    rule.putObject("defaultConfiguration").put("level", level(severity));
    remediation.ifPresent(fix -> rule.putObject("help").put("text", fix));
    return rule;
  }

  /** SARIF has three levels: errors for what must be fixed, warnings, and notes. */
  private static String level(Severity severity) {
    switch (severity) {
      case CRITICAL:
      case HIGH:
        return "error";
      case INFO:
        return "note";
      default:
        return "warning";
    }
  }

  private static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
