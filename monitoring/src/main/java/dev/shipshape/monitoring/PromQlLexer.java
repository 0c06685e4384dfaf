package dev.shipshape.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Splits a PromQL expression into tokens, as Prometheus' lexer does ({@code promql/parser/lex.go}). */
final class PromQlLexer {
  enum Kind {
    IDENTIFIER, NUMBER, DURATION, STRING, OPERATOR, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE,
    LEFT_BRACKET, RIGHT_BRACKET, COMMA, COLON, AT, END
  }

  /** One token; {@code text} is a string literal's value without quotes. */
  record Token(Kind kind, String text, int offset) {
    @Override
    public String toString() {
      return kind == Kind.END ? "the end of the expression" : "'" + text + "'";
    }
  }

  private static final Pattern DURATION = Pattern.compile("(?:[0-9]+(?:ms|[smhdwy]))+(?![A-Za-z0-9_])");
  private static final Pattern NUMBER = Pattern.compile(
      "0[xX][0-9a-fA-F]+|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final String[] OPERATORS = {"==", "!=", "<=", ">=", "=~", "!~", "+", "-", "*", "/", "%", "^",
      "<", ">", "="};

  private PromQlLexer() {}

  static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int brackets = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') i++;
        continue;
      }
      Kind single = switch (c) {
        case '(' -> Kind.LEFT_PAREN;
        case ')' -> Kind.RIGHT_PAREN;
        case '{' -> Kind.LEFT_BRACE;
        case '}' -> Kind.RIGHT_BRACE;
        case '[' -> Kind.LEFT_BRACKET;
        case ']' -> Kind.RIGHT_BRACKET;
        case ',' -> Kind.COMMA;
        case '@' -> Kind.AT;
        default -> null;
      };
      if (c == ':' && brackets > 0) single = Kind.COLON;
      if (single != null) {
        if (single == Kind.LEFT_BRACKET) brackets++;
        if (single == Kind.RIGHT_BRACKET) brackets--;
        tokens.add(new Token(single, String.valueOf(c), i));
        i++;
        continue;
      }
      if (c == '"' || c == '\'' || c == '`') {
        i = string(text, i, tokens);
        continue;
      }
      if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
            || text.charAt(i) == ':' && brackets == 0)) {
          i++;
        }
        tokens.add(new Token(Kind.IDENTIFIER, text.substring(start, i), start));
        continue;
      }
      Matcher duration = DURATION.matcher(text).region(i, text.length());
      if (Character.isDigit(c) && duration.lookingAt()) {
        tokens.add(new Token(Kind.DURATION, duration.group(), i));
        i = duration.end();
        continue;
      }
      Matcher number = NUMBER.matcher(text).region(i, text.length());
      if ((Character.isDigit(c) || c == '.') && number.lookingAt()) {
        tokens.add(new Token(Kind.NUMBER, number.group(), i));
        i = number.end();
        continue;
      }
      String op = operatorAt(text, i);
      if (op == null) {
        throw new IllegalArgumentException("unexpected character '" + c + "' (at character " + (i + 1) + ")");
      }
      tokens.add(new Token(Kind.OPERATOR, op, i));
      i += op.length();
    }
    tokens.add(new Token(Kind.END, "", text.length()));
    return tokens;
  }

  private static String operatorAt(String text, int i) {
    for (String op : OPERATORS) {
      if (text.startsWith(op, i)) return op;
    }
    return null;
  }

  private static int string(String text, int start, List<Token> tokens) {
    char quote = text.charAt(start);
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (i < text.length() && text.charAt(i) != quote) {
      char c = text.charAt(i);
      if (c == '\n' && quote != '`') break;
      if (c == '\\' && quote != '`' && i + 1 < text.length()) {
        i = escape(text, i, quote, value);
      } else {
        value.append(c);
        i++;
      }
    }
    if (i >= text.length() || text.charAt(i) != quote) {
      throw new IllegalArgumentException("unterminated string starting at character " + (start + 1));
    }
    tokens.add(new Token(Kind.STRING, value.toString(), start));
    return i + 1;
  }

  /**
   * Decodes the escape sequence at {@code backslash} into {@code value} and returns the index after it. Prometheus'
   * lexer ({@code lexEscape}) knows the escapes of Go's string literals: a backslash followed by one of
   * {@code abfnrtv}, a backslash or the string's own quote; by three octal digits; or by {@code x}, {@code u} or
   * {@code U} and two, four or eight hexadecimal digits. Any other is an error.
   */
  private static int escape(String text, int backslash, char quote, StringBuilder value) {
    char next = text.charAt(backslash + 1);
    int simple = "abfnrtv\\".indexOf(next);
    if (simple >= 0) {
      value.append("\u0007\b\f\n\r\t\u000b\\".charAt(simple));
      return backslash + 2;
    }
    if (next == quote) {
      value.append(quote);
      return backslash + 2;
    }
    boolean octal = next >= '0' && next <= '7';
    int digits = octal ? 3 : next == 'x' ? 2 : next == 'u' ? 4 : next == 'U' ? 8 : 0;
    if (digits == 0) {
      throw new IllegalArgumentException("unknown escape sequence '\\" + next + "' (at character " + (backslash + 1)
          + ")");
    }
    int first = octal ? backslash + 1 : backslash + 2;
    int end = Math.min(first + digits, text.length());
    long codePoint = 0;
    for (int i = first; i < first + digits; i++) {
      int digit = i < end ? Character.digit(text.charAt(i), octal ? 8 : 16) : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("escape sequence '" + text.substring(backslash, i) + "' needs "
            + digits + (octal ? " octal" : " hexadecimal") + " digits (at character " + (backslash + 1) + ")");
      }
      codePoint = codePoint * (octal ? 8 : 16) + digit;
    }
    long max = digits <= 3 ? 255 : Character.MAX_CODE_POINT;
    if (codePoint > max || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
      throw new IllegalArgumentException("escape sequence '" + text.substring(backslash, end) + "' is not a valid"
          + " code point (at character " + (backslash + 1) + ")");
    }
    value.appendCodePoint((int) codePoint);
    return end;
  }

  /** Prometheus matches label regexes fully anchored with RE2; Java's syntax agrees on what rules use. */
  static void checkRegex(String regex, Function<String, IllegalArgumentException> error) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw error.apply("invalid regular expression \"" + regex + "\": " + e.getDescription());
    }
  }
}
