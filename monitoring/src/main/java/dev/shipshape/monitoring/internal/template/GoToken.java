package dev.shipshape.monitoring.internal.template;

import java.util.Set;

/**
 * A token of a Go template action as Go 1.19's parser names it in "unexpected ... in ..." (text/template/parse's
 * item.String): a keyword in angle brackets, such as {@code <with>}, anything else quoted as Go's {@code %q} does,
 * cut after ten characters when longer, such as {@code ".345678901"...}.
 */
final class GoToken {
  /** The words Go's lexer gives a keyword's item type ('.' alone is the keyword dot); true and false are not. */
  private static final Set<String> KEYWORDS = Set.of(".", "block", "break", "continue", "define", "else", "end", "if",
      "nil", "range", "template", "with");

  private GoToken() {}

  /** A token as Go's parser names it. */
  static String describe(String token) {
    if (KEYWORDS.contains(token)) return "<" + token + ">";
    return token.length() > 10 ? quote(token.substring(0, 10)) + "..." : quote(token);
  }

  /** Where the token at {@code k} in an action ending at {@code to} ends, as Go's lexer reads it. */
  static int end(String text, int k, int to) {
    char c = text.charAt(k);
    if (c == '"' || c == '\'') return GoTemplate.quoted(text, k, c) + 1;
    if (c == '`') return text.indexOf('`', k + 1) + 1;
    if (c == '$' || c == '.' && !GoTemplate.startsNumber(text, k, to)) return GoTemplate.word(text, k + 1, to);
    if (GoTemplate.startsNumber(text, k, to)) return GoNumber.read(text, k, to).end();
    if (GoNumber.isAlphaNumeric(text.codePointAt(k))) return GoTemplate.word(text, k, to);
    return text.startsWith(":=", k) ? k + 2 : k + Character.charCount(text.codePointAt(k));
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
}
