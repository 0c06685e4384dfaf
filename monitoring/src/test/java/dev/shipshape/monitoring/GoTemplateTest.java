package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert templates: the structure Prometheus parses, each error with its position, and agreement with promtool. */
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
      "}} braces alone are text");

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
    INVALID.forEach((template, error) -> assertThat(GoTemplate.check(template)).as(template).contains(error));
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

  private static String rules(List<String> templates) {
    StringBuilder file = new StringBuilder("groups:\n- name: templates\n  rules:\n");
    for (int i = 0; i < templates.size(); i++) {
      file.append("  - alert: A").append(i).append("\n    expr: up == 0\n    annotations:\n      summary: '")
          .append(templates.get(i).replace("'", "''")).append("'\n");
    }
    return file.toString();
  }
}
