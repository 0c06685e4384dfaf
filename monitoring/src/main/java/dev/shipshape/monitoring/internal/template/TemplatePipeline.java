package dev.shipshape.monitoring.internal.template;

import dev.shipshape.monitoring.internal.template.GoTemplate.Cause;
import dev.shipshape.monitoring.internal.template.GoToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline as Go 1.19's parser reads it: variables declared at its start (one, or two in a range), then commands
 * separated by '|', each of operands separated by spaces. An operand is a term (a function, which must be defined; a
 * variable, which must be in scope; a field; a constant, whose number or quoted text must convert as Go converts it;
 * or a pipeline in parentheses) followed by fields (but not after a constant). After an operand comes a space, '|',
 * ')' or the end of the action, nothing else; a keyword is no operand. A pipeline takes at least one command, and
 * every command after a '|' must start with something to call, not a constant.
 */
final class TemplatePipeline {
  /** The tokens that start an operand, and with it a command. */
  private static final Set<Kind> OPERANDS = EnumSet.of(Kind.BOOL, Kind.CHAR_CONSTANT, Kind.COMPLEX, Kind.DOT,
      Kind.FIELD, Kind.IDENTIFIER, Kind.NUMBER, Kind.NIL, Kind.RAW_STRING, Kind.STRING, Kind.VARIABLE,
      Kind.LEFT_PAREN);
  /** Terms that are constants: they take no field, and cannot be called in a pipeline's later command. */
  private static final Set<Kind> CONSTANTS = EnumSet.of(Kind.BOOL, Kind.CHAR_CONSTANT, Kind.COMPLEX, Kind.DOT,
      Kind.NUMBER, Kind.NIL, Kind.RAW_STRING, Kind.STRING);

  /** Where the reader is: between commands, at an operand, after a term (fields may follow), after an operand. */
  private enum Step { COMMAND, OPERAND, FIELDS, AFTER_OPERAND }

  /**
   * A pipeline being read: what Go names it, the token that ends it, where a missing value is reported, and the first
   * token of each of its commands.
   */
  private record Open(String context, Kind end, int at, List<GoToken> commands) {}

  private final TemplateTokens tokens;
  private final TemplateScope scope;

  TemplatePipeline(TemplateTokens tokens, TemplateScope scope) {
    this.tokens = tokens;
    this.scope = scope;
  }

  /**
   * Reads a pipeline up to {@code end}: the action's right delimiter or, in parentheses, ')'. Go names it
   * {@code context} in its errors; a missing value is reported at {@code at}. Pipelines in parentheses are read on a
   * stack of their own rather than by recursion, as Go takes them nested to any depth.
   */
  void read(String context, Kind end, int at) {
    Deque<Open> open = new ArrayDeque<>();
    begin(open, context, end, at);
    Step step = Step.COMMAND;
    GoToken term = null;
    while (!open.isEmpty()) {
      switch (step) {
        case COMMAND -> {
          GoToken token = tokens.nextNonSpace();
          Open pipeline = open.peek();
          if (token.kind() == pipeline.end()) {
            check(open.pop());
            // A pipeline in parentheses is the term of an operand in the pipeline around it.
            term = token;
            step = Step.FIELDS;
          } else if (OPERANDS.contains(token.kind())) {
            tokens.backup();
            pipeline.commands().add(token);
            step = Step.OPERAND;
          } else {
            throw unexpected(token, pipeline.context());
          }
        }
        case OPERAND -> {
          GoToken token = tokens.nextNonSpace();
          if (token.kind() == Kind.LEFT_PAREN) {
            begin(open, "parenthesized pipeline", Kind.RIGHT_PAREN, token.start());
            step = Step.COMMAND;
          } else if (term(token)) {
            term = token;
            step = Step.FIELDS;
          } else {
            tokens.backup();
            step = Step.AFTER_OPERAND;
          }
        }
        case FIELDS -> {
          fields(term);
          step = Step.AFTER_OPERAND;
        }
        case AFTER_OPERAND -> step = afterOperand();
      }
    }
  }

  private void begin(Deque<Open> open, String context, Kind end, int at) {
    open.push(new Open(context, end, at, new ArrayList<>()));
    declarations(context);
  }

  /** A pipeline takes a value, and something to call after each '|'. */
  private static void check(Open pipeline) {
    List<GoToken> commands = pipeline.commands();
    if (commands.isEmpty()) {
      throw TemplateFailure.at("missing value for " + pipeline.context(), pipeline.at(), Cause.MISSING_VALUE);
    }
    for (int i = 1; i < commands.size(); i++) {
      if (CONSTANTS.contains(commands.get(i).kind())) {
        throw TemplateFailure.at("non executable command in pipeline stage " + (i + 1), commands.get(i).start(),
            Cause.PIPELINE_STAGE);
      }
    }
  }

  /**
   * Variables at the start followed by ':=' or '=' are declared (Go's parser defines the name for an assignment too,
   * and before reading the value); followed by ',', only in a range, and only the first of two.
   */
  private void declarations(String context) {
    int declared = 0;
    while (tokens.peekNonSpace().kind() == Kind.VARIABLE) {
      int mark = tokens.position();
      GoToken variable = tokens.next();
      GoToken next = tokens.peekNonSpace();
      boolean comma = next.is(Kind.CHAR, ",");
      if (next.kind() != Kind.DECLARE && next.kind() != Kind.ASSIGN && !comma) {
        tokens.reset(mark);
        return;
      }
      tokens.next();
      scope.declare(variable.text());
      if (!comma) return;
      if (!context.equals("range") || ++declared > 1) {
        throw TemplateFailure.at("too many declarations in " + context, next.start(), Cause.DECLARATION,
            variable.text());
      }
      GoToken second = tokens.peekNonSpace();
      if (second.kind() != Kind.VARIABLE && second.kind() != Kind.END && second.kind() != Kind.RIGHT_PAREN) {
        throw TemplateFailure.at("range can only initialize variables", second.start(), Cause.DECLARATION,
            variable.text());
      }
    }
  }

  /** Fields after the term {@code term}, which a constant takes none of. */
  private void fields(GoToken term) {
    GoToken field = tokens.peek();
    if (field.kind() != Kind.FIELD) return;
    if (CONSTANTS.contains(term.kind())) {
      throw TemplateFailure.at("unexpected . after term " + GoToken.quote(term.text()), field.start(), Cause.TOKEN,
          ".");
    }
    while (tokens.peek().kind() == Kind.FIELD) tokens.next();
  }

  /** After an operand: a space and another, a '|' and the next command, or the end of the pipeline (left to read). */
  private Step afterOperand() {
    GoToken token = tokens.next();
    if (token.kind() == Kind.SPACE) return Step.OPERAND;
    if (token.kind() == Kind.PIPE) return Step.COMMAND;
    if (token.kind() == Kind.END || token.kind() == Kind.RIGHT_PAREN) {
      tokens.backup();
      return Step.COMMAND;
    }
    throw unexpected(token, "operand");
  }

  /** Checks a term other than a pipeline in parentheses; false when {@code token} starts no term. */
  private boolean term(GoToken token) {
    switch (token.kind()) {
      case IDENTIFIER -> function(token);
      case VARIABLE -> variable(token);
      case NUMBER -> number(token, GoNumber.convert(token.text()));
      case COMPLEX -> number(token, GoComplex.error(token.text()));
      case CHAR_CONSTANT -> quoted(token, GoQuoted.charError(token.text()));
      case STRING, RAW_STRING -> quoted(token, GoQuoted.stringError(token.text()));
      case BOOL, DOT, FIELD, NIL -> {
        // Go takes these as they are.
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** A number Go's parser cannot convert, as {@code error} says. */
  private static void number(GoToken token, Optional<String> error) {
    if (error.isPresent()) throw TemplateFailure.at(error.get(), token.start(), Cause.BAD_NUMBER, token.text());
  }

  /** Quoted text Go's parser cannot convert, as {@code error} says; the text itself is not repeated. */
  private static void quoted(GoToken token, Optional<String> error) {
    if (error.isPresent()) throw TemplateFailure.at(error.get(), token.start(), Cause.QUOTED);
  }

  private static void function(GoToken token) {
    String name = token.text();
    if (!GoTemplate.FUNCTIONS.contains(name)) {
      throw TemplateFailure.at("function \"" + name + "\" not defined", token.start(), Cause.UNDEFINED_FUNCTION,
          name, GoTemplate.closest(name));
    }
  }

  private void variable(GoToken token) {
    String name = token.text();
    if (!scope.defines(name)) {
      throw TemplateFailure.at("undefined variable \"" + name + "\"", token.start(), Cause.UNDEFINED_VARIABLE, name,
          GoTemplate.closest(name, scope.variables().stream().filter(v -> !v.equals("$")).distinct().toList()));
    }
  }

  /**
   * Go's error for a token where the pipeline takes none: the lexer's error if it is one, else the token named in
   * the pipeline's context ("operand" after an operand). A '(' after an operand is a call written as in other
   * languages, a keyword is a word Go reserves, a ')' has no '('.
   */
  private static TemplateFailure unexpected(GoToken token, String context) {
    Cause cause = switch (token.kind()) {
      case LEFT_PAREN -> Cause.CALL;
      case KEYWORD -> Cause.KEYWORD_OPERAND;
      case RIGHT_PAREN -> Cause.STRUCTURE;
      default -> Cause.TOKEN;
    };
    return unexpected(token, context, cause, token.text());
  }

  /** Go's error for a token where the parser takes none, the lexer's own if it is an error. */
  static TemplateFailure unexpected(GoToken token, String context, Cause cause, String name) {
    if (token.error().isPresent()) return new TemplateFailure(token.error().get());
    String message = "unexpected " + token.describe() + " in " + context;
    return cause == Cause.STRUCTURE ? TemplateFailure.at(message, token.start(), cause)
        : TemplateFailure.at(message, token.start(), cause, name);
  }
}
