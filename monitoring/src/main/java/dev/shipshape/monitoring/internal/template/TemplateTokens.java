package dev.shipshape.monitoring.internal.template;

import dev.shipshape.monitoring.internal.template.GoToken.Kind;
import java.util.List;

/**
 * The parser's place in one action's tokens, moved as Go's parser moves through its lexer's items: a peek past spaces
 * consumes the spaces, and the parser may step back to a token it has read.
 */
final class TemplateTokens {
  private final List<GoToken> tokens;
  private int next;

  /** {@code tokens} end with the right delimiter or an error, which no read passes. */
  TemplateTokens(List<GoToken> tokens) {
    this.tokens = tokens;
  }

  GoToken next() {
    GoToken token = peek();
    next++;
    return token;
  }

  /** The next token; past the last, the last again. */
  GoToken peek() {
    return tokens.get(Math.min(next, tokens.size() - 1));
  }

  GoToken nextNonSpace() {
    peekNonSpace();
    return next();
  }

  GoToken peekNonSpace() {
    while (peek().kind() == Kind.SPACE) next++;
    return peek();
  }

  void backup() {
    next--;
  }

  int position() {
    return next;
  }

  void reset(int position) {
    next = position;
  }

  /** Where the text after the action starts: past its right delimiter. */
  int end() {
    return tokens.get(tokens.size() - 1).end();
  }
}
