package dev.shipshape.monitoring;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

/**
 * The structure of a Go template, as Prometheus parses an alert's labels and annotations when it loads a rule file
 * (https://pkg.go.dev/text/template): every action closed, strings and comments closed, parentheses balanced, and
 * {@code if}, {@code range}, {@code with}, {@code define} and {@code block} closed by {@code end}, with {@code else}
 * only inside the first three. Function names and arguments are not checked.
 */
final class GoTemplate {
  private static final Set<String> BLOCKS = Set.of("if", "range", "with", "define", "block");
  private static final Set<String> ELSE_BLOCKS = Set.of("if", "range", "with");

  private GoTemplate() {}

  /** The first structural error of {@code text} with its character position, or empty when it parses. */
  static Optional<String> check(String text) {
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
      Optional<String> problem = action(text, from, open, end);
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
        : Optional.of("unexpected end of text: {{" + blocks.peek() + "}} has no {{end}}");
  }

  /** Scans one action from {@code from}; {@code end[0]} is where its closing braces start. */
  private static Optional<String> action(String text, int from, int open, int[] end) {
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

  private static Optional<String> error(String message, int at) {
    return Optional.of(message + " (at character " + (at + 1) + ")");
  }
}
