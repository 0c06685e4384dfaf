package dev.shipshape.monitoring;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Go template, as Prometheus 2.42 parses an alert's labels and annotations when it loads a rule file
 * (https://pkg.go.dev/text/template): every action closed, strings and comments closed, parentheses balanced,
 * {@code if}, {@code range}, {@code with}, {@code define} and {@code block} closed by {@code end}, with {@code else}
 * only inside the first three, every function called defined by Go or by Prometheus, every variable used declared
 * before in scope ({@link TemplateScope}), {@code break} and {@code continue} only inside a {@code range}, and numbers
 * in Go's syntax ({@link GoNumber}). Argument counts and types are not checked, nor whether an assignment
 * ({@code $x = 1}) has a variable to assign to: Go checks them only when the template runs.
 */
final class GoTemplate {
  private static final Set<String> BLOCKS = Set.of("if", "range", "with", "define", "block");
  private static final Set<String> ELSE_BLOCKS = Set.of("if", "range", "with");
  /** Keywords a pipeline follows, which may start with declarations. */
  private static final Set<String> PIPELINE_KEYWORDS = Set.of("if", "range", "with", "else");
  /** Words Go's lexer (Go 1.19, which built promtool 2.42) reads as keywords or constants, never as functions. */
  private static final Set<String> KEYWORDS = Set.of("block", "break", "continue", "define", "else", "end", "if",
      "nil", "range", "template", "with", "true", "false");
  private static final List<String> GO_FUNCTIONS = List.of("and", "or", "not", "len", "index", "slice", "print",
      "printf", "println", "html", "js", "urlquery", "call", "eq", "ne", "lt", "le", "gt", "ge");
  /** Prometheus 2.42's template/template.go; later versions add more (now, toDuration, ...), which 2.42 refuses. */
  private static final List<String> PROMETHEUS_FUNCTIONS = List.of("query", "first", "label", "value", "strvalue",
      "args", "reReplaceAll", "safeHtml", "match", "title", "toUpper", "toLower", "graphLink", "tableLink",
      "sortByLabel", "stripPort", "stripDomain", "humanize", "humanize1024", "humanizeDuration",
      "humanizePercentage", "humanizeTimestamp", "toTime", "pathPrefix", "externalURL", "parseDuration");
  private static final Set<String> FUNCTIONS =
      Set.copyOf(Stream.concat(GO_FUNCTIONS.stream(), PROMETHEUS_FUNCTIONS.stream()).toList());
  /**
   * The variables Prometheus 2.42 declares ahead of an alert's template (rulefmt's testTemplateParsing prepends
   * {@code {{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}
   * {{$value := .Value}}}); a define or block does not see them.
   */
  static final List<String> PROMETHEUS_VARIABLES = List.of("$labels", "$externalLabels", "$externalURL", "$value");
  /**
   * What a name that is no function may have been meant as: the functions, and the variables and fields Prometheus
   * gives an alert's templates, which written without '$' or '.' are calls ($externalURL and $value have functions
   * of their name).
   */
  private static final List<String> MEANT = Stream.concat(FUNCTIONS.stream(),
      Stream.of("$labels", "$externalLabels", ".Labels", ".ExternalLabels", ".ExternalURL", ".Value")).toList();

  /** The kinds of mistake, each explained in its own way to whoever wrote the rule. */
  enum Cause { STRUCTURE, UNDEFINED_FUNCTION, UNDEFINED_VARIABLE, OUTSIDE_RANGE, BAD_NUMBER }

  /**
   * Why a template does not parse: Go's message with the position, the kind of mistake, the function, variable,
   * keyword or number at fault (none for structure), and the defined name most likely meant instead.
   */
  record ParseError(String message, Cause cause, Optional<String> name, Optional<String> meant) {}

  private GoTemplate() {}

  /** The first error of {@code text} with its character position, or empty when it parses. */
  static Optional<ParseError> check(String text) {
    TemplateScope scope = new TemplateScope(Stream.concat(Stream.of("$"), PROMETHEUS_VARIABLES.stream()).toList());
    int i = 0;
    while (true) {
      int open = text.indexOf("{{", i);
      if (open < 0) break;
      boolean trim = text.startsWith("- ", open + 2) || text.startsWith("-\t", open + 2)
          || text.startsWith("-\n", open + 2);
      int start = open + (trim ? 3 : 2);
      String rest = text.substring(start).stripLeading();
      int from = text.length() - rest.length();
      if (rest.startsWith("/*")) {
        int close = text.indexOf("*/", from + 2);
        if (close < 0) return error("unclosed comment", open);
        int end = closing(text, close + 2);
        if (end < 0) return error("comment ends without closing the action", open);
        i = end + 2;
        continue;
      }
      int[] end = new int[1];
      Optional<ParseError> problem = action(text, from, open, end)
          .or(() -> statement(text, start, from, end[0], open, scope));
      if (problem.isPresent()) return problem;
      i = end[0] + 2;
    }
    return scope.innermost().map(block -> new ParseError("unexpected end of text: {{" + block + "}} has no {{end}}",
        Cause.STRUCTURE, Optional.empty(), Optional.empty()));
  }

  /**
   * Reads the action from {@code from} to its closing braces at {@code close}: its operands, then its keyword, which
   * opens, continues or closes a block, or breaks out of a range.
   */
  private static Optional<ParseError> statement(String text, int start, int from, int close, int open,
      TemplateScope scope) {
    // " -" before the braces trims the text after them; it is no part of the action.
    boolean trim = close - 2 >= start && isSpace(text.charAt(close - 2)) && text.charAt(close - 1) == '-';
    int to = trim ? close - 2 : close;
    String action = text.substring(from, Math.max(from, to)).strip();
    String keyword = action.split("[\\s(]", 2)[0];
    List<String> before = scope.variables();
    Optional<ParseError> problem = operands(text, from, to, scope);
    if (problem.isPresent()) return problem;
    if (action.isEmpty()) return error("missing value for command", open);
    if (BLOCKS.contains(keyword)) {
      if (action.equals(keyword)) return error("missing value for " + keyword, open);
      scope.open(keyword, before);
    } else if (keyword.equals("else")) {
      if (scope.innermost().filter(ELSE_BLOCKS::contains).isEmpty()) return error("unexpected {{else}}", open);
      scope.otherwise();
    } else if (keyword.equals("end")) {
      if (scope.innermost().isEmpty()) return error("unexpected {{end}}", open);
      scope.close();
    } else if ((keyword.equals("break") || keyword.equals("continue")) && !scope.inRange()) {
      return error("{{" + keyword + "}} outside {{range}}", open, Cause.OUTSIDE_RANGE, keyword, Optional.empty());
    }
    return Optional.empty();
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
  private static int quoted(String text, int k, char quote) {
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

  /** Where the braces closing a comment start, after optional space and trim marker; -1 when they do not follow. */
  private static int closing(String text, int from) {
    int k = from;
    while (k < text.length() && Character.isWhitespace(text.charAt(k))) k++;
    if (text.startsWith("-", k)) k++;
    return text.startsWith("}}", k) ? k : -1;
  }

  /**
   * Reads the operands of the action from {@code from} to {@code to} as Go's lexer and parser do: a name is a function
   * call unless after '$' (a variable) or '.' (a field or method, also in chains such as {@code $labels.job}); a
   * variable at the start of a pipeline followed by ':=', '=' or ',' is declared, any other must be in scope; a number
   * must be one in Go's syntax; strings hold no names.
   */
  private static Optional<ParseError> operands(String text, int from, int to, TemplateScope scope) {
    boolean pipeline = true;
    boolean named = false;
    int k = from;
    while (k < to) {
      char c = text.charAt(k);
      if (isSpace(c)) {
        k++;
        continue;
      }
      boolean start = pipeline;
      boolean name = named;
      pipeline = false;
      named = false;
      if (c == '"' || c == '\'') {
        k = quoted(text, k, c) + 1;
        pipeline = name;
      } else if (c == '`') {
        k = text.indexOf('`', k + 1) + 1;
        pipeline = name;
      } else if (c == '(') {
        pipeline = true;
        k++;
      } else if (c == '$') {
        int end = word(text, k + 1, to);
        String variable = text.substring(k, end);
        int next = skipSpace(text, end, to);
        if (start && declares(text, next, to)) {
          scope.declare(variable);
          // range $i, $e := ...: the variable after the comma is declared too.
          pipeline = text.charAt(next) == ',';
        } else if (!scope.defines(variable)) {
          return error("undefined variable \"" + variable + "\"", k, Cause.UNDEFINED_VARIABLE, variable,
              closest(variable, scope.variables().stream().filter(v -> !v.equals("$")).distinct().toList()));
        }
        k = pipeline ? next + 1 : end;
      } else if (startsNumber(text, k, to)) {
        GoNumber.Read number = GoNumber.read(text, k, to);
        if (number.error().isPresent()) {
          return error(number.error().get(), k, Cause.BAD_NUMBER, text.substring(k, number.end()), Optional.empty());
        }
        k = number.end();
      } else if (c == '.') {
        k = word(text, k + 1, to);
      } else if (GoNumber.isAlphaNumeric(text.codePointAt(k))) {
        int end = word(text, k, to);
        String word = text.substring(k, end);
        if (!KEYWORDS.contains(word) && !FUNCTIONS.contains(word)) {
          return error("function \"" + word + "\" not defined", k, Cause.UNDEFINED_FUNCTION, word, closest(word));
        }
        pipeline = start && PIPELINE_KEYWORDS.contains(word);
        // {{template "name" pipeline}} and {{block "name" pipeline}}: the pipeline follows the name.
        named = start && (word.equals("template") || word.equals("block"));
        k = end;
      } else {
        k++;
      }
    }
    return Optional.empty();
  }

  /** Whether a variable followed by what is at {@code k} is declared: ':=', '=' or, in a range, ','. */
  private static boolean declares(String text, int k, int to) {
    return k < to && (text.charAt(k) == ',' || text.charAt(k) == '=' || text.startsWith(":=", k));
  }

  /** Go's lexer reads a number from a sign, a digit or a point before a digit, as in -1, 0x1F or .5. */
  private static boolean startsNumber(String text, int k, int to) {
    char c = text.charAt(k);
    return c == '+' || c == '-' || isAsciiDigit(c) || c == '.' && k + 1 < to && isAsciiDigit(text.charAt(k + 1));
  }

  /** Where the name of letters, digits and '_' from {@code k} ends. */
  private static int word(String text, int k, int to) {
    while (k < to && GoNumber.isAlphaNumeric(text.codePointAt(k))) k += Character.charCount(text.codePointAt(k));
    return k;
  }

  private static int skipSpace(String text, int k, int to) {
    while (k < to && isSpace(text.charAt(k))) k++;
    return k;
  }

  /** Go's lexer separates by these only; other white space is an unrecognized character. */
  private static boolean isSpace(char c) {
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
  static Optional<String> closest(String name) {
    return closest(name, MEANT);
  }

  /** The one of {@code candidates} closest to {@code name}, both compared without a leading '$' or '.'. */
  private static Optional<String> closest(String name, List<String> candidates) {
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

  private static Optional<ParseError> error(String message, int at) {
    return Optional.of(new ParseError(message + " (at character " + (at + 1) + ")", Cause.STRUCTURE, Optional.empty(),
        Optional.empty()));
  }

  private static Optional<ParseError> error(String message, int at, Cause cause, String name, Optional<String> meant) {
    return Optional.of(new ParseError(message + " (at character " + (at + 1) + ")", cause, Optional.of(name), meant));
  }
}
