package dev.shipshape.cli.script;

import java.util.ArrayList;
import java.util.List;

/** A spec script as JShell's tool can read it from a startup file. */
public final class ScriptSnippets {
  private ScriptSnippets() {}

  /**
   * The script's top-level statements and declarations, one per line, comments dropped. The tool ends a snippet at
   * the end of a line when it is complete there, so a statement continued on the next line (as in
   * {@code ClusterSpec.builder()\n    .name("x")}) must be joined first.
   *
   * @throws ScriptException when a bracket, string or comment is left open
   */
  public static List<String> oneLineEach(String script, String file) {
    List<String> lines = new ArrayList<>();
    try {
      for (ScriptUnit unit : ScriptSplitter.split(script)) lines.add(joined(unit.text()));
    } catch (ScriptTokens.IncompleteException e) {
      throw new ScriptException(ScriptException.Kind.COMPILE, List.of(file + ": " + e.getMessage()));
    }
    return lines;
  }

  /** The unit's tokens as written, with every run of blanks and comments between them made one space. */
  private static String joined(String text) {
    StringBuilder line = new StringBuilder();
    int last = -1;
    for (ScriptTokens.Token token : ScriptTokens.of(text)) {
      if (last >= 0 && token.start > last) line.append(' ');
      line.append(token.text);
      last = token.end;
    }
    return line.toString();
  }
}
