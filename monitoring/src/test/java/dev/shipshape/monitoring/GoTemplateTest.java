package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.monitoring.internal.template.GoTemplate;
import dev.shipshape.monitoring.internal.template.GoTemplate.Cause;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert templates: the structure, functions, variables, break and continue, and numbers Prometheus parses, each error
 * with its position, and agreement with promtool.
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
      "{{ if eq 1 1 }}{{ else if ne 1 2 }}{{ end }}{{ with $labels }}{{ else }}{{ end }}",
      // Variables live until the end of the if, range or with that declares them, its else branch included.
      "{{ $x := 1 }}{{ range . }}{{ $x }}{{ $y := 2 }}{{ else }}{{ $y }}{{ end }}{{ $x }}",
      "{{ range $i, $e := . }}{{ $i }}{{ $e }}{{ else }}{{ $e }}{{ end }}{{ if true }}{{ $z := 1 }}{{ else }}{{ $z }}"
          + "{{ end }}",
      "{{ if $c := 1 }}{{ else if $d := 2 }}{{ $c }}{{ $d }}{{ end }}{{ with $w := 1 }}{{ $w }}{{ end }}",
      // Declared anywhere at a pipeline's start, also in parentheses and after a template's or block's name.
      "{{ print ($p := 1) }}{{ $p }}{{ template \"t\" $t := 1 }}{{ $t }}"
          + "{{ block \"b\" $b := 1 }}{{ $ }}{{ end }}{{ $b }}",
      // The parser defines a variable on assignment, and before reading the value: only running the template fails.
      "{{ $q := $q }}{{ $r = 1 }}{{ $s:=1 }}{{ $s }}{{ $labels.job | printf \"%s\" $.Labels.job }}",
      "{{ define \"d\" }}{{ $ }}{{ $d := . }}{{ $d }}{{ end }}{{ $labels }}{{ $externalLabels }}{{ $externalURL }}"
          + "{{ $value }}",
      "{{ range . }}{{ if true }}{{ break }}{{ end }}{{ with . }}{{ else }}{{ continue }}{{ end }}{{ end }}",
      "{{ define \"r\" }}{{ range . }}{{ break }}{{ end }}{{ end }}{{ range . }}{{- continue -}}{{ end }}",
      "{{ 1+2i }} {{ 2i }} {{ 0o17 }} {{ 0b101 }} {{ 1_0.5 }} {{ 0_7 }} {{ 0x_1 }} {{ 0x1.8p1 }} {{ -0 }} {{ +1 }}",
      "{{ 1e-400 }} {{ 18446744073709551615 }} {{ -9223372036854775808 }} {{ 1. }} {{ 0.e1 }} {{ 1E+3 }}",
      // Go's lexer ends a keyword at '.', and takes any of its four space characters around trim markers.
      "{{if.Labels}}x{{end}}{{range.Labels}}x{{end}}{{with.Labels}}x{{end}}{{if.x}}{{else}}{{end}}",
      "{{-\r\n $labels.job }}{{ $labels.job \r-}}{{-\t/* c */\t-}}{{/* c */\r-}}{{/* c */\n-}}",
      "{{ if 1 }}{{ else if 2 }}{{ else }}{{ end }}{{ template \"t\".x }}{{ print (1) 2 | print }}",
      // Names may hold any letter or digit; a '|' may end a pipeline; a template's pipeline may follow its name.
      "{{ $é := 1 }}{{ $é }}{{ .é }}{{ .Labels.ü }}{{ 1 | }}{{ (1 |) }}{{ template \"x\"(1) }}{{ print 1|print }}",
      // A template name may be defined again when one of the two definitions is empty.
      "{{ define \"a\" }} {{ end }}{{ define \"a\" }}y{{ end }}{{ define \"b\" }}x{{ end }}"
          + "{{ define \"b\" }}{{/* c */}}{{ end }}{{ define \"__alert_A0\" }}{{ end }}",
      "{{ \"\\x41\\101\\u00e9\\U0001F600\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\" }} {{ '\\'' }} {{ '\\x80' }} {{ `C:\\path` }}"
          + " {{ '\\u00e9' }} {{ 'é' }}",
      "{{ 0x1p4+2i }} {{ 1_0+2i }} {{ .5-.5i }} {{ +1-0i }} {{ 1e+2+3i }}",
      // Go takes pipelines in parentheses nested to any depth.
      "{{ " + "(print ".repeat(20_000) + "1" + ")".repeat(20_000) + " }}");

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

  /** Variables used where none of their name is in scope, with the error and the variable most likely meant. */
  static final Map<String, List<String>> UNDEFINED_VARIABLES = Map.ofEntries(
      Map.entry("{{ $foo }}", List.of("undefined variable \"$foo\" (at character 4)")),
      Map.entry("{{ $label.job }}", List.of("undefined variable \"$label\" (at character 4)", "$labels")),
      Map.entry("{{ $1 }}", List.of("undefined variable \"$1\" (at character 4)")),
      Map.entry("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}", List.of("undefined variable \"$x\" (at character 39)")),
      Map.entry("{{ with $w := 1 }}{{ end }}{{ $w }}", List.of("undefined variable \"$w\" (at character 31)")),
      Map.entry("{{ range $i, $e := . }}{{ end }}{{ $e }}", List.of("undefined variable \"$e\" (at character 36)")),
      Map.entry("{{ if 1 }}{{ else if $d := 2 }}{{ end }}{{ $d }}",
          List.of("undefined variable \"$d\" (at character 44)")),
      Map.entry("{{ $value := 1 }}{{ if 1 }}{{ $valeu := 2 }}{{ $valu }}{{ end }}",
          List.of("undefined variable \"$valu\" (at character 48)")),
      // A define or block is a template of its own, without Prometheus' variables.
      Map.entry("{{ define \"d\" }}{{ $labels.job }}{{ end }}",
          List.of("undefined variable \"$labels\" (at character 20)")),
      Map.entry("{{ block \"b\" . }}{{ $value }}{{ end }}",
          List.of("undefined variable \"$value\" (at character 21)")),
      Map.entry("{{ $x := 1 }}{{ define \"d\" }}{{ $x }}{{ end }}",
          List.of("undefined variable \"$x\" (at character 33)")),
      // Declarations only at the start of a pipeline; variable errors come before later number errors.
      Map.entry("{{ 1 | $z := 2 }}", List.of("undefined variable \"$z\" (at character 8)")),
      Map.entry("{{ $labels.job | printf \"%s\" $nope }}", List.of("undefined variable \"$nope\" (at character 30)")),
      Map.entry("{{ $nope 1abc }}", List.of("undefined variable \"$nope\" (at character 4)")));

  /** break and continue where Go 1.19 is outside a range: nowhere, a range's else, a define or block inside one. */
  static final Map<String, String> OUTSIDE_RANGE = Map.of(
      "{{ break }}", "{{break}} outside {{range}} (at character 1)",
      "{{ if true }}{{ continue }}{{ end }}", "{{continue}} outside {{range}} (at character 14)",
      "{{ range . }}{{ else }}{{ continue }}{{ end }}", "{{continue}} outside {{range}} (at character 24)",
      "{{ range . }}{{ block \"b\" . }}{{ break }}{{ end }}{{ end }}", "{{break}} outside {{range}} (at character 31)",
      "{{ range . }}{{ end }}{{- break -}}", "{{break}} outside {{range}} (at character 23)");

  /** Numbers Go's lexer (bad number syntax) or its conversion with strconv (the others) refuses. */
  static final Map<String, String> BAD_NUMBERS = Map.ofEntries(
      Map.entry("{{ 1abc }}", "bad number syntax: \"1a\" (at character 4)"),
      Map.entry("{{ -abc }}", "bad number syntax: \"-a\" (at character 4)"),
      Map.entry("{{ printf \"%d\" .5x }}", "bad number syntax: \".5x\" (at character 16)"),
      Map.entry("{{ 0b2 }}", "bad number syntax: \"0b2\" (at character 4)"),
      Map.entry("{{ 1-}}", "bad number syntax: \"1-\" (at character 4)"),
      Map.entry("{{ 1+2 }}", "bad number syntax: \"1+2\" (at character 4)"),
      Map.entry("{{ 1 - 2 }}", "illegal number syntax: \"-\" (at character 6)"),
      Map.entry("{{ 0x }}", "illegal number syntax: \"0x\" (at character 4)"),
      Map.entry("{{ 1__0 }}", "illegal number syntax: \"1__0\" (at character 4)"),
      Map.entry("{{ 1e }}", "illegal number syntax: \"1e\" (at character 4)"),
      Map.entry("{{ 1e+ }}", "illegal number syntax: \"1e+\" (at character 4)"),
      Map.entry("{{ 1._5 }}", "illegal number syntax: \"1._5\" (at character 4)"),
      Map.entry("{{ 0b1.0 }}", "illegal number syntax: \"0b1.0\" (at character 4)"),
      Map.entry("{{ 0x1.8 }}", "illegal number syntax: \"0x1.8\" (at character 4)"),
      Map.entry("{{ 1e400 }}", "illegal number syntax: \"1e400\" (at character 4)"),
      Map.entry("{{ 08 }}", "integer overflow: \"08\" (at character 4)"),
      Map.entry("{{ 18446744073709551616 }}", "integer overflow: \"18446744073709551616\" (at character 4)"),
      Map.entry("{{ -9223372036854775809 }}", "integer overflow: \"-9223372036854775809\" (at character 4)"));

  /** else, define, end, break and continue where Go 1.19 takes them not, or with what it takes not after them. */
  static final Map<String, List<String>> KEYWORDS = Map.ofEntries(
      Map.entry("{{ range . }}{{ else if 1 }}{{ end }}", List.of("unexpected <if> in input (at character 22)", "else")),
      Map.entry("{{ with . }}{{ else if 1 }}{{ end }}", List.of("unexpected <if> in input (at character 21)", "else")),
      Map.entry("{{ with . }}{{ else with . }}{{ end }}",
          List.of("unexpected <with> in else (at character 21)", "else")),
      Map.entry("{{ if 1 }}{{ else with . }}{{ end }}", List.of("unexpected <with> in else (at character 19)", "else")),
      Map.entry("{{ if 1 }}{{ define \"x\" }}{{ end }}{{ end }}",
          List.of("unexpected <define> in command (at character 14)", "define")),
      Map.entry("{{ define \"x\" }}{{ define \"y\" }}{{ end }}{{ end }}",
          List.of("unexpected <define> in command (at character 20)", "define")),
      Map.entry("{{ if 1 }}{{ else }}{{ else }}{{ end }}",
          List.of("expected end; found {{else}} (at character 21)", "else")),
      Map.entry("{{ if 1 }}{{ else if 2 }}{{ else }}{{ else if 3 }}{{ end }}",
          List.of("expected end; found {{else}} (at character 36)", "else")),
      Map.entry("{{ range . }}{{ break 1 }}{{ end }}",
          List.of("unexpected \"1\" in {{break}} (at character 23)", "break")),
      Map.entry("{{ range . }}{{ continue $x }}{{ end }}",
          List.of("unexpected \"$x\" in {{continue}} (at character 26)", "continue")),
      Map.entry("{{ if 1 }}{{ end humanise }}", List.of("unexpected \"humanise\" in end (at character 18)", "end")),
      Map.entry("{{ if 1 }}{{ else \"abcdefghijklmn\" }}{{ end }}",
          List.of("unexpected \"\\\"abcdefghi\"... in else (at character 19)", "else")));


  /** More variables declared than Go takes: one, or two in a range; with the error and the first variable. */
  static final Map<String, List<String>> DECLARATIONS = Map.of(
      "{{ $x, $y := 1 }}", List.of("too many declarations in command (at character 6)", "$x"),
      "{{ if $x, $y := 1 }}{{ end }}", List.of("too many declarations in if (at character 9)", "$x"),
      "{{ range $x, $y, $z := . }}{{ end }}", List.of("too many declarations in range (at character 16)", "$y"),
      "{{ range $x, 1 }}{{ end }}", List.of("range can only initialize variables (at character 14)", "$x"),
      "{{ print ($a, $b := 1) }}", List.of("too many declarations in parenthesized pipeline (at character 13)", "$a"),
      "{{ template \"x\" $a, $b := 1 }}", List.of("too many declarations in template clause (at character 19)",
          "$a"));

  /** Tokens and comments Go cannot place, with the error and the token. */
  static final Map<String, List<String>> TOKENS = Map.ofEntries(
      Map.entry("{{ /* c */ }}", List.of("unexpected \"/\" in command (at character 4)", "/")),
      Map.entry("{{-  /* c */ -}}", List.of("unexpected \"/\" in command (at character 6)", "/")),
      Map.entry("{{ if /* c */ 1 }}{{ end }}", List.of("unexpected \"/\" in if (at character 7)", "/")),
      Map.entry("{{/* c */ }}", List.of("comment ends before closing delimiter (at character 10)", "*/")),
      Map.entry("{{/* c */-}}", List.of("comment ends before closing delimiter (at character 10)", "*/")),
      Map.entry("{{ .5.5 }}", List.of("unexpected \".5\" in operand (at character 6)", ".5")),
      Map.entry("{{ 1.2.3 }}", List.of("unexpected \".3\" in operand (at character 7)", ".3")),
      Map.entry("{{ 1.2.34567890123 }}", List.of("unexpected \".345678901\"... in operand (at character 7)",
          ".34567890123")),
      Map.entry("{{ 1.2.x }}", List.of("unexpected . after term \"1.2\" (at character 7)", ".")),
      Map.entry("{{ \"a\"\"b\" }}", List.of("unexpected \"\\\"b\\\"\" in operand (at character 7)", "\"b\"")),
      Map.entry("{{ 1,2 }}", List.of("unexpected \",\" in operand (at character 5)", ",")),
      Map.entry("{{ 1 | / }}", List.of("unexpected \"/\" in command (at character 8)", "/")),
      Map.entry("{{ print (/ 1) }}", List.of("unexpected \"/\" in parenthesized pipeline (at character 11)", "/")),
      Map.entry("{{ | 1 }}", List.of("unexpected \"|\" in command (at character 4)", "|")),
      Map.entry("{{ $z := 1 }}{{ 1 | $z := 2 }}", List.of("unexpected \":=\" in operand (at character 24)", ":=")),
      Map.entry("{{ : }}", List.of("expected := (at character 4)", ":")));

  static final Map<String, String> INVALID = Map.ofEntries(
      Map.entry("{{ $labels.instance ", "unclosed action (at character 1)"),
      Map.entry("{{ if gt $value 1.0 }}high", "unexpected end of text: {{if}} has no {{end}}"),
      Map.entry("done{{ end }}", "unexpected {{end}} (at character 5)"),
      Map.entry("{{ else }}", "unexpected {{else}} (at character 1)"),
      Map.entry("{{ \"abc }}", "unterminated quoted string (at character 4)"),
      Map.entry("{{ (len $labels }}", "unclosed left paren (at character 17)"),
      Map.entry("{{ len $labels) }}", "unexpected \")\" in command (at character 15)"),
      Map.entry("{{/* never closed }}", "unclosed comment (at character 1)"),
      Map.entry("{{ define \"x\" }}{{ else }}{{ end }}", "unexpected {{else}} in define clause (at character 17)"));

  @TempDir
  Path dir;

  /** The first error of a template of the alert A0, the name promtool sees for a template checked alone below. */
  static Optional<GoTemplate.ParseError> check(String template) {
    return GoTemplate.check(template, "A0");
  }

  @Test
  void validTemplatesParse() {
    for (String template : VALID) assertThat(check(template)).as(template).isEmpty();
  }

  @Test
  void eachInvalidTemplateGivesItsErrorAndPosition() {
    INVALID.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new GoTemplate.ParseError(error, Cause.STRUCTURE, Optional.empty(), Optional.empty())));
  }

  @Test
  void everyFunctionOfGoAndPrometheusIsDefined() {
    for (String function : FUNCTIONS) assertThat(check("{{ " + function + " }}")).as(function).isEmpty();
  }

  @Test
  void eachCallOfAnUndefinedFunctionGivesItsNameAndPosition() {
    UNDEFINED.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new GoTemplate.ParseError(error, Cause.UNDEFINED_FUNCTION, Optional.of(error.split("\"")[1]),
            GoTemplate.closest(error.split("\"")[1]))));
  }

  @Test
  void eachUndefinedVariableGivesItsNamePositionAndTheVariableMeant() {
    UNDEFINED_VARIABLES.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new GoTemplate.ParseError(error.get(0), Cause.UNDEFINED_VARIABLE,
            Optional.of(error.get(0).split("\"")[1]), error.stream().skip(1).findFirst())));
  }

  @Test
  void breakAndContinueOutsideARangeGiveTheirKeywordAndPosition() {
    OUTSIDE_RANGE.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new GoTemplate.ParseError(error, Cause.OUTSIDE_RANGE, Optional.of(error.substring(2,
            error.indexOf('}'))), Optional.empty())));
  }

  @Test
  void eachBadNumberGivesGosErrorAndPosition() {
    BAD_NUMBERS.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new GoTemplate.ParseError(error, Cause.BAD_NUMBER, Optional.of(error.split("\"")[1]),
            Optional.empty())));
  }

  @Test
  void keywordsWhereGoTakesThemNotGiveTheirKeywordAndPosition() {
    KEYWORDS.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new GoTemplate.ParseError(error.get(0), Cause.KEYWORD, Optional.of(error.get(1)),
            Optional.empty())));
  }

  @Test
  void tooManyDeclarationsGiveTheVariableAndPosition() {
    DECLARATIONS.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new GoTemplate.ParseError(error.get(0), Cause.DECLARATION, Optional.of(error.get(1)),
            Optional.empty())));
  }

  @Test
  void tokensAndCommentsGoCannotPlaceGiveTheTokenAndPosition() {
    TOKENS.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new GoTemplate.ParseError(error.get(0), Cause.TOKEN, Optional.of(error.get(1)), Optional.empty())));
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
      String function = check(template).flatMap(GoTemplate.ParseError::name).orElse("(none)");
      assertThat(undefined.output()).as(template).contains("function \"" + function + "\" not defined");
    }
  }

  /** promtool refuses each variable, keyword, declaration, token and number refused here, with Go's message. */
  @Test
  void promtoolRefusesTheSameVariablesKeywordsDeclarationsTokensAndNumbers() throws Exception {
    Promtool.require();
    Map<String, String> refused = new TreeMap<>();
    UNDEFINED_VARIABLES.forEach((template, error) -> refused.put(template, error.get(0)));
    refused.putAll(OUTSIDE_RANGE);
    refused.putAll(BAD_NUMBERS);
    KEYWORDS.forEach((template, error) -> refused.put(template, error.get(0)));
    DECLARATIONS.forEach((template, error) -> refused.put(template, error.get(0)));
    TOKENS.forEach((template, error) -> refused.put(template, error.get(0)));
    for (Map.Entry<String, String> entry : refused.entrySet()) {
      Files.writeString(dir.resolve("refused.yaml"), rules(List.of(entry.getKey())));
      Promtool.Result result = Promtool.run(dir, "check", "rules", "refused.yaml");
      String message = entry.getValue().replaceFirst(" \\(at character \\d+\\)$", "");
      assertThat(result.output()).as(entry.getKey()).contains(": " + message + "\n");
    }
  }

  /** A rule file of alerts A0, A1, ..., each with one of the templates as its annotation. */
  static String rules(List<String> templates) {
    StringBuilder file = new StringBuilder("groups:\n- name: templates\n  rules:\n");
    for (int i = 0; i < templates.size(); i++) {
      file.append("  - alert: A").append(i).append("\n    expr: up == 0\n    annotations:\n      summary: ")
          .append(yamlString(templates.get(i))).append("\n");
    }
    return file.toString();
  }

  /**
   * A YAML double-quoted string, whose escapes keep tabs, carriage returns, line feeds and the control characters YAML
   * takes in no other way as they are.
   */
  private static String yamlString(String text) {
    StringBuilder yaml = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\\', '"' -> yaml.append('\\').append((char) c);
        case '\t' -> yaml.append("\\t");
        case '\r' -> yaml.append("\\r");
        case '\n' -> yaml.append("\\n");
        default -> yaml.append(c < 0x20 || c >= 0x7f && c < 0xa0 ? String.format("\\u%04x", c)
            : Character.toString(c));
      }
    });
    return yaml.append('"').toString();
  }
}
