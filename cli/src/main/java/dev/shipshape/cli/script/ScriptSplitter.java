package dev.shipshape.cli.script;

import dev.shipshape.cli.script.ScriptTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Splits a script into its top-level units as JShell does: a unit ends at a {@code ;} outside brackets, or at the
 * {@code }} that closes a type, a method or a block statement ({@code if}, {@code for}, {@code try}...). Each unit
 * is classified from its tokens; the compiler decides later whether it is valid Java.
 */
final class ScriptSplitter {
  private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "static", "final",
      "abstract", "sealed", "non", "strictfp", "default", "transient", "volatile", "native");
  private static final Set<String> STATEMENT_WORDS = Set.of("if", "for", "while", "do", "try", "switch",
      "synchronized", "return", "throw", "new", "yield", "assert", "break", "continue", "this", "super", "else",
      "case", "import", "class", "interface", "enum");
  private static final Set<String> CONTINUATIONS = Set.of("else", "catch", "finally", "while");

  private ScriptSplitter() {}

  /**
   * The units of a script.
   *
   * @throws ScriptTokens.IncompleteException when a bracket, string or comment is left open at the end
   */
  static List<ScriptUnit> split(String text) {
    List<Token> tokens = ScriptTokens.of(text);
    List<ScriptUnit> units = new ArrayList<>();
    int first = 0;
    int depth = 0;
    int braces = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.is("(") || token.is("[") || token.is("{")) {
        depth++;
      } else if (token.is(")") || token.is("]") || token.is("}")) {
        depth = Math.max(0, depth - 1);
      }
      if (token.is("{")) braces++;
      if (token.is("}")) braces = Math.max(0, braces - 1);
      boolean end = depth == 0 && (token.is(";")
          || (token.is("}") && endsWithBlock(tokens.subList(first, i + 1))
              && !(i + 1 < tokens.size() && CONTINUATIONS.contains(tokens.get(i + 1).text))));
      if (end) {
        add(units, text, tokens.subList(first, i + 1));
        first = i + 1;
      }
    }
    if (first < tokens.size()) {
      // An open '{' would swallow what follows the unit in the generated class; an open '(' or '[' the compiler
      // reports itself, with the line where it expected the closing one.
      if (braces > 0) {
        throw new ScriptTokens.IncompleteException("reached end of file while parsing", text.stripTrailing().length());
      }
      add(units, text, tokens.subList(first, tokens.size()));
    }
    return units;
  }

  private static void add(List<ScriptUnit> units, String text, List<Token> tokens) {
    if (tokens.size() == 1 && tokens.get(0).is(";")) return;
    int start = tokens.get(0).start;
    int end = tokens.get(tokens.size() - 1).end;
    units.add(unit(text.substring(start, end), start, end, tokens, start));
  }

  /** The unit again, with its text changed (such as a variable renamed) but on the same lines. */
  static ScriptUnit retext(ScriptUnit unit, String text) {
    return unit(text, unit.start(), unit.end(), ScriptTokens.of(text), 0);
  }

  private static ScriptUnit unit(String unitText, int start, int end, List<Token> tokens, int tokenBase) {
    ScriptUnit.Kind kind = kind(tokens);
    Optional<ScriptUnit.Declaration> declaration = kind == ScriptUnit.Kind.VARIABLE
        ? declaration(tokens, unitText, tokenBase) : Optional.empty();
    return new ScriptUnit(kind, start, end, unitText, declaration);
  }

  /** True when a unit that ends with this {@code }} is complete: a type, a method or a block statement. */
  private static boolean endsWithBlock(List<Token> tokens) {
    ScriptUnit.Kind kind = kind(tokens);
    if (kind == ScriptUnit.Kind.TYPE || kind == ScriptUnit.Kind.METHOD) return true;
    String head = tokens.get(0).text;
    return kind == ScriptUnit.Kind.STATEMENT && (head.equals("{") || Set.of("if", "for", "while", "do", "try",
        "switch", "synchronized").contains(head) || isLabel(tokens));
  }

  private static boolean isLabel(List<Token> tokens) {
    return tokens.size() > 2 && tokens.get(0).type == ScriptTokens.Type.WORD && tokens.get(1).is(":");
  }

  static ScriptUnit.Kind kind(List<Token> tokens) {
    if (tokens.get(0).is("import")) return ScriptUnit.Kind.IMPORT;
    int i = skipModifiers(tokens, 0);
    if (i >= tokens.size()) return ScriptUnit.Kind.STATEMENT;
    String word = tokens.get(i).text;
    if (word.equals("class") || word.equals("interface") || word.equals("enum")
        || (word.equals("record") && i + 2 < tokens.size() && tokens.get(i + 1).type == ScriptTokens.Type.WORD
            && (tokens.get(i + 2).is("(") || tokens.get(i + 2).is("<")))) {
      return ScriptUnit.Kind.TYPE;
    }
    int afterTypeParameters = tokens.get(i).is("<") ? skipAngles(tokens, i) : i;
    int afterType = skipType(tokens, afterTypeParameters);
    if (afterType < 0 || afterType + 1 >= tokens.size() || tokens.get(afterType).type != ScriptTokens.Type.WORD
        || STATEMENT_WORDS.contains(tokens.get(afterType).text)) {
      return ScriptUnit.Kind.STATEMENT;
    }
    Token next = tokens.get(afterType + 1);
    if (next.is("(") && tokens.get(tokens.size() - 1).is("}")) return ScriptUnit.Kind.METHOD;
    if (afterTypeParameters == i && (next.is("=") || next.is(";") || next.is(","))) return ScriptUnit.Kind.VARIABLE;
    return ScriptUnit.Kind.STATEMENT;
  }

  /** The declaration of a one-declarator variable; empty when several share the statement. */
  private static Optional<ScriptUnit.Declaration> declaration(List<Token> tokens, String unitText, int unitStart) {
    int typeStart = skipModifiers(tokens, 0);
    int nameIndex = skipType(tokens, typeStart);
    Token name = tokens.get(nameIndex);
    String type = unitText.substring(tokens.get(typeStart).start - unitStart,
        tokens.get(nameIndex - 1).end - unitStart);
    int depth = 0;
    for (int i = nameIndex + 1; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.is("(") || token.is("[") || token.is("{")) depth++;
      if (token.is(")") || token.is("]") || token.is("}")) depth--;
      if (depth == 0 && token.is(",")) return Optional.empty();
    }
    Token after = tokens.get(nameIndex + 1);
    if (!after.is("=")) return Optional.of(new ScriptUnit.Declaration(type, name.text, Optional.empty(), 0));
    Token last = tokens.get(tokens.size() - 1);
    int valueStart = tokens.get(nameIndex + 2 < tokens.size() ? nameIndex + 2 : nameIndex + 1).start;
    int valueEnd = last.is(";") ? last.start : last.end;
    if (valueStart >= valueEnd) return Optional.empty();
    return Optional.of(new ScriptUnit.Declaration(type, name.text,
        Optional.of(unitText.substring(valueStart - unitStart, valueEnd - unitStart)), valueStart - unitStart));
  }

  /** Skips annotations and modifiers ({@code final}, {@code static}...). */
  private static int skipModifiers(List<Token> tokens, int from) {
    int i = from;
    while (i < tokens.size()) {
      Token token = tokens.get(i);
      if (token.is("@") && i + 1 < tokens.size() && !tokens.get(i + 1).is("interface")) {
        i = skipQualifiedName(tokens, i + 1);
        if (i < tokens.size() && tokens.get(i).is("(")) i = skipBalanced(tokens, i, "(", ")");
      } else if (token.is("@")) {
        return i + 1;
      } else if (MODIFIERS.contains(token.text) || (token.is("-") && i > from && tokens.get(i - 1).is("non"))) {
        i++;
      } else {
        return i;
      }
    }
    return i;
  }

  /** The index after a type such as {@code Map<String, List<X>>[]}, or -1 when none starts at {@code from}. */
  private static int skipType(List<Token> tokens, int from) {
    if (from >= tokens.size() || tokens.get(from).type != ScriptTokens.Type.WORD
        || STATEMENT_WORDS.contains(tokens.get(from).text)) {
      return -1;
    }
    int i = from + 1;
    while (i < tokens.size()) {
      if (tokens.get(i).is("<")) {
        i = skipAngles(tokens, i);
        if (i < 0) return -1;
      } else if (tokens.get(i).is(".") && i + 1 < tokens.size() && tokens.get(i + 1).type == ScriptTokens.Type.WORD) {
        i += 2;
      } else if (tokens.get(i).is("[") && i + 1 < tokens.size() && tokens.get(i + 1).is("]")) {
        i += 2;
      } else {
        return i;
      }
    }
    return i;
  }

  private static int skipQualifiedName(List<Token> tokens, int from) {
    int i = from + 1;
    while (i + 1 < tokens.size() && tokens.get(i).is(".") && tokens.get(i + 1).type == ScriptTokens.Type.WORD) i += 2;
    return i;
  }

  /** The index after the {@code >} that closes the {@code <} at {@code from}; -1 when it does not close. */
  private static int skipAngles(List<Token> tokens, int from) {
    int depth = 0;
    for (int i = from; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.is("<")) depth++;
      else if (token.is(">")) depth--;
      else if (!(token.type == ScriptTokens.Type.WORD || token.is(",") || token.is(".") || token.is("?")
          || token.is("[") || token.is("]") || token.is("&") || token.is("@"))) {
        return -1;
      }
      if (depth == 0) return i + 1;
    }
    return -1;
  }

  private static int skipBalanced(List<Token> tokens, int from, String open, String close) {
    int depth = 0;
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).is(open)) depth++;
      if (tokens.get(i).is(close) && --depth == 0) return i + 1;
    }
    return tokens.size();
  }
}
