package dev.shipshape.monitoring.internal.template;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Go template, as Prometheus 2.42 parses an alert's labels and annotations when it loads a rule file
 * (https://pkg.go.dev/text/template): every action closed, strings and comments closed, parentheses balanced,
 * {@code if}, {@code range}, {@code with}, {@code define} and {@code block} closed by {@code end}, with one
 * {@code else} only inside the first three ({@code else if} only in an {@code if}), {@code define} only outside any
 * block, every function called defined by Go or by Prometheus, every variable used declared before in scope
 * ({@link TemplateScope}, two at once only in a {@code range}), {@code break} and {@code continue} only inside a
 * {@code range}, no operators ({@link TemplateOperands}), and numbers in Go's syntax ({@link GoNumber}). Argument
 * counts and types are not checked, nor whether an assignment ({@code $x = 1}) has a variable to assign to: Go checks
 * them only when the template runs.
 */
public final class GoTemplate {
  private static final Set<String> BLOCKS = Set.of("if", "range", "with", "define", "block");
  private static final Set<String> ELSE_BLOCKS = Set.of("if", "range", "with");
  /** Words Go's lexer (Go 1.19, which built promtool 2.42) reads as keywords or constants, never as functions. */
  static final Set<String> KEYWORDS = Set.of("block", "break", "continue", "define", "else", "end", "if",
      "nil", "range", "template", "with", "true", "false");
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
   * and a token or comment Go cannot place (TOKEN).
   */
  public enum Cause {
    STRUCTURE, UNDEFINED_FUNCTION, UNDEFINED_VARIABLE, OUTSIDE_RANGE, BAD_NUMBER, KEYWORD, DECLARATION, TOKEN
  }

  /**
   * Why a template does not parse: Go's message with the position, the kind of mistake, the function, variable,
   * keyword, number or token at fault (none for structure), and the defined name most likely meant instead.
   */
  public record ParseError(String message, Cause cause, Optional<String> name, Optional<String> meant) {}

  private GoTemplate() {}

  /** The first error of {@code text} with its character position, or empty when it parses. */
  public static Optional<ParseError> check(String text) {
    TemplateScope scope = new TemplateScope(Stream.concat(Stream.of("$"), PROMETHEUS_VARIABLES.stream()).toList());
    int i = 0;
    while (true) {
      int open = text.indexOf("{{", i);
      if (open < 0) break;
      // "{{- " trims the text before the braces: '-' and exactly one space character, both no part of the action.
      boolean trim = text.startsWith("-", open + 2) && open + 3 < text.length() && isSpace(text.charAt(open + 3));
      int start = open + (trim ? 4 : 2);
      int[] end = new int[1];
      Optional<ParseError> problem = text.startsWith("/*", start) ? comment(text, start, open, end)
          : action(text, start, open, end).or(() -> statement(text, start, end[0], open, scope));
      if (problem.isPresent()) return problem;
      i = end[0] + 2;
    }
    return scope.innermost().map(block -> new ParseError("unexpected end of text: {{" + block + "}} has no {{end}}",
        Cause.STRUCTURE, Optional.empty(), Optional.empty()));
  }

  /**
   * Reads a comment from {@code from}, where Go's lexer takes one only: right after the braces and trim marker.
   * {@code end[0]} is where its closing braces start, which must follow "*\/" at once or after one space character
   * and a trim marker.
   */
  private static Optional<ParseError> comment(String text, int from, int open, int[] end) {
    int close = text.indexOf("*/", from + 2);
    if (close < 0) return error("unclosed comment", open);
    int after = close + 2;
    boolean trim = after < text.length() && isSpace(text.charAt(after)) && text.startsWith("-}}", after + 1);
    if (!trim && !text.startsWith("}}", after)) {
      return error("comment ends before closing delimiter", after, Cause.TOKEN, "*/", Optional.empty());
    }
    end[0] = trim ? after + 2 : after;
    return Optional.empty();
  }

  /**
   * Reads the action from {@code start} to its closing braces at {@code close}: its keyword, whether what follows the
   * keyword may follow it, its operands, then the block the keyword opens, continues or closes.
   */
  private static Optional<ParseError> statement(String text, int start, int close, int open, TemplateScope scope) {
    // " -" before the braces trims the text after them; it is no part of the action.
    boolean trim = close - 2 >= start && isSpace(text.charAt(close - 2)) && text.charAt(close - 1) == '-';
    int from = skipSpace(text, start, close);
    int to = Math.max(from, trim ? close - 2 : close);
    // Go's lexer ends a keyword at any character that is no letter, digit or '_', as in {{if.Labels}}.
    int keywordEnd = word(text, from, to);
    String keyword = text.substring(from, keywordEnd);
    List<String> before = scope.variables();
    Optional<ParseError> problem = keywordFollowed(text, from, keywordEnd, to, open, scope)
        .or(() -> TemplateOperands.read(text, from, to, scope));
    if (problem.isPresent()) return problem;
    if (from == to) return error("missing value for command", open);
    if (BLOCKS.contains(keyword)) {
      if (skipSpace(text, keywordEnd, to) == to) return error("missing value for " + keyword, open);
      scope.open(keyword, before);
    } else if (keyword.equals("else")) {
      scope.otherwise(skipSpace(text, keywordEnd, to) < to);
    } else if (keyword.equals("end")) {
      if (scope.innermost().isEmpty()) return error("unexpected {{end}}", open);
      scope.close();
    } else if ((keyword.equals("break") || keyword.equals("continue")) && !scope.inRange()) {
      return error("{{" + keyword + "}} outside {{range}}", open, Cause.OUTSIDE_RANGE, keyword, Optional.empty());
    }
    return Optional.empty();
  }

  /**
   * Go's parser reads what follows else, end, break and continue before their operands: nothing, or after else an
   * if; and it reads a define only outside any block.
   */
  private static Optional<ParseError> keywordFollowed(String text, int from, int keywordEnd, int to, int open,
      TemplateScope scope) {
    String keyword = text.substring(from, keywordEnd);
    int next = skipSpace(text, keywordEnd, to);
    if (keyword.equals("else")) return elseFollowed(text, next, to, open, scope);
    if (keyword.equals("define") && scope.innermost().isPresent()) {
      return keywordError("unexpected <define> in command", from, keyword);
    }
    boolean alone = keyword.equals("end") || keyword.equals("break") || keyword.equals("continue");
    if (alone && next < to) {
      return followed(text, next, to, keyword.equals("end") ? "end" : "{{" + keyword + "}}", keyword);
    }
    return Optional.empty();
  }

  /** An else: alone or, in an if only, followed by if; once in a block, and only in an if, range or with. */
  private static Optional<ParseError> elseFollowed(String text, int next, int to, int open, TemplateScope scope) {
    boolean elseIf = next < to && text.substring(next, word(text, next, to)).equals("if");
    if (next < to && !elseIf) return followed(text, next, to, "else", "else");
    Optional<String> block = scope.innermost();
    if (block.filter(ELSE_BLOCKS::contains).isEmpty()) {
      return error("unexpected {{else}}" + block.map(b -> " in " + b + " clause").orElse(""), open);
    }
    if (scope.hadElse()) return keywordError("expected end; found {{else}}", open, "else");
    // Go 1.19 reads "else if" only in an if; "else with" came with Go 1.23.
    if (elseIf && !block.get().equals("if")) return keywordError("unexpected <if> in input", next, "else");
    return Optional.empty();
  }

  /** What follows a keyword that takes nothing after it, at {@code next}. */
  private static Optional<ParseError> followed(String text, int next, int to, String context, String keyword) {
    String token = text.substring(next, GoToken.end(text, next, to));
    return keywordError("unexpected " + GoToken.describe(token) + " in " + context, next, keyword);
  }

  /** Scans one action from {@code from}; {@code end[0]} is where its closing braces start. */
  private static Optional<ParseError> action(String text, int from, int open, int[] end) {
    int depth = 0;
    for (int k = from; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '"' || c == '\'') {
        int close = quoted(text, k, c);
        if (close < 0) return error(c == '"' ? "unterminated quoted string" : "unterminated character constant", k);
        k = close;
      } else if (c == '`') {
        int close = text.indexOf('`', k + 1);
        if (close < 0) return error("unterminated raw quoted string", k);
        k = close;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth < 0) return error("unexpected right paren", k);
      } else if (text.startsWith("}}", k)) {
        if (depth > 0) return error("unclosed left paren", k);
        end[0] = k;
        return Optional.empty();
      }
    }
    return error("unclosed action", open);
  }

  /** The index of the quote closing the string or character constant opened at {@code k}; -1 when none. */
  static int quoted(String text, int k, char quote) {
    for (int j = k + 1; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '\n') {
        return -1;
      } else if (c == quote) {
        return j;
      }
    }
    return -1;
  }

  /** Go's lexer reads a number from a sign, a digit or a point before a digit, as in -1, 0x1F or .5. */
  static boolean startsNumber(String text, int k, int to) {
    char c = text.charAt(k);
    return c == '+' || c == '-' || isAsciiDigit(c) || c == '.' && k + 1 < to && isAsciiDigit(text.charAt(k + 1));
  }

  /** Where the name of letters, digits and '_' from {@code k} ends. */
  static int word(String text, int k, int to) {
    while (k < to && GoNumber.isAlphaNumeric(text.codePointAt(k))) k += Character.charCount(text.codePointAt(k));
    return k;
  }

  static int skipSpace(String text, int k, int to) {
    while (k < to && isSpace(text.charAt(k))) k++;
    return k;
  }

  /** Go's lexer separates by these only (also around trim markers); other white space is an unrecognized character. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** Go's lexer starts a number only at an ASCII digit; any other letter, digit or '_' starts a name. */
  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
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

  static Optional<ParseError> error(String message, int at) {
    return Optional.of(new ParseError(message + " (at character " + (at + 1) + ")", Cause.STRUCTURE, Optional.empty(),
        Optional.empty()));
  }

  static Optional<ParseError> error(String message, int at, Cause cause, String name, Optional<String> meant) {
    return Optional.of(new ParseError(message + " (at character " + (at + 1) + ")", cause, Optional.of(name), meant));
  }

  private static Optional<ParseError> keywordError(String message, int at, String keyword) {
    return error(message, at, Cause.KEYWORD, keyword, Optional.empty());
  }
}
