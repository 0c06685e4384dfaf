package dev.shipshape.core.internal.yaml;

import java.util.Set;

/**
 * How the library's emitter writes keys and string values, for the strings where that is certain; {@code null}
 * for every other string. The rules are Jackson's {@code YAMLGenerator} with {@code MINIMIZE_QUOTES} and
 * {@code ALWAYS_QUOTE_NUMBERS_AS_STRINGS} and the {@link QuotingChecker} (which style it asks for) followed by SnakeYAML's emitter (whether that
 * style is allowed, and where it folds long lines), restricted to printable ASCII (keys: letters, digits and
 * {@code . _ / -}). The golden and property tests compare every answer with the library.
 */
final class ScalarStyles {
  /**
   * SnakeYAML's default line width: a plain scalar with spaces that runs past it is folded at a space, so such a
   * scalar is left to the library.
   */
  private static final int WIDTH = 80;
  /** Keys at most this long are written as simple keys ({@code key: value}); SnakeYAML's limit is 128. */
  private static final int MAX_KEY = 100;
  /** YAML 1.1 booleans and nulls, which Jackson quotes (its StringQuotingChecker). */
  private static final Set<String> RESERVED = Set.of(
      "false", "False", "FALSE", "n", "N", "no", "No", "NO", "null", "Null", "NULL", "on", "On", "ON",
      "off", "Off", "OFF", "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES");
  private static final int MAX_RESERVED = RESERVED.stream().mapToInt(String::length).max().orElse(0);

  private ScalarStyles() {}

  /** A mapping key as written before its colon, or null. */
  static String key(String name) {
    int length = name.length();
    if (length == 0 || length > MAX_KEY) return null;
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if (!isWord(c) && c != '.' && c != '/' && c != '-') return null;
    }
    char first = name.charAt(0);
    boolean numberLike = first == '-' || first == '.' || (first >= '0' && first <= '9');
    if (numberLike || isReserved(name)) return '"' + name + '"';
    return isWord(first) || first == '/' ? name : null;
  }

  /** A string value as written, starting at {@code column} (0-based), or null. */
  static String stringValue(String text, int column) {
    int length = text.length();
    if (length == 0) return "\"\"";
    boolean spaces = false;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < ' ' || c > '~') return null; // line breaks, tabs, other controls and non-ASCII: left to the library
      if (c == ' ') spaces = true;
    }
    if (spaces && column + length > WIDTH) return null;
    if (quoted(text)) {
      // Double-quoted: without spaces (where the library may fold) and without characters it escapes.
      return spaces || text.indexOf('"') >= 0 || text.indexOf('\\') >= 0 ? null : '"' + text + '"';
    }
    return plainAllowed(text) ? text : null;
  }

  /** Whether Jackson asks for double quotes (its quoting rule, then its number pattern). */
  private static boolean quoted(String text) {
    char first = text.charAt(0);
    if (first == '~' || isReserved(text)) return true;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      switch (text.charAt(i)) {
        case '[': case ']': case '{': case '}': case ',':
          return true;
        case '#':
          if (i > 0 && text.charAt(i - 1) == ' ') return true;
          break;
        case ':':
          if (i < length - 1 && text.charAt(i + 1) == ' ') return true;
          break;
        default:
      }
    }
    return looksLikeNumber(text) || QuotingChecker.readAsAnotherType(text);
  }

  /**
   * Whether SnakeYAML writes printable ASCII text that Jackson does not quote as a plain scalar in block context
   * (else it single-quotes it): no indicator character first, no leading or trailing space, no {@code ": "},
   * {@code " #"} or final colon, no document marker at the start.
   */
  private static boolean plainAllowed(String text) {
    int length = text.length();
    char first = text.charAt(0);
    if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) return false;
    if ((first == '-' || first == '?' || first == ':') && (length == 1 || text.charAt(1) == ' ')) return false;
    if (text.startsWith("---") || text.startsWith("...")) return false;
    char last = text.charAt(length - 1);
    if (first == ' ' || last == ' ' || last == ':') return false;
    return !text.contains(": ") && !text.contains(" #");
  }

  /** True for a number's text that the emitter writes as it is: digits with an optional sign, point, exponent. */
  static boolean isPlainNumber(String text) {
    int length = text.length();
    if (length == 0) return false;
    int start = text.charAt(0) == '-' ? 1 : 0;
    if (start == length || !isDigit(text.charAt(start))) return false;
    for (int i = start; i < length; i++) {
      char c = text.charAt(i);
      if (!isDigit(c) && c != '.' && c != 'E' && c != '-') return false;
    }
    return true;
  }

  /** Jackson's {@code PLAIN_NUMBER_P}, {@code [+-]?[0-9]*(\.[0-9]*)?}, without a regular expression. */
  static boolean looksLikeNumber(String text) {
    int i = 0;
    int length = text.length();
    if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) i++;
    while (i < length && isDigit(text.charAt(i))) i++;
    if (i < length && text.charAt(i) == '.') {
      i++;
      while (i < length && isDigit(text.charAt(i))) i++;
    }
    return i == length;
  }

  /** One of {@link #RESERVED}; their length is looked at first, as most keys and values are longer. */
  private static boolean isReserved(String text) {
    return text.length() <= MAX_RESERVED && RESERVED.contains(text);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
  }
}
