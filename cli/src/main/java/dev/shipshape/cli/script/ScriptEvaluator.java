package dev.shipshape.cli.script;

import dev.shipshape.cli.internal.daemon.DaemonServer;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ManifestException;
import dev.shipshape.core.SpecValidationException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a spec script ({@code *.jsh}) in this JVM and returns the {@link ClusterSpec} it assigns to a variable
 * named {@code spec}.
 *
 * <p>The SDK's packages are imported ({@link SdkImports}), and two variables are defined before the script runs:
 * {@code Path scriptDir}, the directory of the script (resolve files next to the script against it), and
 * {@code Path scriptFile}. The whole script is compiled at once with the JDK's compiler ({@link ScriptProgram}
 * says how it becomes a class) and then run; the compiled classes are cached, so an unchanged script is not
 * compiled again. Errors are lines {@code FILE:LINE: message}, LINE being the line in the script file; never a
 * stack trace.
 *
 * <p>What the script prints goes to standard error while it runs, so that standard output carries only the
 * command's result (such as {@code render}'s YAML). A script cannot end the process: calling {@code System.exit}
 * is a compile error.
 *
 * <p>Not thread-safe while a script runs (it redirects {@code System.out}); create one evaluator per script.
 */
public final class ScriptEvaluator {
  /** The variable a script assigns its spec to. */
  public static final String SPEC_VARIABLE = "spec";

  private final String classPath;
  private final ClassLoader parent;
  private final Optional<ScriptCache> cache;
  private final Runnable afterCompile;

  ScriptEvaluator(String classPath, ClassLoader parent, Optional<ScriptCache> cache, Runnable afterCompile) {
    this.classPath = Objects.requireNonNull(classPath, "classPath == null");
    this.parent = Objects.requireNonNull(parent, "parent == null");
    this.cache = cache;
    this.afterCompile = Objects.requireNonNull(afterCompile, "afterCompile == null");
  }

  /**
   * An evaluator that compiles against this JVM's class path, runs scripts on the CLI's class loader, and caches
   * compiled scripts in the default directory of this process's environment
   * ({@code $XDG_CACHE_HOME/shipshape/scripts}, else {@code ~/.cache/shipshape/scripts}).
   */
  public static ScriptEvaluator create() {
    return create(ScriptCache.defaultDirectory(System.getenv()));
  }

  /**
   * Like {@link #create()}, caching compiled scripts in {@code cacheDirectory}, or not at all when empty. In the
   * command line's daemon, a full collection follows each compile.
   */
  public static ScriptEvaluator create(Optional<Path> cacheDirectory) {
    // The daemon collects the compiler's garbage (its index of the class path's jars, its symbol tables: 10 MB and
    // more) before the script runs. Otherwise the young collections while the script builds its spec promote it,
    // and the old generation's pages it fills stay the daemon's for good. A command's own JVM soon exits.
    Runnable afterCompile = DaemonServer.requested() ? System::gc : () -> { };
    return new ScriptEvaluator(SdkClassPath.current(), ScriptEvaluator.class.getClassLoader(),
        cacheDirectory.map(ScriptCache::new), afterCompile);
  }

  /** The default cache directory for these environment variables ({@code XDG_CACHE_HOME}, {@code HOME}). */
  public static Optional<Path> defaultCacheDirectory(Map<String, String> environment) {
    return ScriptCache.defaultDirectory(environment);
  }

  /**
   * The import statements that scripts get ({@link SdkImports}), read from the cache when this class path's are
   * there: listing the packages of the class path opens every jar on it.
   */
  public List<String> imports() {
    String key = ScriptCache.key("", SdkImports.candidates(), classPath);
    Optional<List<String>> cached = cache.flatMap(c -> c.readImports(key));
    if (cached.isPresent()) return cached.get();
    List<String> imports = SdkImports.statements(classPath);
    cache.ifPresent(c -> c.writeImports(key, imports));
    return imports;
  }

  /**
   * Runs the script and returns its spec.
   *
   * @throws ScriptException when the script does not compile or throws, or when no spec was assigned
   * @throws UncheckedIOException when the file cannot be read
   */
  public ClusterSpec evaluate(Path script) {
    return evaluateWithVariables(script).spec();
  }

  /**
   * Runs the script and returns its spec and the values of its top-level variables at its end.
   *
   * @throws ScriptException when the script does not compile or throws, or when no spec was assigned
   * @throws UncheckedIOException when the file cannot be read
   */
  public ScriptResult evaluateWithVariables(Path script) {
    String source;
    try {
      source = Files.readString(script);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + script, e);
    }
    String file = script.toString();
    Map<String, byte[]> classes = classes(source, file);
    Path absolute = script.toAbsolutePath().normalize();
    Path dir = absolute.getParent() == null ? Path.of("").toAbsolutePath() : absolute.getParent();
    ScriptClassLoader loader = new ScriptClassLoader(parent);
    classes.forEach(loader::declare);
    int[] lines;
    Method run;
    try {
      Class<?> program = loader.loadClass(ScriptProgram.BINARY_NAME);
      lines = ScriptProgram.decode((String) program.getField(ScriptProgram.LINES_FIELD).get(null));
      run = program.getMethod("run", Path.class, Path.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("the compiled script " + file + " cannot be loaded: " + e, e);
    }
    try {
      Object[] result = runQuietly(run, dir, absolute);
      @SuppressWarnings("unchecked")
      Map<String, Object> variables = result.length > 1 ? (Map<String, Object>) result[1] : Map.of();
      return new ScriptResult(spec(result, file), variables);
    } catch (InvocationTargetException e) {
      throw runtimeError(e.getCause(), file, lines);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("the compiled script " + file + " cannot be run: " + e, e);
    }
  }

  private Map<String, byte[]> classes(String source, String file) {
    String key = ScriptCache.key(source, SdkImports.candidates(), classPath);
    Optional<Map<String, byte[]>> cached = cache.flatMap(c -> c.read(key));
    if (cached.isPresent()) return cached.get();
    List<ScriptUnit> units = split(source, file);
    Map<String, byte[]> classes = new ScriptCompiler(classPath)
        .compile(imports -> ScriptProgram.of(source, units, imports), file);
    cache.ifPresent(c -> c.write(key, classes));
    afterCompile.run();
    return classes;
  }

  private static List<ScriptUnit> split(String source, String file) {
    try {
      return ScriptSplitter.split(source);
    } catch (ScriptTokens.IncompleteException e) {
      throw new ScriptException(ScriptException.Kind.COMPILE, List.of(location(source, file, e.offset)
          + e.getMessage()));
    }
  }

  /** Runs the script with {@code System.out} sent to standard error, so that it cannot mix into the result. */
  private static Object[] runQuietly(Method run, Path dir, Path file)
      throws InvocationTargetException, IllegalAccessException {
    PrintStream out = System.out;
    System.setOut(System.err);
    try {
      return (Object[]) run.invoke(null, dir, file);
    } finally {
      System.setOut(out);
    }
  }

  private static ScriptException runtimeError(Throwable thrown, String file, int[] lines) {
    String where = file + ":" + scriptLine(thrown, lines).map(String::valueOf).orElse("1") + ": ";
    if (thrown instanceof SpecValidationException) {
      return new ScriptException(ScriptException.Kind.INVALID_SPEC,
          List.of((where + thrown.getMessage()).split("\\R")));
    }
    List<String> messages = new ArrayList<>();
    messages.add(where + thrown.getClass().getSimpleName() + messageSuffix(thrown));
    // The manifest reader names every document it cannot read, one per line, never quoting a value; other
    // messages show their first line only (a parser's may quote the source line, a Secret's value in it).
    if (thrown instanceof ManifestException) {
      ((ManifestException) thrown).problems().stream().skip(1).forEach(problem -> messages.add("  " + problem));
    }
    Set<Throwable> seen = new LinkedHashSet<>();
    for (Throwable cause = thrown.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
      messages.add("  caused by " + cause.getClass().getSimpleName() + messageSuffix(cause));
    }
    return new ScriptException(ScriptException.Kind.RUNTIME, messages);
  }

  /** The line of the innermost stack frame that belongs to the script. */
  private static Optional<Integer> scriptLine(Throwable thrown, int[] lines) {
    for (StackTraceElement frame : thrown.getStackTrace()) {
      String className = frame.getClassName();
      if (!className.equals(ScriptProgram.BINARY_NAME)
          && !className.startsWith(ScriptProgram.BINARY_NAME + "$")) {
        continue;
      }
      int line = ScriptProgram.scriptLine(lines, frame.getLineNumber());
      if (line > 0) return Optional.of(line);
    }
    return Optional.empty();
  }

  private static ClusterSpec spec(Object[] result, String file) {
    if (result.length == 0) {
      throw noSpec(file, "the script did not assign a variable named 'spec'; end it with "
          + "ClusterSpec spec = ClusterSpec.builder().name(\"...\")...build();");
    }
    Object value = result[0];
    if (value instanceof ClusterSpec) return (ClusterSpec) value;
    if (value instanceof ClusterSpec.Builder) {
      throw noSpec(file, "'spec' is a ClusterSpec.Builder, not a ClusterSpec; call .build() on it");
    }
    throw noSpec(file, "'spec' is " + (value == null ? "null" : "a " + value.getClass().getName())
        + ", not a ClusterSpec; assign it ClusterSpec.builder()...build()");
  }

  private static ScriptException noSpec(String file, String message) {
    return new ScriptException(ScriptException.Kind.NO_SPEC, List.of(file + ": " + message));
  }

  private static String location(String text, String file, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') line++;
    }
    return file + ":" + line + ": ";
  }

  private static String messageSuffix(Throwable thrown) {
    String message = thrown.getMessage();
    if (message == null || message.isBlank()) return "";
    int newline = message.indexOf('\n');
    return ": " + (newline < 0 ? message : message.substring(0, newline));
  }
}
