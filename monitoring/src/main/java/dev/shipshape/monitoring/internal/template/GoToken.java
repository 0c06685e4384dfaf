package dev.shipshape.monitoring.internal.template;

import dev.shipshape.monitoring.internal.template.GoTemplate.ParseError;
import java.util.Optional;

/**
 * A token of a Go template action, of the kinds Go 1.19's lexer (text/template/parse) emits; an error token carries
 * the lexer's error, which the parser reports only when it reaches the token, as Go's does.
 */
record GoToken(Kind kind, int start, int end, String text, Optional<ParseError> error) {
  /** The kinds of token; keywords, '.' and nil are named in angle brackets in Go's errors. */
  enum Kind {
    SPACE, END, LEFT_PAREN, RIGHT_PAREN, PIPE, DECLARE, ASSIGN, CHAR, STRING, RAW_STRING, CHAR_CONSTANT, NUMBER,
    COMPLEX, BOOL, NIL, DOT, FIELD, VARIABLE, IDENTIFIER, KEYWORD, ERROR
  }

  static GoToken of(Kind kind, String text, int start, int end) {
    return new GoToken(kind, start, end, text.substring(start, end), Optional.empty());
  }

  static GoToken failure(ParseError error, int at) {
    return new GoToken(Kind.ERROR, at, at, error.message(), Optional.of(error));
  }

  boolean is(Kind kind, String text) {
    return this.kind == kind && this.text.equals(text);
  }

  /**
   * The token as Go's parser names it in "unexpected ... in ..." (item.String): a keyword, '.' or nil in angle
   * brackets, such as {@code <with>}, anything else quoted as Go's {@code %q} does, cut after ten characters when
   * longer, such as {@code ".345678901"...}.
   */
  String describe() {
    if (kind == Kind.KEYWORD || kind == Kind.DOT || kind == Kind.NIL) return "<" + text + ">";
    if (text.codePointCount(0, text.length()) <= 10) return quote(text);
    return quote(text.substring(0, text.offsetByCodePoints(0, 10))) + "...";
  }

  /** Go's strconv.Quote: quotes and backslashes escaped, control characters written as escapes. */
  static String quote(String s) {
    StringBuilder quoted = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"', '\\' -> quoted.append('\\').append((char) c);
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> quoted.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : Character.toString(c));
      }
    });
    return quoted.append('"').toString();
  }

  /** Go's {@code %#U} of a character: its code point, and the character quoted when Go counts it printable. */
  static String codePoint(int c) {
    String code = String.format("U+%04X", c);
    return isPrintable(c) ? code + " '" + Character.toString(c) + "'" : code;
  }

  /** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  private static boolean isPrintable(int c) {
    if (c < 0x80) return c >= 0x20 && c < 0x7f;
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER,
          Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }
}
