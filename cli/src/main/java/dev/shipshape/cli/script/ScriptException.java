package dev.shipshape.cli.script;

import java.util.List;

/**
 * A spec script that cannot be turned into a {@code ClusterSpec}. Its message has one line per problem, each
 * starting with {@code FILE:LINE:} (the line in the script file), followed by the JShell diagnostic or the exception
 * the script raised; never a stack trace.
 */
public final class ScriptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** A snippet does not compile. */
    COMPILE,
    /** A snippet threw an exception while running. */
    RUNTIME,
    /** The script built a spec that the SDK rejected ({@code SpecValidationException}). */
    INVALID_SPEC,
    /** The script ran, but did not leave a {@code ClusterSpec} in a variable named {@code spec}. */
    NO_SPEC
  }

  private final Kind kind;
  private final transient List<String> lines;

  ScriptException(Kind kind, List<String> lines) {
    super(String.join(System.lineSeparator(), lines));
    this.kind = kind;
    this.lines = List.copyOf(lines);
  }

  public Kind kind() {
    return kind;
  }

  /** The message, one line per problem. */
  public List<String> lines() {
    return lines;
  }
}
