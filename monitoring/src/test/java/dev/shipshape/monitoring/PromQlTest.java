package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTest {
  static final List<String> VALID = List.of(
      "up",
      "x AND y",
      "x OFFSET 5m",
      "sum BY (job) (up)",
      "SUM(up)",
      "1 > BOOL 2",
      "x * on(a) group_left(b) y",
      "max_over_time(x offset 5m[10m:1m])",
      "max_over_time(rate(x[5m])[30m:1m] offset 1h)",
      "sum_over_time(x[5m] offset 1h @ 100)",
      "up == 0",
      "up{job=\"api\", instance!~\"10\\\\..*\"} == bool 0",
      "{__name__=~\"http_.*\", job=\"api\"}",
      "sum by (namespace) (rate(http_requests_total{code=~\"5..\"}[5m])) / ignoring (code) group_left"
          + " sum by (namespace) (rate(http_requests_total[5m]))",
      "sum(rate(x[5m])) without (pod)",
      "topk(3, sum by (pod) (rate(x[1h])))",
      "count_values(\"version\", build_info)",
      "quantile(0.9, x)",
      "histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))",
      "max_over_time(rate(x[5m])[1h:5m])",
      "rate(x[5m] offset 1h)",
      "x @ 1609746000",
      "time() - x > 86400",
      "-x + 2 ^ 3 ^ 2",
      "absent(up{job=\"api\"})",
      "label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
      "predict_linear(x[6h], 4 * 3600) < 0",
      "a and on (pod) b or c unless d",
      "round(x)",
      "vector(1)",
      "scalar(x) * 2",
      "clamp(x, 0, 1)",
      "1e3 + 0x1f + .5 + Inf",
      "x{a=\"b\",}",
      "label_join(up, \"hosts\", \",\")",
      "{job!=\"\"}",
      "up{job=\"\\x61\\u0070\\151\"}",
      "1 + on () x",
      "1 < bool 2");

  static final List<String> INVALID = List.of(
      "rate(x[5m]",
      "x * group_left y",
      "x * on(a) group_left(a) y",
      "RATE(x[5m])",
      "rate(x[5m]) offset 1h",
      "sum(x) offset 1h",
      "(x) offset 1h",
      "sum_over_time(x offset 1h[5m])",
      "rate(x)",
      "x[5m] > 1",
      "sum(x[5m])",
      "rate(x[5m]) +",
      "x{a=b}",
      "x{a~\"b\"}",
      "{a=\"\"}",
      "unknown_function(x)",
      "histogram_quantile(x)",
      "topk(x)",
      "x[5]",
      "(x)[5m]",
      "x == bool",
      "1 and 2",
      "x{a=~\"(\"}",
      "x offset",
      "",
      "1 > 2",
      "x and on (a) group_left y",
      "x unless ignoring (a) group_right y",
      "x @ 1 @ 2",
      "x offset 1h offset 2h",
      "x{__name__=\"y\"}",
      "x{a=\"\\q\"}",
      "x{a='\\\"'}",
      "x{a=\"\\xZZ\"}",
      "{a=~\"a*\"}",
      "{a!~\"a\"}",
      "1 + on (a) x");

  @Test
  void acceptsValidExpressions() {
    for (String e : VALID) assertThat(PromQl.check(e)).as(e).isEmpty();
  }

  @Test
  void rejectsInvalidExpressions() {
    for (String e : INVALID) assertThat(PromQl.check(e)).as(e).isPresent();
  }

  /** promtool loads a string-valued rule, which then fails at every evaluation; the plan-time check is stricter. */
  @Test
  void rejectsAStringValuedRuleThatPromtoolLoads() {
    assertThat(PromQl.check("\"text\"")).contains("a rule expression must be an instant vector or a scalar, not a"
        + " string");
  }

  @Test
  void namesWhatPrometheusRejectsBeyondTheGrammar() {
    assertThat(PromQl.check("1 > 2")).contains("comparisons between scalars must use bool (> bool) (at character 3)");
    assertThat(PromQl.check("x and on (a) group_left y")).contains("no grouping (group_left, group_right) is allowed"
        + " for the set operator and (at character 3)");
    assertThat(PromQl.check("1 + on (a) x")).contains("vector matching (on, ignoring) is only allowed between"
        + " instant vectors (at character 3)");
    assertThat(PromQl.check("x offset 1h offset 2h")).contains("offset may not be set twice (at character 13)");
    assertThat(PromQl.check("x @ 1 @ 2")).contains("@ may not be set twice (at character 7)");
    assertThat(PromQl.check("x{__name__=\"y\"}")).contains("the metric name is set twice: before the braces and by"
        + " __name__ (at character 3)");
    assertThat(PromQl.check("x{a=\"\\q\"}")).contains("unknown escape sequence '\\q' (at character 6)");
    assertThat(PromQl.check("x{a=\"\\xZZ\"}")).contains("escape sequence '\\x' needs 2 hexadecimal digits (at"
        + " character 6)");
    assertThat(PromQl.check("up{job=\"\\0\"}")).as("the message quotes the escape, not what follows it")
        .contains("escape sequence '\\0' needs 3 octal digits (at character 9)");
    assertThat(PromQl.check("rate(x[5m]) offset 1h")).contains("offset must follow a vector selector, a range or a"
        + " subquery (at character 13)");
    assertThat(PromQl.check("{a=~\"a*\"}")).contains("a selector without a metric name needs at least one matcher"
        + " that does not match the empty string (at character 10)");
  }

  @Test
  void acceptsWhatPrometheusAcceptsAtTheEdges() {
    assertThat(PromQl.check("label_join(up, \"hosts\", \",\")")).isEmpty();
    assertThat(PromQl.check("{job!=\"\"}")).isEmpty();
  }

  @Test
  void namesWhatIsWrongAndWhere() {
    assertThat(PromQl.check("rate(x)")).contains("rate() takes a range vector as argument 1, not an instant vector"
        + " (at character 8)");
    assertThat(PromQl.check("sum(x) by (pod")).contains("expected ) closing the label list but found the end of"
        + " the expression (at character 15)");
    assertThat(PromQl.check("unknown_function(x)")).contains("unknown function unknown_function() (at character"
        + " 17)");
    assertThat(PromQl.check("(x)[5m]")).contains("a range [..] without ':' needs a plain vector selector; use a"
        + " subquery [range:step] after an expression (at character 8)");
  }
}
