package dev.shipshape.monitoring.internal.template;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Go template, as Prometheus 2.42 parses an alert's labels and annotations when it loads a rule file
 * (https://pkg.go.dev/text/template), read as Go 1.19's text/template/parse reads it: {@link GoLexer} gives each
 * action's tokens, {@link TemplateAction} and {@link TemplatePipeline} parse them, {@link TemplateScope} knows the
 * blocks open, the variables declared and the templates defined. It takes every action closed, strings and comments
 * closed, parentheses balanced, {@code if}, {@code range}, {@code with}, {@code define} and {@code block} closed by
 * {@code end}, with one {@code else} only inside the first three ({@code else if} only in an {@code if}),
 * {@code define} only outside any block, quoted names after {@code define}, {@code template} and {@code block},
 * every function called defined by Go or by Prometheus, every variable used declared before in scope (two at once
 * only in a {@code range}), {@code break} and {@code continue} only inside a {@code range}, keywords only where they
 * start an action, names ended by a space or punctuation Go takes after them, no operators and no characters outside
 * ASCII but in names and quoted text, numbers in Go's syntax ({@link GoNumber}), quoted text with Go's escapes
 * ({@link GoQuoted}), a value in every pipeline, no constant after a '|', and one template of a name with content.
 * Argument counts and types are not checked, nor whether an assignment ({@code $x = 1}) has a variable to assign to:
 * Go checks them only when the template runs.
 */
public final class GoTemplate {
  private static final List<String> GO_FUNCTIONS = List.of("and", "or", "not", "len", "index", "slice", "print",
      "printf", "println", "html", "js", "urlquery", "call", "eq", "ne", "lt", "le", "gt", "ge");
  /** Prometheus 2.42's template/template.go; later versions add more (now, toDuration, ...), which 2.42 refuses. */
  private static final List<String> PROMETHEUS_FUNCTIONS = List.of("query", "first", "label", "value", "strvalue",
      "args", "reReplaceAll", "safeHtml", "match", "title", "toUpper", "toLower", "graphLink", "tableLink",
      "sortByLabel", "stripPort", "stripDomain", "humanize", "humanize1024", "humanizeDuration",
      "humanizePercentage", "humanizeTimestamp", "toTime", "pathPrefix", "externalURL", "parseDuration");
  static final Set<String> FUNCTIONS =
      Set.copyOf(Stream.concat(GO_FUNCTIONS.stream(), PROMETHEUS_FUNCTIONS.stream()).toList());
  /**
   * The variables Prometheus 2.42 declares ahead of an alert's template (rulefmt's testTemplateParsing prepends
   * {@code {{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}
   * {{$value := .Value}}}); a define or block does not see them.
   */
  public static final List<String> PROMETHEUS_VARIABLES = List.of("$labels", "$externalLabels", "$externalURL", "$value");
  /**
   * What a name that is no function may have been meant as: the functions, and the variables and fields Prometheus
   * gives an alert's templates, which written without '$' or '.' are calls ($externalURL and $value have functions
   * of their name).
   */
  private static final List<String> MEANT = Stream.concat(FUNCTIONS.stream(),
      Stream.of("$labels", "$externalLabels", ".Labels", ".ExternalLabels", ".ExternalURL", ".Value")).toList();

  /**
   * The kinds of mistake, each explained in its own way to whoever wrote the rule: besides names and numbers, a
   * keyword where Go takes none or with what it does not take (KEYWORD), too many variables declared (DECLARATION),
   * a token or comment Go cannot place (TOKEN), a keyword as an operand (KEYWORD_OPERAND), a character right after a
   * name (NAME_END), a character Go reads in no action (CHARACTER), a '(' right after an operand (CALL), no quoted
   * name after define, template or block or more after a define's (TEMPLATE_NAME), a pipeline without a value
   * (MISSING_VALUE), a constant after a '|' (PIPELINE_STAGE), quoted text Go cannot convert (QUOTED), and a template
   * name given content twice (DEFINITION).
   */
  public enum Cause {
    STRUCTURE, UNDEFINED_FUNCTION, UNDEFINED_VARIABLE, OUTSIDE_RANGE, BAD_NUMBER, KEYWORD, DECLARATION, TOKEN,
    KEYWORD_OPERAND, NAME_END, CHARACTER, CALL, TEMPLATE_NAME, MISSING_VALUE, PIPELINE_STAGE, QUOTED, DEFINITION
  }

  /**
   * Why a template does not parse: Go's message with the position, the kind of mistake, the function, variable,
   * keyword, number, token, character or template name at fault (none for some), and the defined name most likely
   * meant instead.
   */
  public record ParseError(String message, Cause cause, Optional<String> name, Optional<String> meant) {}

  private GoTemplate() {}

  /**
   * The first error of {@code text}, a label or annotation of the alert {@code alert}, with its character position, or
   * empty when it parses. Prometheus names the template "__alert_" and the alert's name, which a define or block with
   * content may not take too.
   */
  public static Optional<ParseError> check(String text, String alert) {
    TemplateScope scope = new TemplateScope(Stream.concat(Stream.of("$"), PROMETHEUS_VARIABLES.stream()).toList());
    try {
      int i = 0;
      while (true) {
        int open = text.indexOf("{{", i);
        scope.text(text.substring(i, open < 0 ? text.length() : open));
        if (open < 0) break;
        // "{{- " trims the text before the braces: '-' and exactly one space character, both no part of the action.
        boolean trim = text.startsWith("-", open + 2) && open + 3 < text.length()
            && GoLexer.isSpace(text.charAt(open + 3));
        int start = open + (trim ? 4 : 2);
        i = text.startsWith("/*", start) ? comment(text, start, open)
            : TemplateAction.read(GoLexer.lex(text, start, open), open, scope);
      }
    } catch (TemplateFailure failure) {
      return Optional.of(failure.error());
    }
    if (scope.innermost().isPresent()) {
      return Optional.of(new ParseError("unexpected end of text: {{" + scope.innermost().get() + "}} has no {{end}}",
          Cause.STRUCTURE, Optional.empty(), Optional.empty()));
    }
    // Go adds the alert's own template once it read it all; it is never empty, as Prometheus' variables come first.
    String name = "__alert_" + alert;
    if (!scope.hasContent(GoQuoted.bytes(name))) return Optional.empty();
    return Optional.of(new ParseError("template: multiple definition of template " + GoToken.quote(name),
        Cause.DEFINITION, Optional.of(name), Optional.empty()));
  }

  /**
   * Reads a comment from {@code from}, where Go's lexer takes one only: right after the braces and trim marker, and
   * returns where the text after it starts. Its closing braces must follow "*\/" at once or after one space character
   * and a trim marker.
   */
  private static int comment(String text, int from, int open) {
    int close = text.indexOf("*/", from + 2);
    if (close < 0) throw TemplateFailure.at("unclosed comment", open, Cause.STRUCTURE);
    int after = close + 2;
    boolean trim = after < text.length() && GoLexer.isSpace(text.charAt(after)) && text.startsWith("-}}", after + 1);
    if (!trim && !text.startsWith("}}", after)) {
      throw TemplateFailure.at("comment ends before closing delimiter", after, Cause.TOKEN, "*/");
    }
    return (trim ? after + 2 : after) + 2;
  }

  /**
   * What {@code name}, which is no function, was most likely meant to be: the one function, variable or field
   * closest to it by a few letters typed wrong, missing, extra or swapped; empty when none or several are as close.
   */
  public static Optional<String> closest(String name) {
    return closest(name, MEANT);
  }

  /** The one of {@code candidates} closest to {@code name}, both compared without a leading '$' or '.'. */
  static Optional<String> closest(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    String bare = name.replaceFirst("^[$.]", "");
    for (String candidate : candidates) {
      int d = distance(bare, candidate.replaceFirst("^[$.]", ""));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    // Short names are a letter or two away from many functions (ne, le, lt, ...), so no guess is obvious for them.
    return tie || bestDistance > 2 || 3 * bestDistance > name.length() ? Optional.empty() : Optional.of(best);
  }

  /** The optimal string alignment distance: insertions, deletions, substitutions and swaps of adjacent letters. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
