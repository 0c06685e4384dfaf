package dev.shipshape.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PrometheusRules of a plan as rule files in Prometheus' own format ({@code groups:} at the top), which
 * {@code promtool check rules} checks and a Prometheus without the operator loads through {@code rule_files}.
 * Only the fields Prometheus 2.42's rule format knows are written (the operator's {@code partial_response_strategy}
 * is for Thanos and is dropped), so Prometheus' strict loader accepts the file.
 */
public final class RuleFiles {
  private static final List<String> GROUP_FIELDS = List.of("name", "interval", "limit");
  private static final List<String> RULE_FIELDS = List.of("record", "alert", "expr", "for", "keep_firing_for",
      "labels", "annotations");

  private RuleFiles() {}

  /** One file per PrometheusRule, named {@code <namespace>-<name>.rules.yaml}, in plan order. */
  public static Map<String, String> of(Plan plan) {
    Map<String, String> files = new LinkedHashMap<>();
    for (PlannedResource r : plan.resources()) {
      if (r.ref().group().equals("monitoring.coreos.com") && r.ref().kind().equals("PrometheusRule")) {
        files.put(r.ref().namespace().orElse("default") + "-" + r.ref().name() + ".rules.yaml",
            toRuleFile(r.object()));
      }
    }
    return files;
  }

  /** The rule file of one PrometheusRule. */
  public static String toRuleFile(HasMetadata prometheusRule) {
    JsonNode groups = Manifests.toTree(prometheusRule).path("spec").path("groups");
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    ArrayNode out = file.putArray("groups");
    for (JsonNode group : groups) {
      ObjectNode g = copy(group, GROUP_FIELDS);
      ArrayNode rules = g.putArray("rules");
      for (JsonNode rule : group.path("rules")) rules.add(copy(rule, RULE_FIELDS));
      out.add(g);
    }
    return Manifests.toYaml(file);
  }

  /** Writes {@link #of} into {@code directory} (created if missing) and returns the files written. */
  public static List<Path> write(Plan plan, Path directory) {
    try {
      Files.createDirectories(directory);
      List<Path> written = new ArrayList<>();
      for (Map.Entry<String, String> e : of(plan).entrySet()) {
        written.add(Files.writeString(directory.resolve(e.getKey()), e.getValue()));
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rule files to " + directory, e);
    }
  }

  private static ObjectNode copy(JsonNode from, List<String> fields) {
    ObjectNode to = JsonNodeFactory.instance.objectNode();
    for (String field : fields) {
      if (from.has(field)) to.set(field, from.get(field));
    }
    return to;
  }
}
