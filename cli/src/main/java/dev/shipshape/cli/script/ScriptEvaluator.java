package dev.shipshape.cli.script;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Runs a spec script ({@code *.jsh}) in this JVM with {@code jdk.jshell} and returns the {@link ClusterSpec} it
 * assigns to a variable named {@code spec}.
 *
 * <p>The SDK's packages are imported ({@link SdkImports}), and two variables are defined before the script runs:
 * {@code Path scriptDir}, the directory of the script (resolve files next to the script against it), and
 * {@code Path scriptFile}. The script is split into snippets as JShell does, and evaluated one snippet at a time; the
 * first snippet that does not compile or that throws stops the evaluation with a {@link ScriptException} whose lines
 * read {@code FILE:LINE: diagnostic}, LINE being the line in the script file.
 *
 * <p>Not thread-safe; create one evaluator per script. Statements of the script run in this JVM: a script that
 * calls {@code System.exit} ends the process.
 */
public final class ScriptEvaluator {
  /** The variable a script assigns its spec to. */
  public static final String SPEC_VARIABLE = "spec";

  private final String classPath;
  private final ClassLoader parent;

  private ScriptEvaluator(String classPath, ClassLoader parent) {
    this.classPath = Objects.requireNonNull(classPath, "classPath == null");
    this.parent = Objects.requireNonNull(parent, "parent == null");
  }

  /** An evaluator that compiles against this JVM's class path and runs snippets on the CLI's class loader. */
  public static ScriptEvaluator create() {
    return new ScriptEvaluator(SdkClassPath.current(), ScriptEvaluator.class.getClassLoader());
  }

  /**
   * Runs the script and returns its spec.
   *
   * @throws ScriptException when a snippet does not compile or throws, or when no spec was assigned
   * @throws UncheckedIOException when the file cannot be read
   */
  public ClusterSpec evaluate(Path script) {
    String source;
    try {
      source = Files.readString(script);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + script, e);
    }
    CapturingEngine engine = new CapturingEngine(parent);
    try (JShell shell = JShell.builder().executionEngine(engine, java.util.Map.of()).build()) {
      shell.addToClasspath(classPath);
      Session session = new Session(shell, classPath, script.toString(), source);
      session.prelude(script.toAbsolutePath().normalize());
      session.run();
      return session.spec(engine);
    }
  }

  /** One evaluation: the JShell instance, the script text, and where each snippet starts in it. */
  private static final class Session {
    private final JShell shell;
    private final String classPath;
    private final String file;
    private final String text;
    private final java.util.Map<String, Integer> snippetStarts = new java.util.HashMap<>();

    Session(JShell shell, String classPath, String file, String text) {
      this.shell = shell;
      this.classPath = classPath;
      this.file = file;
      this.text = text;
    }

    void prelude(Path script) {
      for (String statement : SdkImports.statements(classPath)) define(statement);
      Path dir = script.getParent() == null ? Path.of("").toAbsolutePath() : script.getParent();
      define("Path scriptDir = Path.of(" + JavaLiteral.of(dir.toString()) + ");");
      define("Path scriptFile = Path.of(" + JavaLiteral.of(script.toString()) + ");");
    }

    private void define(String snippet) {
      for (SnippetEvent event : shell.eval(snippet)) {
        if (event.status() == Snippet.Status.REJECTED || event.exception() != null) {
          String why = shell.diagnostics(event.snippet()).map(d -> d.getMessage(Locale.ROOT))
              .collect(Collectors.joining("; "));
          throw new IllegalStateException("the script prelude '" + snippet + "' failed: " + why);
        }
      }
    }

    void run() {
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      int offset = 0;
      while (offset < text.length() && !text.substring(offset).isBlank()) {
        String remaining = text.substring(offset);
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
        if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
        String snippet = info.source() != null ? info.source() : remaining;
        int consumed = info.source() != null ? remaining.length() - info.remaining().length()
            : remaining.length();
        if (consumed <= 0) break;
        evaluate(snippet, offset);
        if (info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE) {
          // JShell accepted what the analysis calls unfinished; still, the script cannot end in the middle.
          throw new ScriptException(ScriptException.Kind.COMPILE, List.of(location(firstCodeOffset(offset))
              + "incomplete statement at the end of the script (is a ';', ')' or '}' missing?)"));
        }
        offset += consumed;
      }
    }

    private void evaluate(String snippet, int start) {
      List<SnippetEvent> events = shell.eval(snippet);
      for (SnippetEvent event : events) snippetStarts.putIfAbsent(event.snippet().id(), start);
      for (SnippetEvent event : events) {
        if (event.causeSnippet() != null) continue;
        Snippet s = event.snippet();
        if (event.status() == Snippet.Status.REJECTED) throw compileError(s, start);
        if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED && s instanceof VarSnippet) {
          throw new ScriptException(ScriptException.Kind.COMPILE, List.of(location(firstCodeOffset(start))
              + "cannot find symbol: " + unresolved((DeclarationSnippet) s)));
        }
        if (event.exception() != null) throw runtimeError(event.exception(), start);
      }
    }

    private ScriptException compileError(Snippet snippet, int start) {
      List<String> lines = shell.diagnostics(snippet).filter(Diag::isError)
          .map(d -> location(start + (int) Math.max(0, d.getPosition())) + diagnostic(d))
          .distinct()
          .collect(Collectors.toList());
      if (lines.isEmpty()) lines = List.of(location(firstCodeOffset(start)) + "JShell rejected this statement");
      return new ScriptException(ScriptException.Kind.COMPILE, lines);
    }

    /** The diagnostic's first line, plus the symbol javac could not find, on one line. */
    private String diagnostic(Diag diag) {
      String message = diag.getMessage(Locale.ROOT);
      String first = firstLine(message);
      return message.lines().map(String::trim).filter(line -> line.startsWith("symbol:")).findFirst()
          .map(line -> first + ": " + line.substring("symbol:".length()).trim())
          .orElse(first);
    }

    private ScriptException runtimeError(Throwable thrown, int start) {
      if (thrown instanceof UnresolvedReferenceException) {
        DeclarationSnippet missing = ((UnresolvedReferenceException) thrown).getSnippet();
        return new ScriptException(ScriptException.Kind.COMPILE, List.of(location(firstCodeOffset(start))
            + missing.name() + " cannot run: it refers to " + unresolved(missing) + ", which the script does not define"));
      }
      String where = location(scriptFrameOffset(thrown).orElse(firstCodeOffset(start)));
      String className = thrown instanceof EvalException ? ((EvalException) thrown).getExceptionClassName()
          : thrown.getClass().getName();
      if (SpecValidationException.class.getName().equals(className)) {
        return new ScriptException(ScriptException.Kind.INVALID_SPEC,
            List.of((where + String.valueOf(thrown.getMessage())).split("\\R")));
      }
      List<String> lines = new ArrayList<>();
      lines.add(where + simpleName(className) + messageSuffix(thrown));
      Set<Throwable> seen = new LinkedHashSet<>();
      for (Throwable cause = thrown.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
        String causeName = cause instanceof EvalException ? ((EvalException) cause).getExceptionClassName()
            : cause.getClass().getName();
        lines.add("  caused by " + simpleName(causeName) + messageSuffix(cause));
      }
      return new ScriptException(ScriptException.Kind.RUNTIME, lines);
    }

    /** The innermost stack frame that belongs to a snippet of the script, as an offset in the script text. */
    private Optional<Integer> scriptFrameOffset(Throwable thrown) {
      for (StackTraceElement frame : thrown.getStackTrace()) {
        String fileName = frame.getFileName();
        if (fileName == null || !fileName.startsWith("#")) continue;
        Integer start = snippetStarts.get(fileName.substring(1));
        if (start == null || frame.getLineNumber() < 1) continue;
        int offset = start;
        for (int line = 1; line < frame.getLineNumber() && offset < text.length(); offset++) {
          if (text.charAt(offset) == '\n') line++;
        }
        return Optional.of(Math.max(offset, firstCodeOffset(start)));
      }
      return Optional.empty();
    }

    ClusterSpec spec(CapturingEngine engine) {
      Optional<VarSnippet> variable = shell.variables()
          .filter(v -> v.name().equals(SPEC_VARIABLE) && shell.status(v) == Snippet.Status.VALID)
          .reduce((first, second) -> second);
      if (variable.isEmpty()) {
        throw noSpec("the script did not assign a variable named 'spec'; end it with "
            + "ClusterSpec spec = ClusterSpec.builder().name(\"...\")...build();");
      }
      Object value = engine.valueOf(shell, variable.get()).orElse(null);
      if (value instanceof ClusterSpec) return (ClusterSpec) value;
      if (value instanceof ClusterSpec.Builder) {
        throw noSpec("'spec' is a ClusterSpec.Builder, not a ClusterSpec; call .build() on it");
      }
      if (value != null && value.getClass().getName().equals(ClusterSpec.class.getName())) {
        throw new IllegalStateException("the script's ClusterSpec comes from another class loader");
      }
      throw noSpec("'spec' is " + (value == null ? "null" : "a " + value.getClass().getName())
          + ", not a ClusterSpec; assign it ClusterSpec.builder()...build()");
    }

    private ScriptException noSpec(String message) {
      return new ScriptException(ScriptException.Kind.NO_SPEC, List.of(file + ": " + message));
    }

    private String unresolved(DeclarationSnippet snippet) {
      return shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
    }

    private String location(int offset) {
      int line = 1;
      for (int i = 0; i < Math.min(offset, text.length()); i++) {
        if (text.charAt(i) == '\n') line++;
      }
      return file + ":" + line + ": ";
    }

    /** The first offset at or after {@code start} that is not blank and not in a comment. */
    private int firstCodeOffset(int start) {
      int i = start;
      while (i < text.length()) {
        if (Character.isWhitespace(text.charAt(i))) {
          i++;
        } else if (text.startsWith("//", i)) {
          int end = text.indexOf('\n', i);
          i = end < 0 ? text.length() : end + 1;
        } else if (text.startsWith("/*", i)) {
          int end = text.indexOf("*/", i + 2);
          i = end < 0 ? text.length() : end + 2;
        } else {
          break;
        }
      }
      return Math.min(i, text.length());
    }
  }

  private static String messageSuffix(Throwable thrown) {
    String message = thrown.getMessage();
    return message == null || message.isBlank() ? "" : ": " + firstLine(message);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
