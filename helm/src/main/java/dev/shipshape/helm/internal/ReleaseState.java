package dev.shipshape.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shipshape.core.diff.JsonNumbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A release as Helm would record it, read from the output of a client-only {@code helm install --dry-run --debug}
 * (its {@code CHART:} line and {@code USER-SUPPLIED VALUES:} block, which is what Helm stores as the release's
 * {@code config}), compared with the latest record of the deployed release. Values are compared, never printed.
 */
public final class ReleaseState {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** Numbers by value: a record's JSON and the dry run's YAML may type the same number differently. */
  private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.equals(b) || JsonNumbers.same(a, b) ? 0 : 1;

  private final String chart;
  private final JsonNode values;

  private ReleaseState(String chart, JsonNode values) {
    this.chart = chart;
    this.values = values;
  }

  /**
   * The chart ({@code name-version}) and user-supplied values of Helm's dry-run output.
   *
   * @throws IllegalArgumentException when the output lacks them (another Helm version's format)
   */
  public static ReleaseState ofDryRun(String output) {
    String chart = null;
    StringBuilder values = null;
    for (String line : output.split("\n", -1)) {
      if (values != null) {
        if (line.startsWith("COMPUTED VALUES:")) break;
        values.append(line).append('\n');
      } else if (line.startsWith("CHART: ")) {
        chart = line.substring("CHART: ".length()).trim();
      } else if (line.startsWith("USER-SUPPLIED VALUES:")) {
        values = new StringBuilder();
      }
    }
    if (chart == null || values == null) {
      throw new IllegalArgumentException("Helm's dry run printed no CHART line or USER-SUPPLIED VALUES block");
    }
    try {
      return new ReleaseState(chart, orEmpty(YAML.readTree(values.toString())));
    } catch (IOException e) {
      // The block holds the values: never quote it.
      throw new IllegalArgumentException("Helm's dry run printed user-supplied values that are not YAML");
    }
  }

  /** {@code name-version}, as {@code helm list} shows the chart. */
  public String chart() {
    return chart;
  }

  /**
   * Why the latest record {@code deployed} differs from this state, one reason each (never a value): its status
   * when not {@code deployed}, another chart or version, other values. Empty when the release is as planned.
   */
  public List<String> differences(JsonNode deployed) {
    List<String> reasons = new ArrayList<>();
    String status = deployed.path("info").path("status").asText();
    if (!status.equals("deployed")) reasons.add("revision " + deployed.path("version").asInt() + " is " + status);
    JsonNode metadata = deployed.path("chart").path("metadata");
    String recorded = metadata.path("name").asText() + "-" + metadata.path("version").asText();
    if (!recorded.equals(chart)) reasons.add("chart " + recorded + " -> " + chart);
    if (!orEmpty(deployed.path("config")).equals(SAME_VALUE, values)) reasons.add("values changed");
    return reasons;
  }

  private static JsonNode orEmpty(JsonNode node) {
    return Optional.ofNullable(node).filter(n -> !n.isMissingNode() && !n.isNull())
        .orElseGet(JsonNodeFactory.instance::objectNode);
  }
}
