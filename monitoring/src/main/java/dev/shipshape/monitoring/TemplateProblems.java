package dev.shipshape.monitoring;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.monitoring.internal.template.GoTemplate;
import java.util.Optional;

/**
 * An alert template that does not parse, told as a problem: Go's message, and for each kind of mistake why Go refuses
 * it and how to write it instead. A mistake about a name (function, variable, keyword, number, character) is told
 * with the rule and the key, as the rest of the template may be long; the template's text is not repeated.
 */
final class TemplateProblems {
  private static final String PROMTOOL = "; 'promtool check rules' on the rule file shows the same";

  private TemplateProblems() {}

  static Problem of(ResourceRef ref, String field, String where, GoTemplate.ParseError error) {
    String name = error.name().orElse("");
    Optional<String> meant = error.meant().map(m -> "write '" + m + "' instead of '" + name + "'");
    String why;
    String fix;
    switch (error.cause()) {
      case UNDEFINED_FUNCTION -> {
        why = "as neither Go's text/template nor Prometheus 2.42 defines it";
        fix = meant.orElse("call a function of Go's text/template or of Prometheus (such as humanize, printf or"
            + " toUpper), or start a variable with '$' and a field with '.', as in '$labels.job'");
      }
      case UNDEFINED_VARIABLE -> {
        why = "as it is used where no variable of that name is declared";
        fix = GoTemplate.PROMETHEUS_VARIABLES.contains(name)
            ? "a define or block sees none of Prometheus' variables: pass what it needs as its argument, as in"
                + " '{{ template \"name\" $labels }}', and use '.' inside it"
            : meant.orElse("declare it before its use, as in '{{ " + name + " := ... }}', and not in an if, range"
                + " or with that ends before the use (a define or block sees only its own variables), or use one of"
                + " Prometheus' " + String.join(", ", GoTemplate.PROMETHEUS_VARIABLES));
      }
      case OUTSIDE_RANGE -> {
        why = "as Go accepts " + name + " only inside a range (not in its else, nor in a define or block)";
        fix = "move it into a range, or use if and else to skip the rest of the template";
      }
      case BAD_NUMBER -> {
        why = "as Go reads an argument that starts with a digit, '+', '-' or '.' and a digit as a number, and"
            + " templates have no arithmetic operators";
        fix = "write numbers as Go does (such as 42, -0.5, 1e3 or 0x1F), quote text as a string, and separate"
            + " arguments with spaces";
      }
      case KEYWORD -> {
        why = keywordWhy(name);
        fix = keywordFix(name);
      }
      case DECLARATION -> {
        why = "as Go declares one variable at the start of a pipeline, or two in a range (an index and an element)";
        fix = "declare one variable, as in '{{ $x := ... }}', or two in a range, as in '{{ range $i, $e := ... }}'";
      }
      case TOKEN -> {
        why = "as templates have no operators, separate arguments with spaces, and read a comment only right after"
            + " '{{' or '{{- ' up to '*/}}' or '*/ -}}'";
        fix = "separate arguments with spaces, quote text as a string, and write a comment as '{{/* ... */}}' or"
            + " '{{- /* ... */ -}}'";
      }
      case KEYWORD_OPERAND -> {
        why = "as '" + name + "' is a keyword of Go's templates, which starts an action (such as '{{ if ... }}') and"
            + " is never an argument, function or value";
        fix = "start the action with the keyword, or quote the word as a string, as in '\"" + name + "\"'";
      }
      case NAME_END -> {
        why = "as Go ends a function, variable or field name only at a space, '.', ',', '|', ':', '(', ')' or '}}'";
        fix = "separate arguments with spaces, as in '{{ printf \"%s\" $labels.job }}', write spaces around '=', and"
            + " quote text as a string";
      }
      case CHARACTER -> {
        why = "as an action takes characters outside ASCII only in names and quoted text, and no control characters";
        fix = "write straight quotes (\" or `) instead of typographic ones, plain spaces instead of other space"
            + " characters, and any other character inside a quoted string";
      }
      case CALL -> {
        why = "as Go calls a function with its arguments after it, separated by spaces, and takes parentheses only"
            + " around a whole call or value";
        fix = "write '(humanize $value)' or 'humanize $value', not 'humanize($value)', and separate a value in"
            + " parentheses from what follows with a space";
      }
      case TEMPLATE_NAME -> {
        why = "as define, template and block take the template's name as a quoted string right after the keyword"
            + " (never from a variable), and define takes nothing more";
        fix = "write the name in quotes, as in '{{ define \"name\" }}', '{{ template \"name\" . }}' or"
            + " '{{ block \"name\" . }}'";
      }
      case MISSING_VALUE -> {
        why = "as Go takes a value in every action and pipeline: after ':=' or '=', inside parentheses, after if,"
            + " range or with, and after a block's name";
        fix = "write the value, as in '{{ $job := $labels.job }}' or '{{ block \"name\" . }}', or remove the empty"
            + " action or parentheses";
      }
      case PIPELINE_STAGE -> {
        why = "as Go passes what comes before a '|' as the last argument of the command after it, which must be a"
            + " function, method or field to call, not a number, string, true, false, nil or '.'";
        fix = "put a function after each '|', as in '{{ $value | humanize }}', or pass the value as an argument, as"
            + " in '{{ printf \"%.1f\" $value }}'";
      }
      case QUOTED -> {
        why = "as Go reads a double-quoted string or a character constant ('x') with Go's escapes only (such as \\n,"
            + " \\t, \\\\, \\\" and \\x41), and a character constant holds one character";
        fix = "escape a backslash as '\\\\', quote text of more than one character with double quotes, or write text"
            + " with backslashes as a raw string in backquotes, as in `C:\\path`";
      }
      case DEFINITION -> {
        why = "as Go takes one define or block with content for each template name in a label or annotation, the"
            + " alert's own template (named '__alert_' and the alert's name) included";
        fix = "give each define and block its own name, or leave out all but one";
      }
      default -> {
        return Problem.error(ref, field, "the template does not parse: " + error.message() + "; Prometheus rejects"
            + " the rule file", "close every '{{' with '}}', every '(' with ')' (and write no ')' without its '('),"
            + " and every if, range or with with '{{ end }}'" + PROMTOOL);
      }
    }
    return Problem.error(ref, field, "the template of " + where + " does not parse: " + error.message() + ", " + why
        + "; Prometheus rejects the rule file", fix + PROMTOOL);
  }

  /** Why Go 1.19 refuses the keyword else, define, end, break or continue where it is, or with what follows it. */
  private static String keywordWhy(String keyword) {
    return switch (keyword) {
      case "else" -> "as Go 1.19 takes one else in an if, range or with, alone or, in an if only, followed by if";
      case "define" -> "as Go reads a define only outside any if, range, with, define or block";
      default -> "as Go takes nothing after " + keyword;
    };
  }

  private static String keywordFix(String keyword) {
    return switch (keyword) {
      case "else" -> "write '{{ else }}' alone, with an if, range or with inside its branch where needed, and"
          + " '{{ else if ... }}' only in an if";
      case "define" -> "move the define out of the block, to the top level of the template";
      default -> "write '{{ " + keyword + " }}' alone";
    };
  }
}
