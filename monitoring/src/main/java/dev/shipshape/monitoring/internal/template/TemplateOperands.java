package dev.shipshape.monitoring.internal.template;

import dev.shipshape.monitoring.internal.template.GoTemplate.Cause;
import dev.shipshape.monitoring.internal.template.GoTemplate.ParseError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operands of one template action, read as Go 1.19's lexer and parser read them: a name is a function call unless
 * after '$' (a variable) or '.' (a field or method, also in chains such as {@code $labels.job}); a variable at the
 * start of a pipeline followed by ':=', '=' or ',' is declared (two only in a range), any other must be in scope; a
 * number must be one in Go's syntax, and a number, string or character is followed by a space, '|', ')' or the end;
 * a character that starts no operand (such as '/', ',' or '*') is refused, as templates have no operators.
 */
final class TemplateOperands {
  /** Keywords a pipeline follows, which may start with declarations; else only as in "else if". */
  private static final Set<String> PIPELINE_KEYWORDS = Set.of("if", "range", "with", "else");

  private final String text;
  private final int to;
  private final TemplateScope scope;
  /** What Go names the pipeline being read in its errors, innermost (in parentheses) first. */
  private final Deque<String> contexts = new ArrayDeque<>(List.of("command"));
  private int k;
  /** At the start of a pipeline, where variables may be declared. */
  private boolean pipeline = true;
  /** At the start of a command: the pipeline's start, or after ':=' or '|'. */
  private boolean command = true;
  /** After {@code template} or {@code block}: the name comes next, then the pipeline. */
  private boolean named;
  /** The variables declared so far at the start of the pipeline, before a ','. */
  private int declared;

  private TemplateOperands(String text, int from, int to, TemplateScope scope) {
    this.text = text;
    this.k = from;
    this.to = to;
    this.scope = scope;
  }

  /** The first error among the operands from {@code from} to {@code to}; declarations are added to {@code scope}. */
  static Optional<ParseError> read(String text, int from, int to, TemplateScope scope) {
    return new TemplateOperands(text, from, to, scope).read();
  }

  private Optional<ParseError> read() {
    while (k < to) {
      char c = text.charAt(k);
      if (GoTemplate.isSpace(c)) {
        k++;
        continue;
      }
      boolean start = pipeline;
      boolean commandStart = command;
      boolean name = named;
      pipeline = false;
      command = false;
      named = false;
      Optional<ParseError> problem = operand(c, start, commandStart, name);
      if (problem.isPresent()) return problem;
    }
    return Optional.empty();
  }

  private Optional<ParseError> operand(char c, boolean start, boolean commandStart, boolean name) {
    if (c == '"' || c == '\'' || c == '`') {
      int end = c == '`' ? text.indexOf('`', k + 1) + 1 : GoTemplate.quoted(text, k, c) + 1;
      // {{template "name" pipeline}}: a pipeline, which may start with a field, follows the name.
      if (name) return pipelineAt(end, contexts.peek());
      return term(end);
    }
    if (c == '(') return pipelineAt(k + 1, "parenthesized pipeline");
    if (c == ')') {
      contexts.pop();
      k++;
      return Optional.empty();
    }
    if (c == '|' && !commandStart) {
      command = true;
      k++;
      return Optional.empty();
    }
    if (c == '$') return variable(start);
    if (GoTemplate.startsNumber(text, k, to)) return number();
    if (c == '.') {
      k = GoTemplate.word(text, k + 1, to);
      return Optional.empty();
    }
    if (GoNumber.isAlphaNumeric(text.codePointAt(k))) return identifier(start);
    return unexpected(commandStart ? contexts.peek() : "operand");
  }

  /** A pipeline starts at {@code at}: in parentheses, or after a template's or block's name. */
  private Optional<ParseError> pipelineAt(int at, String context) {
    if (context.equals("parenthesized pipeline")) contexts.push(context);
    pipeline = true;
    command = true;
    declared = 0;
    k = at;
    return Optional.empty();
  }

  private Optional<ParseError> variable(boolean start) {
    int end = GoTemplate.word(text, k + 1, to);
    String variable = text.substring(k, end);
    int next = GoTemplate.skipSpace(text, end, to);
    if (start && declares(next)) return declare(variable, next);
    if (!scope.defines(variable)) {
      return GoTemplate.error("undefined variable \"" + variable + "\"", k, Cause.UNDEFINED_VARIABLE, variable,
          GoTemplate.closest(variable, scope.variables().stream().filter(v -> !v.equals("$")).distinct().toList()));
    }
    k = end;
    return Optional.empty();
  }

  /** Whether a variable followed by what is at {@code next} is declared: ':=', '=' or ','. */
  private boolean declares(int next) {
    return next < to && (text.charAt(next) == ',' || text.charAt(next) == '=' || text.startsWith(":=", next));
  }

  /**
   * Declares {@code variable}, followed at {@code next} by ':=', '=' or ','. Go declares two variables only in a
   * range ({@code range $i, $e := ...}), where the second must follow the comma.
   */
  private Optional<ParseError> declare(String variable, int next) {
    scope.declare(variable);
    k = next + (text.startsWith(":=", next) ? 2 : 1);
    if (text.charAt(next) != ',') {
      command = true;
      return Optional.empty();
    }
    if (!contexts.peek().equals("range") || declared > 0) {
      return GoTemplate.error("too many declarations in " + contexts.peek(), next, Cause.DECLARATION, variable,
          Optional.empty());
    }
    int second = GoTemplate.skipSpace(text, k, to);
    if (second < to && text.charAt(second) != '$' && text.charAt(second) != ')') {
      return GoTemplate.error("range can only initialize variables", second, Cause.DECLARATION, variable,
          Optional.empty());
    }
    declared++;
    pipeline = true;
    return Optional.empty();
  }

  private Optional<ParseError> number() {
    GoNumber.Read number = GoNumber.read(text, k, to);
    if (number.error().isPresent()) {
      return GoTemplate.error(number.error().get(), k, Cause.BAD_NUMBER, text.substring(k, number.end()),
          Optional.empty());
    }
    return term(number.end());
  }

  /**
   * A number, string or character ending at {@code end}: Go's parser takes a space, '|', ')' or the end of the action
   * after it, and no field ({@code "a".x}).
   */
  private Optional<ParseError> term(int end) {
    String term = text.substring(k, end);
    k = end;
    if (k == to || GoTemplate.isSpace(text.charAt(k)) || text.charAt(k) == '|' || text.charAt(k) == ')') {
      return Optional.empty();
    }
    boolean field = text.charAt(k) == '.' && k + 1 < to && !GoTemplate.startsNumber(text, k, to)
        && GoNumber.isAlphaNumeric(text.codePointAt(k + 1));
    if (field) return GoTemplate.error("unexpected . after term " + GoToken.quote(term), k, Cause.TOKEN, ".",
        Optional.empty());
    return unexpected("operand");
  }

  private Optional<ParseError> identifier(boolean start) {
    int end = GoTemplate.word(text, k, to);
    String word = text.substring(k, end);
    if (!GoTemplate.KEYWORDS.contains(word) && !GoTemplate.FUNCTIONS.contains(word)) {
      return GoTemplate.error("function \"" + word + "\" not defined", k, Cause.UNDEFINED_FUNCTION, word,
          GoTemplate.closest(word));
    }
    k = end;
    if (start && PIPELINE_KEYWORDS.contains(word)) {
      // "else" is followed by "if" here, whose pipeline Go names "if".
      if (!word.equals("else")) name(word);
      pipeline = true;
      command = true;
    } else if (start && (word.equals("template") || word.equals("block"))) {
      name(word + " clause");
      named = true;
    }
    return Optional.empty();
  }

  /** Names the pipeline, which a keyword starts, as Go does in its errors. */
  private void name(String context) {
    contexts.pop();
    contexts.push(context);
  }

  /** A token where Go's parser takes none, such as '/' or ',': templates have no operators. */
  private Optional<ParseError> unexpected(String context) {
    String token = text.substring(k, GoToken.end(text, k, to));
    // Go's lexer reads ':' only in ':='.
    if (token.equals(":")) return GoTemplate.error("expected :=", k, Cause.TOKEN, token, Optional.empty());
    return GoTemplate.error("unexpected " + GoToken.describe(token) + " in " + context, k, Cause.TOKEN, token,
        Optional.empty());
  }
}
