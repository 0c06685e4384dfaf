package dev.shipshape.cli.script;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of Java source text, as far as splitting a script into top-level units needs them: identifiers and
 * keywords, literals (strings, text blocks, characters, numbers) and punctuation, each with its offsets. Comments
 * and blanks are skipped. Every {@code >} is a token of its own, so that nested type arguments close one by one.
 */
final class ScriptTokens {
  /** What a token is. */
  enum Type { WORD, LITERAL, PUNCT }

  /** One token: its type, its text, and where it starts and ends in the source. */
  static final class Token {
    final Type type;
    final String text;
    final int start;
    final int end;

    Token(Type type, String text, int start, int end) {
      this.type = type;
      this.text = text;
      this.start = start;
      this.end = end;
    }

    boolean is(String s) {
      return text.equals(s);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Thrown for a bracket, string, character literal or comment that the text does not close. */
  static final class IncompleteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int offset;

    IncompleteException(String what, int offset) {
      super(what);
      this.offset = offset;
    }
  }

  private static final List<String> OPERATORS = List.of("->", "::", "==", "!=", "<=", ">=", "&&", "||", "++", "--",
      "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", "<<", "...");

  private ScriptTokens() {}

  static List<Token> of(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) throw new IncompleteException("unclosed comment", i);
        i = end + 2;
      } else if (text.startsWith("\"\"\"", i)) {
        int end = closing(text, i + 3, "\"\"\"");
        if (end < 0) throw new IncompleteException("unclosed text block", i);
        tokens.add(new Token(Type.LITERAL, text.substring(i, end), i, end));
        i = end;
      } else if (c == '"' || c == '\'') {
        int end = closing(text, i + 1, String.valueOf(c));
        int newline = text.indexOf('\n', i);
        if (end < 0 || (newline >= 0 && newline < end)) {
          throw new IncompleteException(c == '"' ? "unclosed string literal" : "unclosed character literal", i);
        }
        tokens.add(new Token(Type.LITERAL, text.substring(i, end), i, end));
        i = end;
      } else if (Character.isJavaIdentifierStart(c)) {
        int end = i + 1;
        while (end < n && Character.isJavaIdentifierPart(text.charAt(end))) end++;
        tokens.add(new Token(Type.WORD, text.substring(i, end), i, end));
        i = end;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.'
            || text.charAt(end) == '_')) {
          end++;
        }
        tokens.add(new Token(Type.LITERAL, text.substring(i, end), i, end));
        i = end;
      } else {
        int at = i;
        String op = OPERATORS.stream().filter(o -> text.startsWith(o, at)).findFirst().orElse(String.valueOf(c));
        tokens.add(new Token(Type.PUNCT, op, i, i + op.length()));
        i += op.length();
      }
    }
    return tokens;
  }

  /** The offset just after {@code close}, skipping backslash escapes; -1 when the text ends first. */
  private static int closing(String text, int from, String close) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == '\\') {
        i += 2;
      } else if (text.startsWith(close, i)) {
        return i + close.length();
      } else {
        i++;
      }
    }
    return -1;
  }
}
