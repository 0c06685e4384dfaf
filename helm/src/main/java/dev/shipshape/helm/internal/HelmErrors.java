package dev.shipshape.helm.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.helm.HelmChart;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helm's errors as problems. A chart's {@code values.schema.json} violations come as one message listing every
 * violation as {@code - path: what is wrong} under a chart name; each becomes a problem on {@code values.<path>}.
 * Any other error (a template that fails, a missing chart) is one problem with Helm's message. Helm's schema
 * library quotes the offending value in several messages ({@code 'v' does not match pattern 'p'}, {@code 'v' is not
 * valid uri: parse "v": ...}, {@code maximum: got v, want 10}); they keep only the rule, as values may be secrets.
 */
final class HelmErrors {
  private static final String SCHEMA_HEADER = "values don't meet the specifications of the schema(s)";
  private static final Pattern VIOLATION = Pattern.compile("^\\s*- (?:at '([^']*)'|([^:]+)): (.+)$");
  private static final Pattern PATTERN = Pattern.compile("^'.*' (does not match pattern '[^']*')$", Pattern.DOTALL);
  private static final Pattern FORMAT = Pattern.compile("^'.*' (is not valid [\\w-]+).*$", Pattern.DOTALL);
  private static final Pattern BOUND = Pattern.compile("^(\\w+): got .*?(, want .*)$", Pattern.DOTALL);

  private HelmErrors() {}

  static List<Problem> problems(HelmChart chart, String message) {
    String helmMessage = SecretValues.redact(chart, message);
    List<Problem> problems = new ArrayList<>();
    if (helmMessage.contains(SCHEMA_HEADER)) {
      for (String line : helmMessage.split("\n")) {
        Matcher m = VIOLATION.matcher(line);
        if (!m.matches()) continue;
        String path = dotted((m.group(1) != null ? m.group(1) : m.group(2)).trim());
        problems.add(ChartChecks.error(chart, valuesField(path), "value " + (path.isEmpty() ? "(root)" : path)
            + " does not meet the chart's values.schema.json: " + withoutValue(m.group(3).trim()),
            "change the value so that it meets the chart's values.schema.json"));
      }
    }
    if (problems.isEmpty()) {
      problems.add(ChartChecks.error(chart, "source", "Helm cannot render the chart: " + helmMessage.trim(),
          "fix the chart or its values; 'helm template' with the same values shows the same error"));
    }
    return problems;
  }

  /**
   * A violation without the value it quotes: {@code the value does not match pattern '^[0-9]+$'}, {@code the value
   * is not valid uri} (the parser's error after it quotes the value too), {@code maximum: the value is above, want
   * 10}.
   */
  private static String withoutValue(String violation) {
    Matcher pattern = PATTERN.matcher(violation);
    if (pattern.matches()) return "the value " + pattern.group(1);
    Matcher format = FORMAT.matcher(violation);
    if (format.matches()) return "the value " + format.group(1);
    Matcher bound = BOUND.matcher(violation);
    return bound.matches() ? bound.group(1) + ": the value does not meet it" + bound.group(2) : violation;
  }

  /** Helm 3.18 and later name values by JSON pointer ({@code /image/tag}); older ones by dotted path. */
  private static String dotted(String path) {
    return path.replaceFirst("^/", "").replace('/', '.');
  }

  /** {@code (root)} is gojsonschema's name for the whole document. */
  private static String valuesField(String dotted) {
    return dotted.isEmpty() || dotted.equals("(root)") ? "values" : "values." + dotted;
  }
}
