package dev.shipshape.cli.script;

import java.util.Objects;
import java.util.Optional;

/**
 * One top-level piece of a spec script, as JShell would take it as one snippet: an import, a type or method
 * declaration, a variable declaration, or a statement. {@code start} and {@code end} are offsets in the script text.
 */
final class ScriptUnit {
  /** What the piece declares or does. */
  enum Kind { IMPORT, TYPE, METHOD, VARIABLE, STATEMENT }

  private final Kind kind;
  private final int start;
  private final int end;
  private final String text;
  private final Optional<Declaration> declaration;

  ScriptUnit(Kind kind, int start, int end, String text, Optional<Declaration> declaration) {
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.start = start;
    this.end = end;
    this.text = Objects.requireNonNull(text, "text == null");
    this.declaration = Objects.requireNonNull(declaration, "declaration == null");
  }

  Kind kind() {
    return kind;
  }

  /** Offset of the unit's first character of code (comments and blanks before it excluded). */
  int start() {
    return start;
  }

  int end() {
    return end;
  }

  String text() {
    return text;
  }

  /** For a {@link Kind#VARIABLE} with one declarator: its type, name and initializer. */
  Optional<Declaration> declaration() {
    return declaration;
  }

  /**
   * A top-level variable {@code TYPE NAME = INITIALIZER;} (or without initializer). {@code type} is {@code var}
   * when the script lets the compiler infer it.
   */
  static final class Declaration {
    private final String type;
    private final String name;
    private final Optional<String> initializer;
    /** Offset, within the unit's text, of the initializer's first character. */
    private final int initializerOffset;

    Declaration(String type, String name, Optional<String> initializer, int initializerOffset) {
      this.type = type;
      this.name = name;
      this.initializer = initializer;
      this.initializerOffset = initializerOffset;
    }

    String type() {
      return type;
    }

    String name() {
      return name;
    }

    Optional<String> initializer() {
      return initializer;
    }

    int initializerOffset() {
      return initializerOffset;
    }

    boolean inferred() {
      return type.equals("var");
    }
  }
}
