package dev.shipshape.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PromQL parser that checks an expression's structure and value types the way Prometheus' own parser does for
 * the subset of the language that rules use: number and string literals, vector selectors with label matchers,
 * range and subquery selectors, {@code offset} and {@code @} modifiers, unary and binary operators with their
 * precedence, {@code bool}, vector matching ({@code on}, {@code ignoring}, {@code group_left},
 * {@code group_right}), aggregations with {@code by}/{@code without}, and calls of Prometheus 2.42's functions with
 * their argument counts and types (a range vector where {@code rate} needs one, and so on).
 *
 * <p>No maintained Java PromQL parser is published; this one is checked against {@code promtool check rules} in
 * the tests, which stays the authority. It does not evaluate anything. Not thread-safe; one instance per
 * expression.
 */
final class PromQl {
  /** What an expression evaluates to. */
  enum Type { SCALAR, STRING, INSTANT, RANGE }

  private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "count", "min", "max", "stddev", "stdvar",
      "topk", "bottomk", "quantile", "count_values", "group");
  private static final Set<String> PARAMETRIZED = Set.of("topk", "bottomk", "quantile", "count_values");
  private static final Map<String, List<Type>> FUNCTIONS = Functions.SIGNATURES;
  private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");
  /** Binary operators by precedence, lowest first. */
  private static final List<Set<String>> LEVELS = List.of(Set.of("or"), Set.of("and", "unless"),
      Set.of("==", "!=", "<=", "<", ">=", ">"), Set.of("+", "-"), Set.of("*", "/", "%", "atan2"), Set.of("^"));

  private final List<PromQlLexer.Token> tokens;
  private int position;
  /** Whether the primary just parsed was a plain vector selector, the only thing a range [5m] may follow. */
  private boolean lastSelectorWasPlain;

  private PromQl(List<PromQlLexer.Token> tokens) {
    this.tokens = tokens;
  }

  /** The first problem with {@code expression}, in words fit for a finding; empty when it parses. */
  static Optional<String> check(String expression) {
    if (expression == null || expression.isBlank()) return Optional.of("the expression is empty");
    try {
      PromQl parser = new PromQl(PromQlLexer.tokenize(expression));
      Type type = parser.expression(0);
      if (!parser.at(PromQlLexer.Kind.END)) throw parser.error("unexpected " + parser.peek());
      if (type == Type.RANGE || type == Type.STRING) {
        return Optional.of("a rule expression must be an instant vector or a scalar, not " + name(type));
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private Type expression(int level) {
    if (level == LEVELS.size()) return unary();
    Type left = expression(level + 1);
    while (peek().kind() == PromQlLexer.Kind.OPERATOR || peek().kind() == PromQlLexer.Kind.IDENTIFIER) {
      // Prometheus' lexer reads keywords in any case (AND, OFFSET, SUM).
      String op = peek().text().toLowerCase(Locale.ROOT);
      if (!LEVELS.get(level).contains(op)) break;
      int at = peek().offset();
      position++;
      boolean bool = acceptWord("bool");
      boolean comparison = LEVELS.get(2).contains(op);
      if (bool && !comparison) throw error("bool is only allowed after a comparison, not " + op);
      Matching matching = vectorMatching();
      // ^ is right-associative; every other operator is left-associative.
      Type right = op.equals("^") ? expression(level) : expression(level + 1);
      Type type = binary(op, at, left, right);
      // The further checks of Prometheus' parser on a binary expression (promql/parser/parse.go, checkAST).
      if (comparison && !bool && type == Type.SCALAR) {
        throw errorAt(at, "comparisons between scalars must use bool (" + op + " bool)");
      }
      if (matching.grouped() && SET_OPERATORS.contains(op)) {
        throw errorAt(at, "no grouping (group_left, group_right) is allowed for the set operator " + op);
      }
      if (matching.labels() && (left != Type.INSTANT || right != Type.INSTANT)) {
        throw errorAt(at, "vector matching (on, ignoring) is only allowed between instant vectors");
      }
      left = type;
    }
    return left;
  }

  /** What a binary operator's modifiers hold: a non-empty on/ignoring label list, a group_left/group_right. */
  private record Matching(boolean labels, boolean grouped) {}

  private Matching vectorMatching() {
    boolean matched = false;
    List<String> on = List.of();
    if (acceptWord("on") || acceptWord("ignoring")) {
      matched = true;
      on = labelList();
    }
    boolean grouped = false;
    int at = peek().offset();
    if (acceptWord("group_left") || acceptWord("group_right")) {
      if (!matched) throw errorAt(at, "group_left and group_right need on(...) or ignoring(...) before them");
      grouped = true;
      List<String> included = at(PromQlLexer.Kind.LEFT_PAREN) ? labelList() : List.of();
      for (String label : included) {
        if (on.contains(label)) throw errorAt(at, "label " + label + " must not occur in ON and GROUP clause at once");
      }
    }
    return new Matching(!on.isEmpty(), grouped);
  }

  /** The type of a binary expression: a scalar only when both sides are scalars. */
  private Type binary(String op, int at, Type left, Type right) {
    for (Type t : List.of(left, right)) {
      if (t == Type.RANGE || t == Type.STRING) {
        throw errorAt(at, "operator " + op + " cannot take " + name(t) + " operand");
      }
    }
    if (SET_OPERATORS.contains(op) && (left != Type.INSTANT || right != Type.INSTANT)) {
      throw errorAt(at, "set operator " + op + " needs instant vectors on both sides");
    }
    return left == Type.SCALAR && right == Type.SCALAR ? Type.SCALAR : Type.INSTANT;
  }

  private Type unary() {
    if (peek().kind() == PromQlLexer.Kind.OPERATOR && (peek().text().equals("-") || peek().text().equals("+"))) {
      position++;
      Type t = unary();
      if (t != Type.SCALAR && t != Type.INSTANT) throw error("unary minus needs a scalar or an instant vector");
      return t;
    }
    return postfix(primary());
  }

  /**
   * Ranges, subqueries and their modifiers after a primary, as Prometheus' grammar allows them: a range after a
   * plain selector without modifiers, a subquery after any instant vector (modified or not), and {@code offset} and
   * {@code @} (once each) only after a selector, a range or a subquery.
   */
  private Type postfix(Type type) {
    Type t = type;
    boolean selector = lastSelectorWasPlain;
    boolean offset = false;
    boolean timestamp = false;
    while (true) {
      if (at(PromQlLexer.Kind.LEFT_BRACKET)) {
        position++;
        boolean subquery = false;
        if (!at(PromQlLexer.Kind.COLON)) expect(PromQlLexer.Kind.DURATION, "a duration such as 5m");
        if (at(PromQlLexer.Kind.COLON)) {
          subquery = true;
          position++;
          if (at(PromQlLexer.Kind.DURATION)) position++;
        }
        expect(PromQlLexer.Kind.RIGHT_BRACKET, "]");
        if (t != Type.INSTANT) throw error("a range needs an instant vector before it, not " + name(t));
        if (!subquery && !lastSelectorWasPlain) throw error("a range [..] without ':' needs a plain vector "
            + "selector; use a subquery [range:step] after an expression");
        if (!subquery && (offset || timestamp)) throw error("no offset or @ modifiers are allowed before a range");
        t = Type.RANGE;
        selector = true;
        offset = false;
        timestamp = false;
      } else if (isWord("offset")) {
        if (!selector) throw error("offset must follow a vector selector, a range or a subquery");
        if (offset) throw error("offset may not be set twice");
        offset = true;
        position++;
        if (peek().kind() == PromQlLexer.Kind.OPERATOR && peek().text().equals("-")) position++;
        expect(PromQlLexer.Kind.DURATION, "a duration after offset");
      } else if (at(PromQlLexer.Kind.AT)) {
        if (!selector) throw error("@ must follow a vector selector, a range or a subquery");
        if (timestamp) throw error("@ may not be set twice");
        timestamp = true;
        position++;
        if (acceptWord("start") || acceptWord("end")) {
          expect(PromQlLexer.Kind.LEFT_PAREN, "(");
          expect(PromQlLexer.Kind.RIGHT_PAREN, ")");
        } else {
          expect(PromQlLexer.Kind.NUMBER, "a Unix timestamp, start() or end() after @");
        }
      } else {
        break;
      }
    }
    return t;
  }

  private Type primary() {
    lastSelectorWasPlain = false;
    PromQlLexer.Token token = peek();
    switch (token.kind()) {
      case NUMBER:
        position++;
        return Type.SCALAR;
      case STRING:
        position++;
        return Type.STRING;
      case LEFT_PAREN: {
        position++;
        Type t = expression(0);
        expect(PromQlLexer.Kind.RIGHT_PAREN, ")");
        lastSelectorWasPlain = false;
        return t;
      }
      case LEFT_BRACE:
        selector(false);
        return Type.INSTANT;
      case IDENTIFIER:
        return identifier(token.text());
      default:
        throw error("unexpected " + token + "; expected a number, a string, a selector, a function or '('");
    }
  }

  private Type identifier(String word) {
    position++;
    String keyword = word.toLowerCase(Locale.ROOT);
    if (AGGREGATIONS.contains(keyword) && (at(PromQlLexer.Kind.LEFT_PAREN) || isWord("by") || isWord("without"))) {
      Type t = aggregation(keyword);
      lastSelectorWasPlain = false;
      return t;
    }
    if (at(PromQlLexer.Kind.LEFT_PAREN)) {
      Type t = call(word);
      lastSelectorWasPlain = false;
      return t;
    }
    if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan")) return Type.SCALAR;
    position--;
    selector(true);
    return Type.INSTANT;
  }

  private Type aggregation(String op) {
    boolean grouped = false;
    if (acceptWord("by") || acceptWord("without")) {
      labelList();
      grouped = true;
    }
    expect(PromQlLexer.Kind.LEFT_PAREN, "( after " + op);
    if (PARAMETRIZED.contains(op)) {
      Type parameter = expression(0);
      Type wanted = op.equals("count_values") ? Type.STRING : Type.SCALAR;
      if (parameter != wanted) throw error(op + " takes " + name(wanted) + " parameter first");
      expect(PromQlLexer.Kind.COMMA, ", after the parameter of " + op);
    }
    Type argument = expression(0);
    if (argument != Type.INSTANT) throw error(op + " needs an instant vector, not " + name(argument));
    expect(PromQlLexer.Kind.RIGHT_PAREN, ") closing " + op);
    if (!grouped && (acceptWord("by") || acceptWord("without"))) labelList();
    return Type.INSTANT;
  }

  private Type call(String function) {
    List<Type> signature = FUNCTIONS.get(function);
    if (signature == null) throw error("unknown function " + function + "()");
    expect(PromQlLexer.Kind.LEFT_PAREN, "(");
    List<Type> arguments = new ArrayList<>();
    if (!at(PromQlLexer.Kind.RIGHT_PAREN)) {
      arguments.add(expression(0));
      while (at(PromQlLexer.Kind.COMMA)) {
        position++;
        arguments.add(expression(0));
      }
    }
    expect(PromQlLexer.Kind.RIGHT_PAREN, ") closing " + function + "()");
    return Functions.check(function, signature, arguments, this::error);
  }

  private void selector(boolean named) {
    if (named) position++;
    if (at(PromQlLexer.Kind.LEFT_BRACE)) {
      position++;
      boolean any = false;
      while (!at(PromQlLexer.Kind.RIGHT_BRACE)) {
        PromQlLexer.Token label = expect(PromQlLexer.Kind.IDENTIFIER, "a label name");
        if (named && label.text().equals("__name__")) {
          throw errorAt(label.offset(), "the metric name is set twice: before the braces and by __name__");
        }
        if (peek().kind() != PromQlLexer.Kind.OPERATOR
            || !Set.of("=", "!=", "=~", "!~").contains(peek().text())) {
          throw error("expected a label matcher operator (=, !=, =~, !~) but found " + peek());
        }
        String op = peek().text();
        position++;
        PromQlLexer.Token value = expect(PromQlLexer.Kind.STRING, "a quoted label value");
        if (op.endsWith("~")) PromQlLexer.checkRegex(value.text(), this::error);
        any = any || !matchesEmpty(op, value.text());
        if (!at(PromQlLexer.Kind.COMMA)) break;
        position++;
      }
      expect(PromQlLexer.Kind.RIGHT_BRACE, "} closing the label matchers");
      if (!named && !any) {
        throw error("a selector without a metric name needs at least one matcher that does not match the empty"
            + " string");
      }
    }
    lastSelectorWasPlain = true;
  }

  /**
   * Whether a matcher matches the empty string (as an absent label): a selector without a metric name needs one
   * that does not.
   */
  private static boolean matchesEmpty(String op, String value) {
    return switch (op) {
      case "=" -> value.isEmpty();
      case "!=" -> !value.isEmpty();
      case "=~" -> Pattern.matches(value, "");
      default -> !Pattern.matches(value, "");
    };
  }

  /** Parses {@code (a, b)} and returns the labels. */
  private List<String> labelList() {
    expect(PromQlLexer.Kind.LEFT_PAREN, "( before the label list");
    List<String> labels = new ArrayList<>();
    while (!at(PromQlLexer.Kind.RIGHT_PAREN)) {
      labels.add(expect(PromQlLexer.Kind.IDENTIFIER, "a label name").text());
      if (!at(PromQlLexer.Kind.COMMA)) break;
      position++;
    }
    expect(PromQlLexer.Kind.RIGHT_PAREN, ") closing the label list");
    return labels;
  }

  private boolean acceptWord(String word) {
    if (!isWord(word)) return false;
    position++;
    return true;
  }

  private boolean isWord(String word) {
    return peek().kind() == PromQlLexer.Kind.IDENTIFIER && peek().text().equalsIgnoreCase(word);
  }

  private boolean at(PromQlLexer.Kind kind) {
    return peek().kind() == kind;
  }

  private PromQlLexer.Token peek() {
    return tokens.get(position);
  }

  private PromQlLexer.Token expect(PromQlLexer.Kind kind, String what) {
    if (!at(kind)) throw error("expected " + what + " but found " + peek());
    return tokens.get(position++);
  }

  private IllegalArgumentException error(String message) {
    return errorAt(peek().offset(), message);
  }

  private static IllegalArgumentException errorAt(int offset, String message) {
    return new IllegalArgumentException(message + " (at character " + (offset + 1) + ")");
  }

  /** The type with its article: {@code an instant vector}, {@code a range vector}, {@code a scalar}. */
  static String name(Type type) {
    return switch (type) {
      case SCALAR -> "a scalar";
      case STRING -> "a string";
      case INSTANT -> "an instant vector";
      case RANGE -> "a range vector";
    };
  }
}
