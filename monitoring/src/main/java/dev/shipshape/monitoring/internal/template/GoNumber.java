package dev.shipshape.monitoring.internal.template;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A number in a Go template action as Go 1.19 reads it: the lexer of text/template/parse scans it ({@code lexNumber}:
 * "bad number syntax" when a letter or digit runs into it), then the parser converts it with strconv
 * ({@code newNumber}: "illegal number syntax" when neither an integer nor a float, "integer overflow" when only a
 * float reads an integer). In an action, {@code +} and {@code -} always start a number: templates have no operators.
 */
final class GoNumber {
  private static final BigInteger INT64_LIMIT = BigInteger.ONE.shiftLeft(63);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Where a number read from an action ends, and Go's error when it is none. */
  record Read(int end, Optional<String> error) {}

  private final String text;
  private final int to;
  private int pos;

  private GoNumber(String text, int from, int to) {
    this.text = text;
    this.pos = from;
    this.to = to;
  }

  /** Reads the number starting at {@code from} in an action ending at {@code to}. */
  static Read read(String text, int from, int to) {
    GoNumber lexer = new GoNumber(text, from, to);
    boolean scanned = lexer.scan();
    if (scanned && lexer.pos < to && (text.charAt(lexer.pos) == '+' || text.charAt(lexer.pos) == '-')) {
      // A complex number such as 1+2i; Go converts it with fmt.Sscan, which is not repeated here.
      scanned = lexer.scan() && text.charAt(lexer.pos - 1) == 'i';
      if (scanned) return new Read(lexer.pos, Optional.empty());
    }
    String number = text.substring(from, lexer.pos);
    if (!scanned) return new Read(lexer.pos, Optional.of("bad number syntax: " + quote(number)));
    return new Read(lexer.pos, convert(number));
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
    if (pos < to && isAlphaNumeric(text.codePointAt(pos))) {
      pos += Character.charCount(text.codePointAt(pos));
      return false;
    }
    return true;
  }

  private boolean accept(String valid) {
    if (pos < to && valid.indexOf(text.charAt(pos)) >= 0) {
      pos++;
      return true;
    }
    return false;
  }

  private void acceptRun(String valid) {
    while (pos < to && valid.indexOf(text.charAt(pos)) >= 0) pos++;
  }

  /** Go's letters, digits and '_', which may not run into a number. */
  static boolean isAlphaNumeric(int c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /** Go's newNumber on what the lexer accepted: an imaginary, an integer or a float, in that order. */
  private static Optional<String> convert(String number) {
    if (number.endsWith("i") && isFloat(number.substring(0, number.length() - 1))) return Optional.empty();
    if (isInteger(number)) return Optional.empty();
    if (isFloat(number)) {
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

  /** strconv.ParseFloat: decimal, or hexadecimal with a 'p' exponent, '_' between digits, and finite. */
  private static boolean isFloat(String number) {
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
    if (!digits) return false;
    if (i < n && Character.toLowerCase(number.charAt(i)) == (hex ? 'p' : 'e')) {
      i++;
      if (i < n && (number.charAt(i) == '+' || number.charAt(i) == '-')) i++;
      if (i >= n || !isDigit(number.charAt(i))) return false;
      while (i < n && (isDigit(number.charAt(i)) || number.charAt(i) == '_')) i++;
    } else if (hex) {
      return false;
    }
    if (i != n || number.contains("_") && !underscoreOk(number)) return false;
    return !Double.isInfinite(Double.parseDouble(number.replace("_", "")));
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
