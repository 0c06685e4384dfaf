package dev.shipshape.monitoring.internal.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Quoted text in a Go template action as Go 1.19's parser converts it with strconv, once the lexer found its closing
 * quote: a string with Unquote, a character constant ('x') with UnquoteChar, which must read exactly one character.
 * Both take Go's escapes only: a backslash before one of {@code abfnrtv\} or the quote itself, before {@code x} and
 * two hexadecimal digits, before three octal digits up to 377, or before {@code u} and four or {@code U} and eight
 * hexadecimal digits of a Unicode code point (no surrogate).
 */
final class GoQuoted {
  /** strconv.ErrSyntax, which Go's parser reports as it is. */
  static final String INVALID = "invalid syntax";

  private final String text;
  private final char quote;
  /** The bytes read so far, as Go's strings hold bytes: {@code \xff} is one byte, not the character ÿ. */
  private final ByteArrayOutputStream value = new ByteArrayOutputStream();
  private int pos;

  private GoQuoted(String text, int from, char quote) {
    this.text = text;
    this.pos = from;
    this.quote = quote;
  }

  /**
   * The value of a string token ("..." or `...`), each byte as one character of ISO 8859-1 so that values compare as
   * Go's do; empty when strconv.Unquote refuses it.
   */
  static Optional<String> unquote(String token) {
    String body = token.substring(1, token.length() - 1);
    // A raw string is taken as it is, but for carriage returns, which Go drops from it.
    if (token.charAt(0) == '`') return Optional.of(bytes(body.replace("\r", "")));
    GoQuoted reader = new GoQuoted(body, 0, '"');
    while (reader.pos < body.length()) {
      if (!reader.character()) return Optional.empty();
    }
    return Optional.of(reader.value.toString(StandardCharsets.ISO_8859_1));
  }

  /** Text as Go holds it, in UTF-8 bytes, each as one character of ISO 8859-1. */
  static String bytes(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** The text of Go's bytes, as {@link #bytes} holds them. */
  static String text(String bytes) {
    return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  /** Go's error for a string token, or empty when strconv.Unquote takes it. */
  static Optional<String> stringError(String token) {
    return unquote(token).isPresent() ? Optional.empty() : Optional.of(INVALID);
  }

  /** Go's error for a character constant token ('x'): one character or escape, then the closing quote. */
  static Optional<String> charError(String token) {
    GoQuoted reader = new GoQuoted(token, 1, '\'');
    if (!reader.character()) return Optional.of(INVALID);
    if (reader.pos != token.length() - 1) return Optional.of("malformed character constant: " + token);
    return Optional.empty();
  }

  /** strconv.UnquoteChar: reads one character or escape; false when it is no valid one. */
  private boolean character() {
    char c = text.charAt(pos);
    if (c == quote) return false;
    if (c != '\\') {
      int codePoint = text.codePointAt(pos);
      pos += Character.charCount(codePoint);
      value.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
      return true;
    }
    if (pos + 1 >= text.length()) return false;
    char escape = text.charAt(pos + 1);
    pos += 2;
    int simple = "abfnrtv\\".indexOf(escape);
    if (simple >= 0) {
      value.write("\007\b\f\n\r\t\013\\".charAt(simple));
      return true;
    }
    if (escape == '\'' || escape == '"') {
      value.write(escape);
      return escape == quote;
    }
    if (escape == 'x' || escape == 'u' || escape == 'U') return hexadecimal(escape);
    if (escape >= '0' && escape <= '7') return octal(escape - '0');
    return false;
  }

  /** After 'x' the two digits of a byte; after 'u' or 'U' the four or eight of a code point. */
  private boolean hexadecimal(char escape) {
    int digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
    if (pos + digits > text.length()) return false;
    long v = 0;
    for (int j = 0; j < digits; j++) {
      int digit = Character.digit(text.charAt(pos + j), 16);
      if (digit < 0 || text.charAt(pos + j) > 'f') return false;
      v = v << 4 | digit;
    }
    pos += digits;
    if (escape == 'x') {
      value.write((int) v);
      return true;
    }
    if (v > Character.MAX_CODE_POINT || v >= Character.MIN_SURROGATE && v <= Character.MAX_SURROGATE) return false;
    value.writeBytes(Character.toString((int) v).getBytes(StandardCharsets.UTF_8));
    return true;
  }

  /** Three octal digits, the first already read, of a byte. */
  private boolean octal(int first) {
    if (pos + 2 > text.length()) return false;
    int v = first;
    for (int j = 0; j < 2; j++) {
      char c = text.charAt(pos + j);
      if (c < '0' || c > '7') return false;
      v = v << 3 | c - '0';
    }
    pos += 2;
    if (v > 255) return false;
    value.write(v);
    return true;
  }
}
