package dev.shipshape.monitoring.internal.template;

import dev.shipshape.monitoring.internal.template.GoTemplate.Cause;
import dev.shipshape.monitoring.internal.template.GoToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Go 1.19's lexer (text/template/parse) inside one action: its tokens up to the right delimiter ({@code }}} or
 * {@code  -}}}), or up to the first error, which ends them as an error token. A name (function, keyword, variable
 * after '$', field after '.') must end at a space, '.', ',', '|', ':', '(', ')' or the right delimiter ("bad
 * character"); any character that starts no token and is no printable ASCII is refused ("unrecognized character in
 * action"), while the other printable ASCII characters are tokens of their own, which the parser refuses.
 */
final class GoLexer {
  private static final Set<String> KEYWORDS = Set.of("block", "break", "continue", "define", "else", "end", "if",
      "range", "template", "with");

  private final String text;
  private final int open;
  private final List<GoToken> tokens = new ArrayList<>();
  private int pos;
  private int depth;

  private GoLexer(String text, int from, int open) {
    this.text = text;
    this.pos = from;
    this.open = open;
  }

  /** The tokens of the action opened at {@code open}, from {@code from}, past its left delimiter and trim marker. */
  static List<GoToken> lex(String text, int from, int open) {
    GoLexer lexer = new GoLexer(text, from, open);
    boolean more = true;
    while (more) more = lexer.token();
    return lexer.tokens;
  }

  /** Reads one token; false after the last. */
  private boolean token() {
    int delimiter = rightDelimiter(pos);
    if (delimiter > 0 && depth > 0) return fail("unclosed left paren", pos, Cause.STRUCTURE);
    if (delimiter > 0) {
      tokens.add(new GoToken(Kind.END, pos, pos + delimiter, "}}", Optional.empty()));
      return false;
    }
    if (pos >= text.length()) return fail("unclosed action", open, Cause.STRUCTURE);
    int c = text.codePointAt(pos);
    if (isSpace(c)) {
      int end = pos;
      while (end < text.length() && isSpace(text.charAt(end)) && rightDelimiter(end) == 0) end++;
      return take(Kind.SPACE, end - pos);
    }
    return switch (c) {
      case '=' -> take(Kind.ASSIGN, 1);
      case ':' -> text.startsWith(":=", pos) ? take(Kind.DECLARE, 2) : fail("expected :=", pos, Cause.TOKEN, ":");
      case '|' -> take(Kind.PIPE, 1);
      case '"' -> quoted('"', Kind.STRING, "unterminated quoted string");
      case '\'' -> quoted('\'', Kind.CHAR_CONSTANT, "unterminated character constant");
      case '`' -> raw();
      case '$' -> name(Kind.VARIABLE, Kind.VARIABLE);
      case '(' -> {
        depth++;
        yield take(Kind.LEFT_PAREN, 1);
      }
      case ')' -> rightParen();
      default -> other(c);
    };
  }

  /** A field, number, name or other character; '.' starts a field unless a digit follows it. */
  private boolean other(int c) {
    if (c == '.' && pos + 1 < text.length() && !isAsciiDigit(text.charAt(pos + 1))) return name(Kind.FIELD, Kind.DOT);
    if (c == '.' || c == '+' || c == '-' || isAsciiDigit(c)) return number();
    if (GoNumber.isAlphaNumeric(c)) return identifier();
    if (c >= 0x20 && c < 0x7f) return take(Kind.CHAR, 1);
    return fail("unrecognized character in action: " + GoToken.codePoint(c), pos, Cause.CHARACTER,
        Character.toString(c));
  }

  /** A variable ('$' and a name) or a field ('.' and a name); {@code alone} when nothing follows the '$' or '.'. */
  private boolean name(Kind kind, Kind alone) {
    if (atTerminator(pos + 1)) return take(alone, 1);
    int end = wordEnd(pos + 1);
    return atTerminator(end) ? take(kind, end - pos) : badCharacter(end);
  }

  /** A function, keyword, true, false or nil. */
  private boolean identifier() {
    int end = wordEnd(pos);
    if (!atTerminator(end)) return badCharacter(end);
    String word = text.substring(pos, end);
    Kind kind = KEYWORDS.contains(word) ? Kind.KEYWORD : word.equals("true") || word.equals("false") ? Kind.BOOL
        : word.equals("nil") ? Kind.NIL : Kind.IDENTIFIER;
    return take(kind, end - pos);
  }

  private boolean badCharacter(int at) {
    int c = text.codePointAt(at);
    return fail("bad character " + GoToken.codePoint(c), at, Cause.NAME_END, Character.toString(c));
  }

  private boolean number() {
    GoNumber.Scan number = GoNumber.scan(text, pos);
    String read = text.substring(pos, number.end());
    if (!number.accepted()) return fail("bad number syntax: " + GoToken.quote(read), pos, Cause.BAD_NUMBER, read);
    return take(number.complex() ? Kind.COMPLEX : Kind.NUMBER, read.length());
  }

  /** A string or character constant: a backslash escapes the next character, but no line feed. */
  private boolean quoted(char quote, Kind kind, String unterminated) {
    for (int j = pos + 1; j < text.length() && text.charAt(j) != '\n'; j++) {
      char c = text.charAt(j);
      if (c == '\\' && j + 1 < text.length() && text.charAt(j + 1) != '\n') {
        j++;
      } else if (c == '\\') {
        break;
      } else if (c == quote) {
        return take(kind, j + 1 - pos);
      }
    }
    return fail(unterminated, pos, Cause.STRUCTURE);
  }

  private boolean raw() {
    int close = text.indexOf('`', pos + 1);
    if (close < 0) return fail("unterminated raw quoted string", pos, Cause.STRUCTURE);
    return take(Kind.RAW_STRING, close + 1 - pos);
  }

  /** Go's lexer gives the parser a ')' with no '(' before its error, so the parser names the ')' first. */
  private boolean rightParen() {
    int at = pos;
    take(Kind.RIGHT_PAREN, 1);
    return --depth >= 0 || fail("unexpected right paren " + GoToken.codePoint(')'), at, Cause.STRUCTURE);
  }

  /** The token of {@code length} characters at the current position. */
  private boolean take(Kind kind, int length) {
    tokens.add(GoToken.of(kind, text, pos, pos + length));
    pos += length;
    return true;
  }

  private boolean fail(String message, int at, Cause cause) {
    tokens.add(GoToken.failure(TemplateFailure.error(message, at, cause), at));
    return false;
  }

  private boolean fail(String message, int at, Cause cause, String name) {
    tokens.add(GoToken.failure(TemplateFailure.error(message, at, cause, name), at));
    return false;
  }

  /** The length of the right delimiter at {@code k}, with its trim marker (a space character and '-'); 0 if none. */
  private int rightDelimiter(int k) {
    if (k < text.length() && isSpace(text.charAt(k)) && text.startsWith("-}}", k + 1)) return 4;
    return text.startsWith("}}", k) ? 2 : 0;
  }

  /** Where a name may end: at a space, '.', ',', '|', ':', '(', ')', the right delimiter or the end of the text. */
  private boolean atTerminator(int k) {
    return k >= text.length() || isSpace(text.charAt(k)) || ".,|:()".indexOf(text.charAt(k)) >= 0
        || text.startsWith("}}", k);
  }

  private int wordEnd(int k) {
    while (k < text.length() && GoNumber.isAlphaNumeric(text.codePointAt(k))) {
      k += Character.charCount(text.codePointAt(k));
    }
    return k;
  }

  /** Go's lexer separates by these only (also around trim markers); other white space is an unrecognized character. */
  static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
