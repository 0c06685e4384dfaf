package dev.shipshape.cli.script;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a {@link ScriptProgram} in memory with the JDK's compiler ({@code javax.tools}) against the SDK's class
 * path, and returns its class files. Errors name the script's lines. A script that would end the process
 * ({@code System.exit}, {@code Runtime.exit} or {@code halt}) does not compile: the command that runs it decides
 * how it ends.
 */
final class ScriptCompiler {
  private final String classPath;

  ScriptCompiler(String classPath) {
    this.classPath = classPath;
  }

  /**
   * The class files by binary name of the program that {@code program} makes of the SDK's imports (those that the
   * class path holds). One file manager serves both, so that the class path's jars are opened once.
   *
   * @throws ScriptException of kind {@code COMPILE}, one line per error, {@code FILE:LINE: message}
   */
  Map<String, byte[]> compile(Function<List<String>, ScriptProgram> program, String file) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("this Java runtime has no compiler (javax.tools); run shipshape on a JDK");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> classes = new LinkedHashMap<>();
    StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null);
    List<String> lines = new ArrayList<>();
    try (JavaFileManager files = new InMemoryOutput(standard, classes)) {
      ScriptProgram source = program.apply(SdkImports.statements(standard, classPath));
      JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics,
          List.of("-proc:none", "-g:source,lines", "-nowarn", "-implicit:none", "-Xlint:none", "-XDsuppressNotes"),
          null, List.of(new Source(source.source())));
      ExitCalls exitCalls = new ExitCalls(task);
      task.addTaskListener(exitCalls);
      boolean ok = task.call();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) continue;
        lines.add(file + ":" + Math.max(1, source.scriptLine(d.getLineNumber())) + ": "
            + message(d, source));
      }
      for (long line : exitCalls.lines) {
        lines.add(file + ":" + Math.max(1, source.scriptLine(line)) + ": a spec script cannot end the process "
            + "(System.exit, Runtime.exit or halt) — throw an exception to stop it with an error");
      }
      if (!ok || !lines.isEmpty()) {
        if (lines.isEmpty()) lines.add(file + ": the script does not compile");
        throw new ScriptException(ScriptException.Kind.COMPILE, lines.stream().distinct().toList());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, byte[]> bytecode = new LinkedHashMap<>();
    classes.forEach((name, bytes) -> bytecode.put(name, bytes.toByteArray()));
    return bytecode;
  }

  /** The diagnostic's first line, plus the symbol javac could not find, on one line. */
  private static String message(Diagnostic<? extends JavaFileObject> d, ScriptProgram program) {
    String message = d.getMessage(Locale.ROOT);
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline);
    String symbol = message.lines().map(String::trim).filter(line -> line.startsWith("symbol:"))
        .map(line -> line.substring("symbol:".length()).trim()).findFirst().orElse(null);
    if (symbol == null) return first;
    String hint = "";
    if (symbol.startsWith("variable ") && program.inferredVariables().contains(symbol.substring(9))) {
      hint = " (declared with 'var': give it a type, such as 'List<String> " + symbol.substring(9)
          + " = ...', so that methods of the script can use it)";
    }
    return first + ": " + symbol + hint;
  }

  /** The generated source, in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String text) {
      super(URI.create("string:///" + ScriptProgram.BINARY_NAME.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /** Keeps the class files javac writes in memory. */
  private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final Map<String, ByteArrayOutputStream> classes;

    InMemoryOutput(StandardJavaFileManager files, Map<String, ByteArrayOutputStream> classes) {
      super(files);
      this.classes = classes;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) {
      return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          classes.put(className, bytes);
          return bytes;
        }
      };
    }
  }

  /** Finds calls of, and references to, the methods that end the JVM. */
  private static final class ExitCalls implements TaskListener {
    private final Trees trees;
    final Set<Long> lines = new TreeSet<>();

    ExitCalls(JavacTask task) {
      this.trees = Trees.instance(task);
    }

    @Override
    public void finished(TaskEvent event) {
      if (event.getKind() != TaskEvent.Kind.ANALYZE) return;
      CompilationUnitTree unit = event.getCompilationUnit();
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
          check(node);
          return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
          check(node);
          return super.visitMemberReference(node, unused);
        }

        private void check(Tree node) {
          Element element = trees.getElement(getCurrentPath());
          if (element == null || element.getKind() != ElementKind.METHOD) return;
          String owner = ((TypeElement) element.getEnclosingElement()).getQualifiedName().toString();
          String name = element.getSimpleName().toString();
          if ((owner.equals("java.lang.System") && name.equals("exit"))
              || (owner.equals("java.lang.Runtime") && (name.equals("exit") || name.equals("halt")))) {
            long position = trees.getSourcePositions().getStartPosition(unit, node);
            lines.add(unit.getLineMap().getLineNumber(position));
          }
        }
      }.scan(unit, null);
    }
  }
}
