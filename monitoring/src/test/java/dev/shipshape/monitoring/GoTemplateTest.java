package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert templates: the structure and the functions Prometheus parses, each error with its position, and agreement with
 * promtool.
 */
class GoTemplateTest {
  static final List<String> VALID = List.of(
      "plain text, no action",
      "{{ $labels.instance }} is down",
      "{{ $value | humanizePercentage }} of requests fail",
      "{{- if gt $value 0.5 -}}high{{- else if gt $value 0.2 }}medium{{ else -}}low{{- end }}",
      "{{/* a comment with }} inside */}}text",
      "{{- /* trimmed comment */ -}}",
      "{{ printf \"%.2f\" $value }} and {{ \"a}}b\" }} and {{ `raw }} string` }}",
      "{{ with query \"up\" }}{{ . | first | value }}{{ end }}",
      "{{ range $i, $s := query \"up\" }}{{ $s.Labels.job }}{{ end }}",
      "{{ (index $labels \"job\") }} {{ 'x' }}",
      "}} braces alone are text",
      // Names after '$' or '.' are variables, fields and methods, not functions, whatever they are called.
      "{{ $labels.humanise }} {{ .humanise }} {{ $.Labels.job }} {{ (humanize 1).humanise }} {{ .Labels.tmpl }}",
      "{{ $value | humanize | printf \"%s\" }} {{ (humanizeDuration $value) }} {{ humanize $value | toUpper }}",
      "{{ define \"humanise\" }}x{{ end }}{{ template \"humanise\" . }}{{ block \"b\" . }}{{ . }}{{ end }}",
      "{{ 0x1F }} {{ 1e3 }} {{ .5 }} {{ -3 }} {{ 1_000 }} {{ 0x1p-2 }} {{ 1.5e-3 }} {{ print nil true false }}",
      "{{ $humanise := 1 }}{{ $humanise = 2 }}{{ range $i, $s := query \"up\" }}{{ break }}{{ continue }}{{ end }}",
      "{{ \"humanise\" }} {{ 'h' }} {{ `humanise` }} {{/* humanise */}} humanise",
      "{{ if eq 1 1 }}{{ else if ne 1 2 }}{{ end }}{{ with $labels }}{{ else }}{{ end }}");

  /** Every function of Go's text/template and of Prometheus 2.42's templates, as promtool 2.42 accepts them. */
  static final List<String> FUNCTIONS = List.of("and", "or", "not", "len", "index", "slice", "print", "printf",
      "println", "html", "js", "urlquery", "call", "eq", "ne", "lt", "le", "gt", "ge", "query", "first", "label",
      "value", "strvalue", "args", "reReplaceAll", "safeHtml", "match", "title", "toUpper", "toLower", "graphLink",
      "tableLink", "sortByLabel", "stripPort", "stripDomain", "humanize", "humanize1024", "humanizeDuration",
      "humanizePercentage", "humanizeTimestamp", "toTime", "pathPrefix", "externalURL", "parseDuration");

  /** Calls of undefined functions, wherever Go's parser looks a function up, with the error and the name. */
  static final Map<String, String> UNDEFINED = Map.ofEntries(
      Map.entry("{{ humanise $value }}", "function \"humanise\" not defined (at character 4)"),
      Map.entry("{{ $value | humanise }}", "function \"humanise\" not defined (at character 13)"),
      Map.entry("{{ printf \"%.1f\" (humanise $value) }}", "function \"humanise\" not defined (at character 19)"),
      Map.entry("{{ define \"d\" }}{{ humanise 1 }}{{ end }}", "function \"humanise\" not defined (at character 20)"),
      Map.entry("{{ if true }}{{ else if humanise 1 }}{{ end }}",
          "function \"humanise\" not defined (at character 25)"),
      Map.entry("{{ humanise.Foo }}", "function \"humanise\" not defined (at character 4)"),
      Map.entry("{{ labels.job }}", "function \"labels\" not defined (at character 4)"),
      Map.entry("{{ $labels.job | _lower }}", "function \"_lower\" not defined (at character 18)"),
      // Prometheus 2.45 and later define these; 2.42 does not. tmpl is for console templates only.
      Map.entry("{{ toDuration 60 }}", "function \"toDuration\" not defined (at character 4)"),
      Map.entry("{{ now }}", "function \"now\" not defined (at character 4)"),
      Map.entry("{{ tmpl \"x\" . }}", "function \"tmpl\" not defined (at character 4)"));

  static final Map<String, String> INVALID = Map.of(
      "{{ $labels.instance ", "unclosed action (at character 1)",
      "{{ if gt $value 1.0 }}high", "unexpected end of text: {{if}} has no {{end}}",
      "done{{ end }}", "unexpected {{end}} (at character 5)",
      "{{ else }}", "unexpected {{else}} (at character 1)",
      "{{ \"abc }}", "unterminated quoted string (at character 4)",
      "{{ (len $labels }}", "unclosed left paren (at character 17)",
      "{{ len $labels) }}", "unexpected right paren (at character 15)",
      "{{}}", "missing value for command (at character 1)",
      "{{ if }}x{{ end }}", "missing value for if (at character 1)",
      "{{/* never closed }}", "unclosed comment (at character 1)");

  @TempDir
  Path dir;

  @Test
  void validTemplatesParse() {
    for (String template : VALID) assertThat(GoTemplate.check(template)).as(template).isEmpty();
  }

  @Test
  void eachInvalidTemplateGivesItsErrorAndPosition() {
    INVALID.forEach((template, error) -> assertThat(GoTemplate.check(template)).as(template)
        .contains(new GoTemplate.ParseError(error, Optional.empty())));
  }

  @Test
  void everyFunctionOfGoAndPrometheusIsDefined() {
    for (String function : FUNCTIONS) assertThat(GoTemplate.check("{{ " + function + " }}")).as(function).isEmpty();
  }

  @Test
  void eachCallOfAnUndefinedFunctionGivesItsNameAndPosition() {
    UNDEFINED.forEach((template, error) -> assertThat(GoTemplate.check(template)).as(template)
        .contains(new GoTemplate.ParseError(error, Optional.of(error.split("\"")[1]))));
  }

  @Test
  void theClosestNameIsSuggestedWhenOneIsObvious() {
    Map.of("humanise", "humanize", "tolower", "toLower", "lable", "label", "humanizeDurtaion", "humanizeDuration",
        "labels", "$labels", "externallabels", "$externalLabels", "Labels", ".Labels", "Value", ".Value")
        .forEach((name, meant) -> assertThat(GoTemplate.closest(name)).as(name).contains(meant));
    for (String name : List.of("fmt", "nt", "humanizePercent", "Label")) {
      assertThat(GoTemplate.closest(name)).as(name).isEmpty();
    }
  }

  @Test
  void promtoolAgrees() throws Exception {
    Promtool.require();
    Files.writeString(dir.resolve("valid.yaml"), rules(VALID));
    Promtool.Result valid = Promtool.run(dir, "check", "rules", "valid.yaml");
    assertThat(valid.exitCode()).as(valid.output()).isZero();
    for (String template : INVALID.keySet()) {
      Files.writeString(dir.resolve("invalid.yaml"), rules(List.of(template)));
      Promtool.Result invalid = Promtool.run(dir, "check", "rules", "invalid.yaml");
      assertThat(invalid.exitCode()).as(template + "\n" + invalid.output()).isNotZero();
    }
  }

  @Test
  void promtoolDefinesTheSameFunctions() throws Exception {
    Promtool.require();
    Files.writeString(dir.resolve("functions.yaml"), rules(FUNCTIONS.stream().map(f -> "{{ " + f + " }}").toList()));
    Promtool.Result defined = Promtool.run(dir, "check", "rules", "functions.yaml");
    assertThat(defined.exitCode()).as(defined.output()).isZero();
    for (String template : UNDEFINED.keySet()) {
      Files.writeString(dir.resolve("undefined.yaml"), rules(List.of(template)));
      Promtool.Result undefined = Promtool.run(dir, "check", "rules", "undefined.yaml");
      String function = GoTemplate.check(template).flatMap(GoTemplate.ParseError::undefinedFunction).orElse("(none)");
      assertThat(undefined.output()).as(template).contains("function \"" + function + "\" not defined");
    }
  }

  private static String rules(List<String> templates) {
    StringBuilder file = new StringBuilder("groups:\n- name: templates\n  rules:\n");
    for (int i = 0; i < templates.size(); i++) {
      file.append("  - alert: A").append(i).append("\n    expr: up == 0\n    annotations:\n      summary: '")
          .append(templates.get(i).replace("'", "''")).append("'\n");
    }
    return file.toString();
  }
}
