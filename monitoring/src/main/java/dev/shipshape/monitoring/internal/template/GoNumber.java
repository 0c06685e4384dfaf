package dev.shipshape.monitoring.internal.template;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A number in a Go template action as Go 1.19 reads it: the lexer of text/template/parse scans it ({@code lexNumber}:
 * "bad number syntax" when a letter or digit runs into it), then the parser converts it with strconv
 * ({@code newNumber}: "illegal number syntax" when neither an integer nor a float, "integer overflow" when only a
 * float reads an integer). In an action, {@code +} and {@code -} always start a number: templates have no operators.
 */
final class GoNumber extends GoScanner {
  private static final BigInteger INT64_LIMIT = BigInteger.ONE.shiftLeft(63);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Where a number scanned from an action ends, whether the lexer accepts it, and whether it is complex (1+2i). */
  record Scan(int end, boolean accepted, boolean complex) {}

  private GoNumber(String text, int from) {
    super(text, from);
  }

  /** Scans the number starting at {@code from} as Go's lexer does; it ends past the offending character if refused. */
  static Scan scan(String text, int from) {
    GoNumber lexer = new GoNumber(text, from);
    if (!lexer.scan()) return new Scan(lexer.pos, false, false);
    if (lexer.pos < text.length() && (text.charAt(lexer.pos) == '+' || text.charAt(lexer.pos) == '-')) {
      // A complex number such as 1+2i, whose parts the parser converts (GoComplex).
      boolean complex = lexer.scan() && text.charAt(lexer.pos - 1) == 'i';
      return new Scan(lexer.pos, complex, true);
    }
    return new Scan(lexer.pos, true, false);
  }

  /** Go's scanNumber: false, past the offending character, when a letter or digit follows what it accepts. */
  private boolean scan() {
    accept("+-");
    String digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    if (digits.length() == 10 + 1 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length() == 16 + 6 + 1 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (pos < text.length() && isAlphaNumeric(text.codePointAt(pos))) {
      pos += Character.charCount(text.codePointAt(pos));
      return false;
    }
    return true;
  }

  /** Go's letters, digits and '_', which may not run into a number. */
  static boolean isAlphaNumeric(int c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /** Go's newNumber on a number, not complex, the lexer accepted: an imaginary, an integer or a float, in turn. */
  static Optional<String> convert(String number) {
    String imaginary = number.endsWith("i") ? number.substring(0, number.length() - 1) : "";
    if (!imaginary.isEmpty() && floatError(imaginary).isEmpty()) return Optional.empty();
    if (isInteger(number)) return Optional.empty();
    if (floatError(number).isEmpty()) {
      // strconv reads a too large integer as a float, which Go refuses rather than round.
      return number.matches(".*[.eEpP].*") ? Optional.empty() : Optional.of("integer overflow: " + quote(number));
    }
    return Optional.of("illegal number syntax: " + quote(number));
  }

  /** strconv.ParseUint or ParseInt with base 0: prefixes 0x, 0o, 0b or a leading 0 for octal, '_' between digits. */
  private static boolean isInteger(String number) {
    char sign = number.isEmpty() ? ' ' : number.charAt(0);
    String body = sign == '+' || sign == '-' ? number.substring(1) : number;
    if (body.isEmpty()) return false;
    int base = 10;
    String digits = body;
    if (body.charAt(0) == '0') {
      char prefix = body.length() >= 3 ? Character.toLowerCase(body.charAt(1)) : ' ';
      base = prefix == 'x' ? 16 : prefix == 'b' ? 2 : 8;
      digits = body.substring(prefix == 'x' || prefix == 'o' || prefix == 'b' ? 2 : 1);
    }
    if (digits.contains("_") && !underscoreOk(body)) return false;
    String plain = digits.replace("_", "");
    for (char c : plain.toCharArray()) {
      if (c > 'z' || Character.digit(c, base) < 0) return false;
    }
    BigInteger value = plain.isEmpty() ? BigInteger.ZERO : new BigInteger(plain, base);
    BigInteger limit = sign == '-' ? INT64_LIMIT : sign == '+' ? INT64_LIMIT.subtract(BigInteger.ONE) : UINT64_MAX;
    return value.compareTo(limit) <= 0;
  }

  /**
   * strconv.ParseFloat's error for {@code number}, "invalid syntax" or "value out of range": it takes a decimal, or a
   * hexadecimal with a 'p' exponent, '_' between digits, and finite.
   */
  static Optional<String> floatError(String number) {
    int n = number.length();
    int i = number.startsWith("+") || number.startsWith("-") ? 1 : 0;
    boolean hex = i + 2 < n && number.charAt(i) == '0' && Character.toLowerCase(number.charAt(i + 1)) == 'x';
    if (hex) i += 2;
    boolean digits = false;
    boolean dot = false;
    for (; i < n; i++) {
      char c = number.charAt(i);
      if (c == '.' && !dot) {
        dot = true;
      } else if (isDigit(c) || hex && "abcdefABCDEF".indexOf(c) >= 0) {
        digits = true;
      } else if (c != '_') {
        break;
      }
    }
    if (!digits) return Optional.of(GoQuoted.INVALID);
    if (i < n && Character.toLowerCase(number.charAt(i)) == (hex ? 'p' : 'e')) {
      i++;
      if (i < n && (number.charAt(i) == '+' || number.charAt(i) == '-')) i++;
      if (i >= n || !isDigit(number.charAt(i))) return Optional.of(GoQuoted.INVALID);
      while (i < n && (isDigit(number.charAt(i)) || number.charAt(i) == '_')) i++;
    } else if (hex) {
      return Optional.of(GoQuoted.INVALID);
    }
    if (i != n || number.contains("_") && !underscoreOk(number)) return Optional.of(GoQuoted.INVALID);
    boolean infinite = Double.isInfinite(Double.parseDouble(number.replace("_", "")));
    return infinite ? Optional.of("value out of range") : Optional.empty();
  }

  /** strconv's underscoreOK: each '_' between digits, or between a base prefix and a digit. */
  private static boolean underscoreOk(String number) {
    String s = number.startsWith("+") || number.startsWith("-") ? number.substring(1) : number;
    char saw = '^';
    int i = 0;
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
      i = 2;
      saw = '0';
      hex = Character.toLowerCase(s.charAt(1)) == 'x';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isDigit(c) || hex && "abcdefABCDEF".indexOf(c) >= 0) {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') return false;
        saw = '_';
      } else {
        if (saw == '_') return false;
        saw = '!';
      }
    }
    return saw != '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Go's %q of a number's text, which holds no quote, backslash or control character. */
  private static String quote(String number) {
    return "\"" + number + "\"";
  }
}
