package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every check of a PrometheusRule at plan time, each with an input that fails it, on a rule written by hand. */
class RuleValidationTest {
  private static final String AT = "PrometheusRule.monitoring.coreos.com monitoring/custom ";

  private static List<String> problemsWith(String groups) {
    ClusterSpec spec = Fixtures.shop().yaml("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n"
        + "metadata:\n  name: custom\n  namespace: monitoring\nspec:\n  groups:\n" + groups).build();
    return Fixtures.problems(Monitoring.builder().build().addTo(spec)).stream()
        .filter(p -> p.contains("monitoring/custom")).toList();
  }

  @Test
  void aValidRuleHasNoProblems() {
    assertThat(problemsWith("  - name: shop\n    interval: 1m\n    rules:\n"
        + "    - record: namespace:http_errors:rate5m\n      expr: sum by (namespace) (rate(http_errors_total{namespace=\"shop\"}[5m]))\n"
        + "    - alert: ShopErrors\n      expr: namespace:http_errors:rate5m > 1\n      for: 1h30m\n")).isEmpty();
  }

  @Test
  void anExpressionThatDoesNotParse() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: Broken\n      expr: rate(http_requests_total[5m]\n"))
        .containsExactly("ERROR [monitoring] " + AT + "spec.groups[0].rules[0].expr: the expression does not parse:"
            + " expected ) closing rate() but found the end of the expression (at character 29) — fix the PromQL;"
            + " 'promtool check rules' on the rule file shows the same");
  }

  @Test
  void aRangeVectorWhereAnInstantVectorIsNeeded() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: Broken\n      expr: http_requests_total[5m] > 1\n"))
        .containsExactly("ERROR [monitoring] " + AT + "spec.groups[0].rules[0].expr: the expression does not parse:"
            + " operator > cannot take a range vector operand (at character 25) — fix the PromQL;"
            + " 'promtool check rules' on the rule file shows the same");
  }

  @Test
  void duplicateAlertNamesInAGroup() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: Down\n      expr: up == 0\n"
        + "    - alert: Down\n      expr: up == 0\n"))
        .containsExactly("ERROR [monitoring] " + AT + "spec.groups[0].rules[1].alert: alert 'Down' appears twice in"
            + " group 'shop' — give each alert of a group its own name, or join the expressions with 'or' into one"
            + " alert");
  }

  @Test
  void duplicateGroupNames() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "  - name: shop\n    rules:\n    - alert: B\n      expr: up == 0\n"))
        .containsExactly("ERROR [monitoring] " + AT + "spec.groups[1].name: group 'shop' appears twice; Prometheus"
            + " rejects the rule file — give each group of the PrometheusRule its own name");
  }

  @Test
  void durationsNotInPrometheusSyntax() {
    assertThat(problemsWith("  - name: shop\n    interval: 1.5m\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      for: 1m30\n      keep_firing_for: 5min\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].interval: '1.5m' is not a Prometheus duration — use whole"
                + " numbers with the units y, w, d, h, m, s, ms, largest first, such as '1h30m'",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].for: '1m30' is not a Prometheus duration — use"
                + " whole numbers with the units y, w, d, h, m, s, ms, largest first, such as '1h30m'",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].keep_firing_for: '5min' is not a Prometheus"
                + " duration — use whole numbers with the units y, w, d, h, m, s, ms, largest first, such as"
                + " '1h30m'");
  }

  @Test
  void aRuleMustBeExactlyOneOfAlertAndRecord() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      record: a:b\n      expr: up\n"
        + "    - expr: up\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0]: names both an alert and a record — set exactly"
                + " one of 'alert' and 'record'",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[1]: names neither an alert nor a record — set"
                + " exactly one of 'alert' and 'record'");
  }

  @Test
  void aRecordingRuleNeedsAMetricNameAndNoFor() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - record: 5xx-rate\n      expr: up\n      for: 5m\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].record: '5xx-rate' is not a valid metric name —"
                + " use letters, digits, '_' and ':', not starting with a digit, such as"
                + " 'namespace:http_errors:rate5m'",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].for: a recording rule takes no 'for' or"
                + " 'keep_firing_for' — remove them, or make the rule an alert");
  }

  @Test
  void aNamespaceMatcherThatSelectsNothingOfTheSpec() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n"
        + "      expr: up{namespace=~\"shop|shpo\"} == 0\n"))
        .containsExactly("WARNING [monitoring] " + AT + "spec.groups[0].rules[0].expr: the expression selects"
            + " namespace 'shpo', which the spec neither creates nor declares pre-existing, so it selects nothing of"
            + " the spec — fix the namespace name, or declare it with preExistingNamespace(\"shpo\") (command line:"
            + " --pre-existing-namespace shpo)");
  }

  @Test
  void aGroupWithoutAName() {
    assertThat(problemsWith("  - name: \"\"\n    rules:\n    - alert: A\n      expr: up == 0\n"))
        .containsExactly("ERROR [monitoring] " + AT + "spec.groups[0].name: the group has no name: the"
            + " PrometheusRule CRD requires one, and Prometheus rejects the rule file — give the group a name, such"
            + " as 'shop-alerts'");
  }

  @Test
  void aRecordingRuleWithAnnotations() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - record: shop:up:sum\n      expr: sum(up)\n"
        + "      annotations:\n        summary: up\n"))
        .containsExactly("ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations: a recording rule takes"
            + " no annotations; Prometheus rejects the rule file — remove them, or make the rule an alert");
  }

  @Test
  void labelAndAnnotationNamesThatPrometheusRejects() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      labels:\n        team-name: shop\n        __name__: a\n"
        + "      annotations:\n        1st: x\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels: a rule may not set the label __name__;"
                + " Prometheus rejects the rule file — remove it; name a recorded series with 'record'",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels: 'team-name' is not a valid label name;"
                + " Prometheus 2 rejects the rule file (3.0 and later take any UTF-8 name) — use letters, digits and"
                + " '_', not starting with a digit, such as 'team_name'",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations: '1st' is not a valid annotation"
                + " name; Prometheus 2 rejects the rule file (3.0 and later take any UTF-8 name) — use letters,"
                + " digits and '_', not starting with a digit, such as '_1st'");
  }

  @Test
  void alertTemplatesThatDoNotParse() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      labels:\n        team: '{{ if $labels.team }}{{ $labels.team }}'\n"
        + "      annotations:\n        summary: '{{ $labels.instance '\n        ok: '{{ $value }}'\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels.team: the template does not parse: unexpected"
                + " end of text: {{if}} has no {{end}}; Prometheus rejects the rule file — close every '{{' with '}}',"
                + " every '(' with ')' (and write no ')' without its '('), and every if, range or with with '{{ end"
                + " }}'; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.summary: the template does not parse:"
                + " unclosed action (at character 1); Prometheus rejects the rule file — close every '{{' with '}}',"
                + " every '(' with ')' (and write no ')' without its '('), and every if, range or with with '{{ end"
                + " }}'; 'promtool check rules' on the rule file shows the same");
  }

  @Test
  void alertTemplatesCallingUndefinedFunctions() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      labels:\n        team: '{{ $labels.team | tolower }}'\n"
        + "      annotations:\n        summary: '{{ humanise $value }} on {{ $labels.instance }}'\n"
        + "        description: '{{ $value | fmt }}'\n"
        + "        ok: '{{ $labels.humanise }} {{ .Labels.job | toUpper }} {{ $value | humanize }}'\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels.team: the template of label 'team' of"
                + " alert 'A' in group 'shop' does not parse: function \"tolower\" not defined (at character 19),"
                + " as neither Go's text/template nor Prometheus 2.42 defines it; Prometheus rejects the rule file —"
                + " write 'toLower' instead of 'tolower'; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.description: the template of"
                + " annotation 'description' of alert 'A' in group 'shop' does not parse: function \"fmt\" not"
                + " defined (at character 13), as neither Go's text/template nor Prometheus 2.42 defines it;"
                + " Prometheus rejects the rule file — call a function of Go's text/template or of Prometheus (such"
                + " as humanize, printf or toUpper), or start a variable with '$' and a field with '.', as in"
                + " '$labels.job'; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.summary: the template of annotation"
                + " 'summary' of alert 'A' in group 'shop' does not parse: function \"humanise\" not defined (at"
                + " character 4), as neither Go's text/template nor Prometheus 2.42 defines it; Prometheus rejects"
                + " the rule file — write 'humanize' instead of 'humanise'; 'promtool check rules' on the rule file"
                + " shows the same");
  }

  @Test
  void alertTemplatesUsingUndefinedVariables() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      labels:\n        team: '{{ $label.team }}'\n"
        + "      annotations:\n        summary: '{{ if $labels.job }}{{ $job := $labels.job }}{{ end }}{{ $job }}'\n"
        + "        description: '{{ define \"d\" }}{{ $value }}{{ end }}'\n"
        + "        ok: '{{ range $i, $s := query \"up\" }}{{ $i }}{{ $s.Labels.job }}{{ end }}{{ $externalURL }}'\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels.team: the template of label 'team' of"
                + " alert 'A' in group 'shop' does not parse: undefined variable \"$label\" (at character 4), as it"
                + " is used where no variable of that name is declared; Prometheus rejects the rule file — write"
                + " '$labels' instead of '$label'; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.description: the template of"
                + " annotation 'description' of alert 'A' in group 'shop' does not parse: undefined variable"
                + " \"$value\" (at character 20), as it is used where no variable of that name is declared;"
                + " Prometheus rejects the rule file — a define or block sees none of Prometheus' variables: pass"
                + " what it needs as its argument, as in '{{ template \"name\" $labels }}', and use '.' inside it;"
                + " 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.summary: the template of annotation"
                + " 'summary' of alert 'A' in group 'shop' does not parse: undefined variable \"$job\" (at"
                + " character 58), as it is used where no variable of that name is declared; Prometheus rejects the"
                + " rule file — declare it before its use, as in '{{ $job := ... }}', and not in an if, range or"
                + " with that ends before the use (a define or block sees only its own variables), or use one of"
                + " Prometheus' $labels, $externalLabels, $externalURL, $value; 'promtool check rules' on the rule"
                + " file shows the same");
  }

  @Test
  void alertTemplatesBreakingOutsideARangeOrWritingBadNumbers() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      labels:\n        team: '{{ if $labels.team }}{{ break }}{{ end }}'\n"
        + "      annotations:\n        summary: '{{ $value }} is over {{ 1 - 0.5 }}'\n"
        + "        description: '{{ printf \"%d\" 5min }}'\n"
        + "        ok: '{{ range query \"up\" }}{{ if true }}{{ continue }}{{ end }}{{ end }}{{ 1e3 }} {{ 0x1F }}'\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels.team: the template of label 'team' of"
                + " alert 'A' in group 'shop' does not parse: {{break}} outside {{range}} (at character 22), as Go"
                + " accepts break only inside a range (not in its else, nor in a define or block); Prometheus"
                + " rejects the rule file — move it into a range, or use if and else to skip the rest of the"
                + " template; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.description: the template of"
                + " annotation 'description' of alert 'A' in group 'shop' does not parse: bad number syntax:"
                + " \"5m\" (at character 16), as Go reads an argument that starts with a digit, '+', '-' or '.' and a"
                + " digit as a number, and templates have no arithmetic operators; Prometheus rejects the rule file"
                + " — write numbers as Go does (such as 42, -0.5, 1e3 or 0x1F), quote text as a string, and separate"
                + " arguments with spaces; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.summary: the template of annotation"
                + " 'summary' of alert 'A' in group 'shop' does not parse: illegal number syntax: \"-\" (at character"
                + " 27), as Go reads an argument that starts with a digit, '+', '-' or '.' and a digit as a number,"
                + " and templates have no arithmetic operators; Prometheus rejects the rule file — write numbers as"
                + " Go does (such as 42, -0.5, 1e3 or 0x1F), quote text as a string, and separate arguments with"
                + " spaces; 'promtool check rules' on the rule file shows the same");
  }

  @Test
  void alertTemplatesWithMisplacedKeywordsDeclarationsOrTokens() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      labels:\n        team: '{{ range $labels }}{{ else if true }}{{ end }}'\n"
        + "      annotations:\n        summary: '{{ $a, $b := 1 }}'\n"
        + "        description: '{{ /* why */ }}'\n"
        + "        ok: '{{if.Labels}}{{ .Labels.job }}{{end}}{{- /* c */ -}}'\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels.team: the template of label 'team' of"
                + " alert 'A' in group 'shop' does not parse: unexpected <if> in input (at character 28), as Go 1.19"
                + " takes one else in an if, range or with, alone or, in an if only, followed by if; Prometheus"
                + " rejects the rule file — write '{{ else }}' alone, with an if, range or with inside its branch"
                + " where needed, and '{{ else if ... }}' only in an if; 'promtool check rules' on the rule file"
                + " shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.description: the template of"
                + " annotation 'description' of alert 'A' in group 'shop' does not parse: unexpected \"/\" in command"
                + " (at character 4), as templates have no operators, separate arguments with spaces, and read a"
                + " comment only right after '{{' or '{{- ' up to '*/}}' or '*/ -}}'; Prometheus rejects the rule"
                + " file — separate arguments with spaces, quote text as a string, and write a comment as"
                + " '{{/* ... */}}' or '{{- /* ... */ -}}'; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.summary: the template of annotation"
                + " 'summary' of alert 'A' in group 'shop' does not parse: too many declarations in command (at"
                + " character 6), as Go declares one variable at the start of a pipeline, or two in a range (an"
                + " index and an element); Prometheus rejects the rule file — declare one variable, as in"
                + " '{{ $x := ... }}', or two in a range, as in '{{ range $i, $e := ... }}'; 'promtool check rules'"
                + " on the rule file shows the same");
  }

  @Test
  void alertTemplatesWithKeywordsOrCharactersWhereGoTakesNone() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      labels:\n        team: '{{ $labels.team | printf \"%s\" end }}'\n"
        + "      annotations:\n        summary: '{{ humanize($value) }}'\n"
        + "        description: '{{ $labels.job$labels.instance }}'\n"
        + "        runbook: '{{ “x” }}'\n"
        + "        ok: '{{ $value | humanize }} {{ .Labels.é }}'\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels.team: the template of label 'team' of alert"
                + " 'A' in group 'shop' does not parse: unexpected <end> in operand (at character 31), as 'end' is a"
                + " keyword of Go's templates, which starts an action (such as '{{ if ... }}') and is never an"
                + " argument, function or value; Prometheus rejects the rule file — start the action with the keyword,"
                + " or quote the word as a string, as in '\"end\"'; 'promtool check rules' on the rule file shows the"
                + " same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.description: the template of annotation"
                + " 'description' of alert 'A' in group 'shop' does not parse: bad character U+0024 '$' (at character"
                + " 15), as Go ends a function, variable or field name only at a space, '.', ',', '|', ':', '(', ')'"
                + " or '}}'; Prometheus rejects the rule file — separate arguments with spaces, as in '{{ printf"
                + " \"%s\" $labels.job }}', write spaces around '=', and quote text as a string; 'promtool check"
                + " rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.runbook: the template of annotation"
                + " 'runbook' of alert 'A' in group 'shop' does not parse: unrecognized character in action: U+201C"
                + " '“' (at character 4), as an action takes characters outside ASCII only in names and quoted text,"
                + " and no control characters; Prometheus rejects the rule file — write straight quotes (\" or `)"
                + " instead of typographic ones, plain spaces instead of other space characters, and any other"
                + " character inside a quoted string; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.summary: the template of annotation"
                + " 'summary' of alert 'A' in group 'shop' does not parse: unexpected \"(\" in operand (at character"
                + " 12), as Go calls a function with its arguments after it, separated by spaces, and takes"
                + " parentheses only around a whole call or value; Prometheus rejects the rule file — write '(humanize"
                + " $value)' or 'humanize $value', not 'humanize($value)', and separate a value in parentheses from"
                + " what follows with a space; 'promtool check rules' on the rule file shows the same");
  }

  @Test
  void alertTemplatesWithTemplateNamesValuesOrPipelinesGoDoesNotTake() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      labels:\n        team: '{{ template $labels.team }}'\n"
        + "      annotations:\n        summary: '{{ $value | humanize | \"%\" }}'\n"
        + "        description: '{{ $job := }}'\n"
        + "        ok: '{{ template \"t\" $labels }}{{ $value | humanize | printf \"%s\" }}'\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels.team: the template of label 'team' of alert"
                + " 'A' in group 'shop' does not parse: unexpected \"$labels\" in template clause (at character 13),"
                + " as define, template and block take the template's name as a quoted string right after the keyword"
                + " (never from a variable), and define takes nothing more; Prometheus rejects the rule file — write"
                + " the name in quotes, as in '{{ define \"name\" }}', '{{ template \"name\" . }}' or '{{ block"
                + " \"name\" . }}'; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.description: the template of annotation"
                + " 'description' of alert 'A' in group 'shop' does not parse: missing value for command (at character"
                + " 1), as Go takes a value in every action and pipeline: after ':=' or '=', inside parentheses, after"
                + " if, range or with, and after a block's name; Prometheus rejects the rule file — write the value,"
                + " as in '{{ $job := $labels.job }}' or '{{ block \"name\" . }}', or remove the empty action or"
                + " parentheses; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.summary: the template of annotation"
                + " 'summary' of alert 'A' in group 'shop' does not parse: non executable command in pipeline stage 3"
                + " (at character 24), as Go passes what comes before a '|' as the last argument of the command after"
                + " it, which must be a function, method or field to call, not a number, string, true, false, nil or"
                + " '.'; Prometheus rejects the rule file — put a function after each '|', as in '{{ $value | humanize"
                + " }}', or pass the value as an argument, as in '{{ printf \"%.1f\" $value }}'; 'promtool check"
                + " rules' on the rule file shows the same");
  }

  @Test
  void alertTemplatesWithQuotedTextOrDefinitionsGoDoesNotTake() {
    assertThat(problemsWith("  - name: shop\n    rules:\n    - alert: A\n      expr: up == 0\n"
        + "      labels:\n        team: '{{ define \"t\" }}a{{ end }}{{ define \"t\" }}b{{ end }}'\n"
        + "      annotations:\n        summary: '{{ printf \"C:\\path %s\" $value }}'\n"
        + "        description: '{{ define \"__alert_A\" }}x{{ end }}'\n"
        + "        ok: '{{ define \"t\" }} {{ end }}{{ define \"t\" }}b{{ end }}{{ printf `C:\\path %s` $value }}'\n"))
        .containsExactly(
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].labels.team: the template of label 'team' of alert"
                + " 'A' in group 'shop' does not parse: template: multiple definition of template \"t\" (at character"
                + " 44), as Go takes one define or block with content for each template name in a label or annotation,"
                + " the alert's own template (named '__alert_' and the alert's name) included; Prometheus rejects the"
                + " rule file — give each define and block its own name, or leave out all but one; 'promtool check"
                + " rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.description: the template of annotation"
                + " 'description' of alert 'A' in group 'shop' does not parse: template: multiple definition of"
                + " template \"__alert_A\", as Go takes one define or block with content for each template name in a"
                + " label or annotation, the alert's own template (named '__alert_' and the alert's name) included;"
                + " Prometheus rejects the rule file — give each define and block its own name, or leave out all but"
                + " one; 'promtool check rules' on the rule file shows the same",
            "ERROR [monitoring] " + AT + "spec.groups[0].rules[0].annotations.summary: the template of annotation"
                + " 'summary' of alert 'A' in group 'shop' does not parse: invalid syntax (at character 11), as Go"
                + " reads a double-quoted string or a character constant ('x') with Go's escapes only (such as \\n,"
                + " \\t, \\\\, \\\" and \\x41), and a character constant holds one character; Prometheus rejects the"
                + " rule file — escape a backslash as '\\\\', quote text of more than one character with double"
                + " quotes, or write text with backslashes as a raw string in backquotes, as in `C:\\path`; 'promtool"
                + " check rules' on the rule file shows the same");
  }
}
