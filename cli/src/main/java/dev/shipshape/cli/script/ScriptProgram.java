package dev.shipshape.cli.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A spec script rewritten as one Java class, so that javac compiles it in one go. The script's imports follow the
 * SDK's; its types and methods become static members; a variable with a declared type becomes a static field (so
 * that methods see it, as in JShell) assigned where the script declares it; everything else runs, in the script's
 * order, in {@code run(Path scriptDir, Path scriptFile)}, which returns {@code spec} and a map of the values of
 * the script's variables at its end, by name. A variable declared again replaces the earlier one from there on, as
 * in JShell.
 *
 * <p>The class also holds {@code LINES}: for each line of the generated source, the line of the script it comes
 * from (0 for generated lines), so that compile errors and stack traces name the script's lines.
 */
final class ScriptProgram {
  static final String PACKAGE = "shipshape.script";
  static final String CLASS = "SpecScript";
  static final String BINARY_NAME = PACKAGE + "." + CLASS;
  static final String LINES_FIELD = "LINES";

  private final String source;
  private final int[] scriptLines;
  private final Set<String> inferredVariables;

  private ScriptProgram(String source, int[] scriptLines, Set<String> inferredVariables) {
    this.source = source;
    this.scriptLines = scriptLines;
    this.inferredVariables = inferredVariables;
  }

  /** The program for a script, importing {@code imports} (statements such as {@code import java.util.*;}). */
  static ScriptProgram of(String script, List<ScriptUnit> parsed, List<String> imports) {
    List<ScriptUnit> units = renamed(parsed);
    Writer out = new Writer(script);
    out.generated("package " + PACKAGE + ";");
    out.generated(String.join(" ", imports));
    for (ScriptUnit unit : units) {
      if (unit.kind() == ScriptUnit.Kind.IMPORT) out.unit(unit, unit.text(), 0);
    }
    out.generated("public final class " + CLASS + " {");
    out.generated("public static java.nio.file.Path scriptDir; public static java.nio.file.Path scriptFile;");
    Map<String, String> fieldTypes = new HashMap<>();
    Set<String> inferred = new HashSet<>();
    for (ScriptUnit unit : units) {
      if (unit.kind() == ScriptUnit.Kind.TYPE || unit.kind() == ScriptUnit.Kind.METHOD) {
        out.unit(unit, "static " + unit.text(), 0);
      }
      Optional<ScriptUnit.Declaration> field = field(unit);
      if (field.isPresent() && !field.get().type().equals(fieldTypes.get(field.get().name()))) {
        out.generated("static " + field.get().type() + " " + field.get().name() + ";");
        fieldTypes.put(field.get().name(), field.get().type());
      }
      if (unit.kind() == ScriptUnit.Kind.VARIABLE && field.isEmpty()) {
        unit.declaration().ifPresent(d -> inferred.add(d.name()));
      }
    }
    out.generated("public static Object[] run(java.nio.file.Path dir, java.nio.file.Path file) throws Throwable {");
    out.generated("scriptDir = dir; scriptFile = file;");
    boolean specDeclared = false;
    for (ScriptUnit unit : units) {
      Optional<ScriptUnit.Declaration> field = field(unit);
      specDeclared |= unit.declaration().map(d -> d.name().equals(ScriptEvaluator.SPEC_VARIABLE)).orElse(false);
      if (field.isPresent()) {
        ScriptUnit.Declaration d = field.get();
        if (d.initializer().isEmpty()) continue;
        String value = d.initializer().get();
        if (value.startsWith("{")) value = "new " + d.type() + " " + value;
        out.unit(unit, d.name() + " = " + value + ";", d.initializerOffset());
      } else if (unit.kind() == ScriptUnit.Kind.VARIABLE) {
        out.unit(unit, terminated(unit.text()), 0);
      } else if (unit.kind() == ScriptUnit.Kind.STATEMENT) {
        // Wrapped so that a statement that always throws does not make the following ones unreachable.
        out.unit(unit, "if (true) { " + terminated(unit.text()) + " }", 0);
      }
    }
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (ScriptUnit unit : units) {
      unit.declaration().map(ScriptUnit.Declaration::name).filter(n -> !n.contains("$")).ifPresent(names::add);
    }
    StringBuilder variables =
        new StringBuilder("java.util.Map<String, Object> variables$ = new java.util.HashMap<>();");
    for (String name : names) {
      variables.append(" variables$.put(\"").append(name).append("\", ").append(name).append(");");
    }
    out.generated(variables.toString());
    out.generated(specDeclared ? "return new Object[] {" + ScriptEvaluator.SPEC_VARIABLE + ", variables$};"
        : "return new Object[0];");
    out.generated("}");
    int[] lines = out.lines();
    out.generated("public static final String " + LINES_FIELD + " = \"" + encode(lines) + "\";");
    out.generated("}");
    return new ScriptProgram(out.text(), lines, Set.copyOf(inferred));
  }

  String source() {
    return source;
  }

  /** The script line of a line of the generated source; 0 when the line is generated. */
  int scriptLine(long generatedLine) {
    return scriptLine(scriptLines, generatedLine);
  }

  static int scriptLine(int[] lines, long generatedLine) {
    return generatedLine >= 1 && generatedLine <= lines.length ? lines[(int) generatedLine - 1] : 0;
  }

  /** Variables declared with {@code var}: locals of {@code run}, which the script's methods cannot see. */
  Set<String> inferredVariables() {
    return inferredVariables;
  }

  static int[] decode(String encoded) {
    return encoded.isEmpty() ? new int[0] : Arrays.stream(encoded.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  private static String encode(int[] lines) {
    StringBuilder text = new StringBuilder();
    for (int line : lines) text.append(line).append(',');
    return text.toString();
  }

  /** The declaration of a variable that becomes a static field: one declarator, with a declared type. */
  private static Optional<ScriptUnit.Declaration> field(ScriptUnit unit) {
    return unit.kind() == ScriptUnit.Kind.VARIABLE ? unit.declaration().filter(d -> !d.inferred())
        : Optional.empty();
  }

  private static String terminated(String text) {
    return text.endsWith(";") || text.endsWith("}") ? text : text + ";";
  }

  /**
   * The units, where a variable that is declared again later with another type (or with {@code var}) is renamed
   * ({@code name$1}) from its declaration up to the unit before the new declaration, so both fit in one class.
   */
  private static List<ScriptUnit> renamed(List<ScriptUnit> parsed) {
    List<ScriptUnit> units = new ArrayList<>(parsed);
    Map<String, Integer> declaredAt = new HashMap<>();
    Map<String, Integer> renames = new HashMap<>();
    for (int i = 0; i < units.size(); i++) {
      Optional<ScriptUnit.Declaration> declaration = units.get(i).declaration();
      if (declaration.isEmpty()) continue;
      ScriptUnit.Declaration d = declaration.get();
      Integer earlier = declaredAt.put(d.name(), i);
      if (earlier == null) continue;
      ScriptUnit.Declaration first = units.get(earlier).declaration().orElseThrow();
      if (!first.inferred() && !d.inferred() && first.type().equals(d.type())) continue;
      String newName = d.name() + "$" + renames.merge(d.name(), 1, Integer::sum);
      for (int j = earlier; j < i; j++) {
        units.set(j, ScriptSplitter.retext(units.get(j), rename(units.get(j).text(), d.name(), newName)));
      }
    }
    return units;
  }

  private static String rename(String text, String name, String newName) {
    StringBuilder out = new StringBuilder();
    int last = 0;
    List<ScriptTokens.Token> tokens = ScriptTokens.of(text);
    for (int i = 0; i < tokens.size(); i++) {
      ScriptTokens.Token token = tokens.get(i);
      if (token.type == ScriptTokens.Type.WORD && token.is(name) && (i == 0 || !tokens.get(i - 1).is("."))) {
        out.append(text, last, token.start).append(newName);
        last = token.end;
      }
    }
    return out.append(text.substring(last)).toString();
  }

  /** Builds the source text and, line by line, where each line comes from. */
  private static final class Writer {
    private final int[] lineStarts;
    private final StringBuilder text = new StringBuilder();
    private final List<Integer> lines = new ArrayList<>();

    Writer(String script) {
      List<Integer> starts = new ArrayList<>(List.of(0));
      for (int i = 0; i < script.length(); i++) {
        if (script.charAt(i) == '\n') starts.add(i + 1);
      }
      this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    void generated(String line) {
      text.append(line).append('\n');
      lines.add(0);
    }

    /** Writes {@code code}, whose first character is at {@code offset} within the unit's text, on its lines. */
    void unit(ScriptUnit unit, String code, int offset) {
      int found = Arrays.binarySearch(lineStarts, unit.start());
      int line = (found >= 0 ? found : -found - 2) + 1;
      line += (int) unit.text().substring(0, offset).chars().filter(c -> c == '\n').count();
      for (String part : code.split("\n", -1)) {
        text.append(part).append('\n');
        lines.add(line++);
      }
    }

    int[] lines() {
      return lines.stream().mapToInt(Integer::intValue).toArray();
    }

    String text() {
      return text.toString();
    }
  }
}
