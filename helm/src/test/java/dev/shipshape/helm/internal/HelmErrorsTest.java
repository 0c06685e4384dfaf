package dev.shipshape.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Problem;
import dev.shipshape.helm.HelmChart;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Helm's schema violations, as its schema library words them, become problems that keep the rule, not the value. */
class HelmErrorsTest {
  @Test
  void formatAndBoundViolationsLoseTheValueTheyQuote() {
    String helm = String.join("\n", "values don't meet the specifications of the schema(s) in the following chart(s):",
        "web:",
        "- at '/b': 'http://SECRET-B%zz' is not valid uri: parse \"http://SECRET-B%zz\": invalid URL escape \"%zz\"",
        "- at '/c': 'SECRET:C' is not valid ipv6: ParseAddr(\"SECRET:C\"): unable to parse IP",
        "- at '/a': 'SECRET-A' is not valid date: parsing time \"SECRET-A\" as \"2006-01-02\": cannot parse",
        "- at '/d': maximum: got 4,242, want 10",
        "- at '/e': 'SECRET-E' does not match pattern '^[0-9]+$'");

    List<Problem> problems = HelmErrors.problems(HelmChart.directory(Path.of("web")).release("web").build(), helm);

    assertThat(problems).extracting(Problem::message).containsExactly(
        "value b does not meet the chart's values.schema.json: the value is not valid uri",
        "value c does not meet the chart's values.schema.json: the value is not valid ipv6",
        "value a does not meet the chart's values.schema.json: the value is not valid date",
        "value d does not meet the chart's values.schema.json: maximum: the value does not meet it, want 10",
        "value e does not meet the chart's values.schema.json: the value does not match pattern '^[0-9]+$'");
    assertThat(problems.toString()).doesNotContain("SECRET").doesNotContain("4,242");
  }
}
