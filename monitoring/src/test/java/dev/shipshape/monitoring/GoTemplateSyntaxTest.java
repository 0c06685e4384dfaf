package dev.shipshape.monitoring;

import static dev.shipshape.monitoring.GoTemplateTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.monitoring.internal.template.GoTemplate.Cause;
import dev.shipshape.monitoring.internal.template.GoTemplate.ParseError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert templates that Go's lexer and parser refuse for their syntax: keywords as operands, characters right after a
 * name or outside ASCII, calls written with parentheses, template names, missing values, constants after a '|',
 * quoted text and complex numbers Go cannot convert, and templates defined twice; each with Go's error, its position
 * and what is at fault, and refused by promtool with the same error.
 */
class GoTemplateSyntaxTest {
  /** Keywords where Go takes an operand or a command, with the error and the keyword. */
  static final Map<String, List<String>> KEYWORD_OPERANDS = Map.ofEntries(
      Map.entry("{{ printf \"%s\" if }}", List.of("unexpected <if> in operand (at character 16)", "if")),
      Map.entry("{{ len end }}", List.of("unexpected <end> in operand (at character 8)", "end")),
      Map.entry("{{ 1 | range }}", List.of("unexpected <range> in command (at character 8)", "range")),
      Map.entry("{{ if else }}{{ end }}", List.of("unexpected <else> in if (at character 7)", "else")),
      Map.entry("{{ print (with) }}", List.of("unexpected <with> in parenthesized pipeline (at character 11)", "with")),
      Map.entry("{{ $x := template }}", List.of("unexpected <template> in command (at character 10)", "template")),
      Map.entry("{{ template \"t\" block }}", List.of("unexpected <block> in template clause (at character 17)",
          "block")),
      Map.entry("{{ range . }}{{ print break }}{{ end }}", List.of("unexpected <break> in operand (at character 23)",
          "break")));

  /** Characters right after a function, keyword, variable or field name, with the error and the character. */
  static final Map<String, List<String>> NAME_ENDS = Map.ofEntries(
      Map.entry("{{ $value$value }}", List.of("bad character U+0024 '$' (at character 10)", "$")),
      Map.entry("{{ $value\"a\" }}", List.of("bad character U+0022 '\"' (at character 10)", "\"")),
      Map.entry("{{ len\"abc\" }}", List.of("bad character U+0022 '\"' (at character 7)", "\"")),
      Map.entry("{{ .Labels'a' }}", List.of("bad character U+0027 ''' (at character 11)", "'")),
      Map.entry("{{ $x=1 }}", List.of("bad character U+003D '=' (at character 6)", "=")),
      Map.entry("{{ $labels.job- }}", List.of("bad character U+002D '-' (at character 15)", "-")),
      Map.entry("{{ humanize$value }}", List.of("bad character U+0024 '$' (at character 12)", "$")),
      Map.entry("{{ $value} }}", List.of("bad character U+007D '}' (at character 10)", "}")),
      Map.entry("{{ $“ }}", List.of("bad character U+201C '“' (at character 5)", "“")),
      // The lexer's error comes before the parser's for a keyword or a variable not declared.
      Map.entry("{{ if\"a\" }}{{ end }}", List.of("bad character U+0022 '\"' (at character 6)", "\"")),
      Map.entry("{{ if 1 }}{{ end $x$y }}", List.of("bad character U+0024 '$' (at character 20)", "$")),
      Map.entry("{{ $x$y }}", List.of("bad character U+0024 '$' (at character 6)", "$")));

  /** Characters that start no token and are no printable ASCII, with the error and the character. */
  static final Map<String, List<String>> CHARACTERS = Map.ofEntries(
      Map.entry("{{ “x” }}", List.of("unrecognized character in action: U+201C '“' (at character 4)", "“")),
      Map.entry("{{ printf ‘%s’ $value }}",
          List.of("unrecognized character in action: U+2018 '‘' (at character 11)", "‘")),
      Map.entry("{{\u00a0$value }}", List.of("unrecognized character in action: U+00A0 (at character 3)", "\u00a0")),
      Map.entry("{{ 1 \u0001 }}", List.of("unrecognized character in action: U+0001 (at character 6)", "\u0001")),
      Map.entry("{{ 1 \u000b 2 }}", List.of("unrecognized character in action: U+000B (at character 6)", "\u000b")),
      Map.entry("{{ ² }}", List.of("unrecognized character in action: U+00B2 '²' (at character 4)", "²")),
      Map.entry("{{ 1 \u3000 2 }}", List.of("unrecognized character in action: U+3000 (at character 6)", "\u3000")));

  /** A '(' right after an operand: a call written as in other languages, or values not separated. */
  static final Map<String, String> CALLS = Map.of(
      "{{ (1)(2) }}", "unexpected \"(\" in operand (at character 7)",
      "{{ humanize($value) }}", "unexpected \"(\" in operand (at character 12)",
      "{{ $labels.job(1) }}", "unexpected \"(\" in operand (at character 15)",
      "{{ .(1) }}", "unexpected \"(\" in operand (at character 5)");

  /** Other tokens right after an operand, and fields after a constant, with the error and the token. */
  static final Map<String, List<String>> OPERANDS = Map.ofEntries(
      Map.entry("{{ (1)2 }}", List.of("unexpected \"2\" in operand (at character 7)", "2")),
      Map.entry("{{ (1)\"a\" }}", List.of("unexpected \"\\\"a\\\"\" in operand (at character 7)", "\"a\"")),
      Map.entry("{{ (1)$value }}", List.of("unexpected \"$value\" in operand (at character 7)", "$value")),
      Map.entry("{{ (1)len }}", List.of("unexpected \"len\" in operand (at character 7)", "len")),
      Map.entry("{{ true.x }}", List.of("unexpected . after term \"true\" (at character 8)", ".")),
      Map.entry("{{ nil.x }}", List.of("unexpected . after term \"nil\" (at character 7)", ".")),
      Map.entry("{{ ..x }}", List.of("unexpected . after term \".\" (at character 5)", ".")),
      Map.entry("{{ $value. }}", List.of("unexpected <.> in operand (at character 10)", ".")),
      Map.entry("{{ $value.1 }}", List.of("unexpected \".1\" in operand (at character 10)", ".1")));

  /** No quoted name after define, template or block, or more after a define's; with the error and the keyword. */
  static final Map<String, List<String>> TEMPLATE_NAMES = Map.ofEntries(
      Map.entry("{{define 1}}{{end}}", List.of("unexpected \"1\" in define clause (at character 10)", "define")),
      Map.entry("{{ define \"x\" . }}{{ end }}", List.of("unexpected <.> in define clause (at character 15)",
          "define")),
      Map.entry("{{ define }}{{ end }}", List.of("unexpected \"}}\" in define clause (at character 11)", "define")),
      Map.entry("{{ template $value }}", List.of("unexpected \"$value\" in template clause (at character 13)",
          "template")),
      Map.entry("{{ template }}", List.of("unexpected \"}}\" in template clause (at character 13)", "template")),
      Map.entry("{{ block . }}{{ end }}", List.of("unexpected <.> in block clause (at character 10)", "block")));

  /** Pipelines without a value. */
  static final Map<String, String> MISSING_VALUES = Map.of(
      "{{}}", "missing value for command (at character 1)",
      "{{ if }}x{{ end }}", "missing value for if (at character 1)",
      "{{ $x := }}", "missing value for command (at character 1)",
      "{{ print () }}", "missing value for parenthesized pipeline (at character 10)",
      "{{ block \"b\" }}{{ end }}", "missing value for block clause (at character 1)",
      "{{ range $i, }}{{ end }}", "missing value for range (at character 1)",
      "{{ if 1 }}{{ else if }}{{ end }}", "missing value for if (at character 11)");

  /** Constants after a '|', where Go needs something to call. */
  static final Map<String, String> PIPELINE_STAGES = Map.of(
      "{{ 1 | 2 }}", "non executable command in pipeline stage 2 (at character 8)",
      "{{ $value | humanize | \"%s\" }}", "non executable command in pipeline stage 3 (at character 24)",
      "{{ print (. | true) }}", "non executable command in pipeline stage 2 (at character 15)",
      "{{ if $labels | . }}{{ end }}", "non executable command in pipeline stage 2 (at character 17)",
      "{{ $labels.job | nil }}", "non executable command in pipeline stage 2 (at character 18)",
      "{{ 1 | 'a' }}", "non executable command in pipeline stage 2 (at character 8)",
      "{{ 1 | `a` }}", "non executable command in pipeline stage 2 (at character 8)",
      "{{ 1 | 2i }}", "non executable command in pipeline stage 2 (at character 8)");

  /** Strings and character constants strconv refuses; the text is not repeated in the error. */
  static final Map<String, String> QUOTED = Map.of(
      "{{ \"C:\\path\" }}", "invalid syntax (at character 4)",
      "{{ printf \"%s\\'\" 1 }}", "invalid syntax (at character 11)",
      "{{ \"\\uD800\" }}", "invalid syntax (at character 4)",
      "{{ 'ab' }}", "malformed character constant: 'ab' (at character 4)",
      "{{ '' }}", "invalid syntax (at character 4)",
      "{{ '\\400' }}", "invalid syntax (at character 4)",
      "{{ define \"\\q\" }}{{ end }}", "invalid syntax (at character 11)");

  /** Complex numbers fmt.Sscan refuses, with the error and the number. */
  static final Map<String, List<String>> COMPLEX_NUMBERS = Map.of(
      "{{ 0x1+2i }}", List.of("strconv.ParseFloat: parsing \"0x1\": invalid syntax (at character 4)", "0x1+2i"),
      "{{ 1+0x2i }}", List.of("strconv.ParseFloat: parsing \"+0x2\": invalid syntax (at character 4)", "1+0x2i"),
      "{{ 1e400+2i }}", List.of("strconv.ParseFloat: parsing \"1e400\": value out of range (at character 4)",
          "1e400+2i"),
      "{{ 1+i }}", List.of("syntax error scanning complex number (at character 4)", "1+i"),
      "{{ 0b1+2i }}", List.of("syntax error scanning complex number (at character 4)", "0b1+2i"));

  /** Templates of one name defined twice with content, with the error and the name. */
  static final Map<String, List<String>> DEFINITIONS = Map.of(
      "{{ define \"a\" }}x{{ end }}{{ define \"a\" }}y{{ end }}",
      List.of("template: multiple definition of template \"a\" (at character 44)", "a"),
      "{{ define \"a\" }}x{{ end }}{{ block \"a\" . }}y{{ end }}",
      List.of("template: multiple definition of template \"a\" (at character 45)", "a"),
      "{{ define \"__alert_A0\" }}x{{ end }}",
      List.of("template: multiple definition of template \"__alert_A0\"", "__alert_A0"));

  @TempDir
  Path dir;

  @Test
  void keywordsAsOperandsGiveTheKeywordAndPosition() {
    assertNamed(KEYWORD_OPERANDS, Cause.KEYWORD_OPERAND);
  }

  @Test
  void charactersRightAfterANameGiveTheCharacterAndPosition() {
    assertNamed(NAME_ENDS, Cause.NAME_END);
  }

  @Test
  void charactersOutsideAsciiAndNamesGiveTheCharacterAndPosition() {
    assertNamed(CHARACTERS, Cause.CHARACTER);
  }

  @Test
  void aParenthesisRightAfterAnOperandIsACall() {
    CALLS.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new ParseError(error, Cause.CALL, Optional.of("("), Optional.empty())));
  }

  @Test
  void tokensRightAfterAnOperandAndFieldsOfConstantsGiveTheTokenAndPosition() {
    assertNamed(OPERANDS, Cause.TOKEN);
  }

  @Test
  void templateNamesNotQuotedGiveTheKeywordAndPosition() {
    assertNamed(TEMPLATE_NAMES, Cause.TEMPLATE_NAME);
  }

  @Test
  void pipelinesWithoutAValueGiveTheirPosition() {
    assertUnnamed(MISSING_VALUES, Cause.MISSING_VALUE);
  }

  @Test
  void constantsAfterAPipeGiveTheStageAndPosition() {
    assertUnnamed(PIPELINE_STAGES, Cause.PIPELINE_STAGE);
  }

  @Test
  void quotedTextGoCannotConvertGivesItsPositionOnly() {
    assertUnnamed(QUOTED, Cause.QUOTED);
  }

  @Test
  void complexNumbersGoCannotConvertGiveTheNumberAndPosition() {
    assertNamed(COMPLEX_NUMBERS, Cause.BAD_NUMBER);
  }

  @Test
  void templatesDefinedTwiceWithContentGiveTheName() {
    assertNamed(DEFINITIONS, Cause.DEFINITION);
  }

  /** promtool refuses each template refused here, with Go's message. */
  @Test
  void promtoolRefusesTheSameTemplates() throws Exception {
    Promtool.require();
    Map<String, String> refused = new TreeMap<>();
    for (Map<String, List<String>> named : List.of(KEYWORD_OPERANDS, NAME_ENDS, CHARACTERS, OPERANDS, TEMPLATE_NAMES,
        COMPLEX_NUMBERS, DEFINITIONS)) {
      named.forEach((template, error) -> refused.put(template, error.get(0)));
    }
    refused.putAll(CALLS);
    refused.putAll(MISSING_VALUES);
    refused.putAll(PIPELINE_STAGES);
    refused.putAll(QUOTED);
    for (Map.Entry<String, String> entry : refused.entrySet()) {
      Files.writeString(dir.resolve("refused.yaml"), GoTemplateTest.rules(List.of(entry.getKey())));
      Promtool.Result result = Promtool.run(dir, "check", "rules", "refused.yaml");
      String message = entry.getValue().replaceFirst(" \\(at character \\d+\\)$", "");
      assertThat(result.output()).as(entry.getKey()).contains(": " + message + "\n");
    }
  }

  private static void assertNamed(Map<String, List<String>> refused, Cause cause) {
    refused.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new ParseError(error.get(0), cause, Optional.of(error.get(1)), Optional.empty())));
  }

  private static void assertUnnamed(Map<String, String> refused, Cause cause) {
    refused.forEach((template, error) -> assertThat(check(template)).as(template)
        .contains(new ParseError(error, cause, Optional.empty(), Optional.empty())));
  }
}
