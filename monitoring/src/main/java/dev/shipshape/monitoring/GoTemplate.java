package dev.shipshape.monitoring;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Go template, as Prometheus 2.42 parses an alert's labels and annotations when it loads a rule file
 * (https://pkg.go.dev/text/template): every action closed, strings and comments closed, parentheses balanced,
 * {@code if}, {@code range}, {@code with}, {@code define} and {@code block} closed by {@code end}, with {@code else}
 * only inside the first three, and every function called defined by Go or by Prometheus. Argument counts and types
 * are not checked: Go checks them only when the template runs.
 */
final class GoTemplate {
  private static final Set<String> BLOCKS = Set.of("if", "range", "with", "define", "block");
  private static final Set<String> ELSE_BLOCKS = Set.of("if", "range", "with");
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
   * What a name that is no function may have been meant as: the functions, and the variables and fields Prometheus
   * gives an alert's templates, which written without '$' or '.' are calls ($externalURL and $value have functions
   * of their name).
   */
  private static final List<String> MEANT = Stream.concat(FUNCTIONS.stream(),
      Stream.of("$labels", "$externalLabels", ".Labels", ".ExternalLabels", ".ExternalURL", ".Value")).toList();

  /** Why a template does not parse; {@code undefinedFunction} names the function when that is why. */
  record ParseError(String message, Optional<String> undefinedFunction) {}

  private GoTemplate() {}

  /** The first error of {@code text} with its character position, or empty when it parses. */
  static Optional<ParseError> check(String text) {
    Deque<String> blocks = new ArrayDeque<>();
    int i = 0;
    while (true) {
      int open = text.indexOf("{{", i);
      if (open < 0) break;
      int start = open + 2;
      if (text.startsWith("- ", start) || text.startsWith("-\t", start) || text.startsWith("-\n", start)) start++;
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
      Optional<ParseError> problem = action(text, from, open, end).or(() -> undefinedFunction(text, from, end[0]));
      if (problem.isPresent()) return problem;
      String action = text.substring(from, end[0]).strip();
      if (action.endsWith(" -")) action = action.substring(0, action.length() - 2).strip();
      String keyword = action.split("[\\s(]", 2)[0];
      if (action.isEmpty()) return error("missing value for command", open);
      if (BLOCKS.contains(keyword)) {
        if (action.equals(keyword)) return error("missing value for " + keyword, open);
        blocks.push(keyword);
      } else if (keyword.equals("else")) {
        if (blocks.isEmpty() || !ELSE_BLOCKS.contains(blocks.peek())) return error("unexpected {{else}}", open);
      } else if (keyword.equals("end")) {
        if (blocks.isEmpty()) return error("unexpected {{end}}", open);
        blocks.pop();
      }
      i = end[0] + 2;
    }
    return blocks.isEmpty() ? Optional.empty()
        : Optional.of(new ParseError("unexpected end of text: {{" + blocks.peek() + "}} has no {{end}}",
            Optional.empty()));
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
   * The first name in the action from {@code from} to {@code to} that Go's parser looks up as a function and finds
   * neither among Go's nor Prometheus' functions. Names after '$' (variables) or '.' (fields and methods, also in
   * chains such as {@code $labels.job}) are not calls, and strings and numbers hold no names.
   */
  private static Optional<ParseError> undefinedFunction(String text, int from, int to) {
    int k = from;
    while (k < to) {
      char c = text.charAt(k);
      if (c == '"' || c == '\'') {
        k = quoted(text, k, c) + 1;
      } else if (c == '`') {
        k = text.indexOf('`', k + 1) + 1;
      } else if (isAsciiDigit(c) || c == '.' && k + 1 < to && isAsciiDigit(text.charAt(k + 1))) {
        // A number such as 0x1F, 1e3 or .5; letters run into one are Go's "bad number syntax", not a name.
        k = word(text, k + 1, to, true);
      } else if (c == '$' || c == '.') {
        k = word(text, k + 1, to, false);
      } else if (isAlphaNumeric(text.codePointAt(k))) {
        int end = word(text, k, to, false);
        String name = text.substring(k, end);
        if (!KEYWORDS.contains(name) && !FUNCTIONS.contains(name)) {
          return error("function \"" + name + "\" not defined", k, Optional.of(name));
        }
        k = end;
      } else {
        k++;
      }
    }
    return Optional.empty();
  }

  /** Where the name (or, with {@code number}, the number's digits, letters and points) from {@code k} ends. */
  private static int word(String text, int k, int to, boolean number) {
    while (k < to) {
      int c = text.codePointAt(k);
      if (!isAlphaNumeric(c) && !(number && c == '.')) break;
      k += Character.charCount(c);
    }
    return k;
  }

  /** Go's lexer starts a number only at an ASCII digit; any other letter, digit or '_' starts a name. */
  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlphaNumeric(int c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /**
   * What {@code name}, which is no function, was most likely meant to be: the one function, variable or field
   * closest to it by a few letters typed wrong, missing, extra or swapped; empty when none or several are as close.
   */
  static Optional<String> closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String candidate : MEANT) {
      int d = distance(name, candidate.replaceFirst("^[$.]", ""));
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
    return error(message, at, Optional.empty());
  }

  private static Optional<ParseError> error(String message, int at, Optional<String> function) {
    return Optional.of(new ParseError(message + " (at character " + (at + 1) + ")", function));
  }
}
