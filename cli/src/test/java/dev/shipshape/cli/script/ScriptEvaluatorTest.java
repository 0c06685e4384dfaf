package dev.shipshape.cli.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.cli.script.ScriptException.Kind;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScriptEvaluatorTest {
  @TempDir
  Path dir;

  private Path script(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  /** Caches compiled scripts in a directory of this test only. */
  private ScriptEvaluator evaluator() {
    return ScriptEvaluator.create(Optional.of(dir.resolve("cache")));
  }

  private ScriptException failure(Path script) {
    return catchThrowableOfType(ScriptException.class, () -> evaluator().evaluate(script));
  }

  /** The spec a script of these lines evaluates to. */
  private ClusterSpec evaluate(String name, String... lines) throws IOException {
    return evaluator().evaluate(script(name, lines));
  }

  /**
   * Scripts that fail, with the kind of failure and every line of the message, each after the script's path
   * ({@code FILE:LINE: ...}, or {@code FILE: ...} for a problem of the whole script).
   */
  static Stream<Arguments> failingScripts() {
    String endsTheProcess = ": a spec script cannot end the process (System.exit, Runtime.exit or halt) — throw an "
        + "exception to stop it with an error";
    return Stream.of(
        failing("a compile error names the file and the line in the script", Kind.COMPILE,
            List.of(":5: cannot find symbol: method nmae(java.lang.String)"),
            "// a comment",
            "",
            "ClusterSpec spec = ClusterSpec.builder()",
            "    .name(\"typo\")",
            "    .nmae(\"again\")",
            "    .build();"),
        failing("an unfinished statement at the end is reported where it starts", Kind.COMPILE,
            List.of(":4: reached end of file while parsing"),
            "ClusterSpec spec = ClusterSpec.builder().name(\"open\").build();",
            "",
            "void helper() {",
            "  System.out.println(\"never closed\");"),
        failing("a variable of an unknown type is a compile error", Kind.COMPILE,
            List.of(":1: cannot find symbol: class Storefront"),
            "Storefront shop = new Storefront(\"shop\");",
            "ClusterSpec spec = ClusterSpec.builder().name(\"x\").build();"),
        failing("a method using a var variable is told to give it a type", Kind.COMPILE,
            List.of(":2: cannot find symbol: variable prefix (declared with 'var': give it a type, such as "
                + "'List<String> prefix = ...', so that methods of the script can use it)"),
            "var prefix = \"team\";",
            "String named(String s) { return prefix + s; }",
            "ClusterSpec spec = ClusterSpec.builder().name(named(\"a\")).build();"),
        failing("System.exit is a script error and does not end the process", Kind.COMPILE,
            List.of(":2" + endsTheProcess, ":3" + endsTheProcess),
            "ClusterSpec spec = ClusterSpec.builder().name(\"exit\").build();",
            "if (spec != null) System.exit(3);",
            "Runnable quit = () -> Runtime.getRuntime().halt(4);"),
        failing("a runtime error names the line inside the script method that threw", Kind.RUNTIME,
            List.of(":3: IllegalArgumentException: unknown tier bronze"),
            "int replicas(String tier) {",
            "  if (tier.equals(\"gold\")) return 3;",
            "  throw new IllegalArgumentException(\"unknown tier \" + tier);",
            "}",
            "int n = replicas(\"bronze\");",
            "ClusterSpec spec = ClusterSpec.builder().name(\"runtime\").build();"),
        failing("a top-level switch whose default throws fails at its line", Kind.RUNTIME,
            List.of(":4: IllegalArgumentException: unknown tier bronze"),
            "String tier = \"bronze\";",
            "int replicas = switch (tier) {",
            "  case \"gold\" -> 3;",
            "  default -> throw new IllegalArgumentException(\"unknown tier \" + tier);",
            "};",
            "switch (tier) { default -> throw new IllegalStateException(\"never reached\"); }",
            "ClusterSpec spec = ClusterSpec.builder().name(\"switch\").build();"),
        failing("a script without spec says how to hand it over", Kind.NO_SPEC,
            List.of(": the script did not assign a variable named 'spec'; end it with ClusterSpec spec = "
                + "ClusterSpec.builder().name(\"...\")...build();"),
            "ClusterSpec prod = ClusterSpec.builder().name(\"prod\").build();"),
        failing("a builder in spec is called out", Kind.NO_SPEC,
            List.of(": 'spec' is a ClusterSpec.Builder, not a ClusterSpec; call .build() on it"),
            "var spec = ClusterSpec.builder().name(\"prod\");"),
        failing("a spec of another type is called out", Kind.NO_SPEC,
            List.of(": 'spec' is a java.lang.String, not a ClusterSpec; assign it ClusterSpec.builder()...build()"),
            "String spec = \"prod\";"));
  }

  private static Arguments failing(String description, Kind kind, List<String> messageLines, String... script) {
    return Arguments.of(description, kind, messageLines, List.of(script));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failingScripts")
  void aFailingScriptIsReportedWithItsKindAndEveryLineOfTheMessage(String description, Kind kind,
      List<String> messageLines, List<String> script) throws IOException {
    Path file = script("failing.jsh", script.toArray(String[]::new));

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.lines()).containsExactlyElementsOf(messageLines.stream().map(line -> file + line).toList());
  }

  @Test
  void returnsTheSpecAssignedToSpecWithTheSdkImported() throws IOException {
    ClusterSpec spec = evaluate("ok.jsh",
        "// no imports needed",
        "Namespace ns = new NamespaceBuilder().withNewMetadata().withName(\"shop\").endMetadata().build();",
        "ClusterSpec spec = ClusterSpec.builder()",
        "    .name(\"ok\")",
        "    .resource(ns)",
        "    .build();");

    assertThat(spec.name()).isEqualTo("ok");
    assertThat(spec.plan().resources()).extracting(r -> r.ref())
        .containsExactly(ResourceRef.clusterScoped("", "Namespace", "shop"));
  }

  @Test
  void returnsTheValuesOfTheScriptsVariablesAtItsEnd() throws IOException {
    Path file = script("vars.jsh",
        "int steps = 3;",
        "var release = \"first\";",
        "String release = \"second\";",
        "ClusterSpec spec = ClusterSpec.builder().name(\"vars\").build();",
        "steps = steps + 1;");

    ScriptResult result = evaluator().evaluateWithVariables(file);

    assertThat(result.spec().name()).isEqualTo("vars");
    assertThat(result.variables()).containsOnlyKeys("steps", "release", "spec");
    assertThat(result.variable("steps")).contains(4);
    assertThat(result.variable("release")).contains("second");
    assertThat(result.variable("missing")).isEmpty();
  }

  @Test
  void importsOnlyPackagesThatHoldClasses() {
    List<String> imports = SdkImports.statements(System.getProperty("java.class.path"));

    assertThat(imports).contains("import java.util.*;", "import dev.shipshape.core.*;",
        "import io.fabric8.kubernetes.api.model.apps.*;");
    assertThat(imports).doesNotContain("import dev.shipshape.core.internal.*;");
  }

  @Test
  void aComponentClassDeclaredInTheScriptIsPlannedByTheCaller() throws IOException {
    // The record's class is defined by the script's class loader, the Component interface by the caller's:
    // this only works when the script loader delegates to the caller's loader.
    Path file = script("component.jsh",
        "record Tenant(String name) implements Component {",
        "  public List<HasMetadata> compile(CompileContext context) {",
        "    return List.of(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());",
        "  }",
        "}",
        "ClusterSpec spec = ClusterSpec.builder().name(\"tenants\").component(new Tenant(\"a\"), new Tenant(\"b\")).build();");

    ClusterSpec spec = evaluator().evaluate(file);

    assertThat(spec.plan().resources()).extracting(r -> r.ref().name()).containsExactly("a", "b");
  }

  @Test
  void scriptDirIsTheDirectoryOfTheScript() throws IOException {
    Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-yaml\n");
    ClusterSpec spec = evaluate("yaml.jsh",
        "ClusterSpec spec = ClusterSpec.builder().name(\"yaml\").yamlFile(scriptDir.resolve(\"ns.yaml\")).build();");

    assertThat(spec.rawResources()).extracting(r -> r.getMetadata().getName()).containsExactly("from-yaml");
  }

  @Test
  void aSyntaxErrorAfterEarlierStatementsNamesItsOwnLine() throws IOException {
    Path file = script("syntax.jsh",
        "int replicas = 3;",
        "String name = \"web\";",
        "int broken = replicas +* 2;",
        "ClusterSpec spec = ClusterSpec.builder().name(name).build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(Kind.COMPILE);
    assertThat(e.getMessage()).startsWith(file + ":3: illegal start of expression");
  }

  @Test
  void anExceptionFromTheSdkIsReportedAtTheScriptLineWithItsCause() throws IOException {
    Path file = script("missing.jsh",
        "ClusterSpec spec = ClusterSpec.builder()",
        "    .name(\"missing\")",
        "    .yamlFile(scriptDir.resolve(\"absent.yaml\"))",
        "    .build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(Kind.RUNTIME);
    assertThat(e.lines().get(0)).isEqualTo(file + ":3: UncheckedIOException: cannot read manifest file "
        + dir.resolve("absent.yaml"));
    assertThat(e.lines()).anySatisfy(line -> assertThat(line).startsWith("  caused by NoSuchFileException"));
  }

  @Test
  void everyProblemOfTheManifestReaderIsShown() throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: [1]\n"
        + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: [2]\n");
    Path file = script("bad.jsh",
        "List<HasMetadata> objects = Manifests.read(scriptDir.resolve(\"bad.yaml\"));");

    ScriptException e = failure(file);

    assertThat(e.lines()).containsExactly(
        file + ":1: ManifestException: " + dir.resolve("bad.yaml") + ", document 1 (line 1): ConfigMap a "
            + "does not match its schema: data must be a map, not a list — fix the manifest",
        "  " + dir.resolve("bad.yaml") + ", document 2 (line 5): ConfigMap b does not match its schema: data must be "
            + "a map, not a list — fix the manifest");
  }

  @Test
  void aSpecTheSdkRejectsIsAnInvalidSpecListingItsProblems() throws IOException {
    Path file = script("badname.jsh", "ClusterSpec spec = ClusterSpec.builder().name(\"Bad_Name\").build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(Kind.INVALID_SPEC);
    assertThat(e.lines().get(0)).startsWith(file + ":1: ClusterSpec is invalid: 1 error");
    assertThat(e.getMessage()).contains("spec name 'Bad_Name'");
  }

  @Test
  void theLastAssignmentOfSpecWins() throws IOException {
    assertThat(evaluate("twice.jsh",
        "ClusterSpec spec = ClusterSpec.builder().name(\"first\").build();",
        "spec = ClusterSpec.builder().name(\"second\").build();").name()).isEqualTo("second");
  }

  @Test
  void scriptDirSurvivesQuotesAndBackslashesInThePath() throws IOException {
    Path odd = Files.createDirectories(dir.resolve("we\"ird \\u0041 dir"));
    Files.writeString(odd.resolve("script.jsh"),
        "ClusterSpec spec = ClusterSpec.builder().name(\"odd\").commonLabel(\"dir\", \"x\").build();\n"
            + "String seen = scriptDir.getFileName().toString();\n"
            + "if (!seen.equals(\"we\\\"ird \\\\u0041 dir\")) throw new AssertionError(seen);\n");

    assertThat(evaluator().evaluate(odd.resolve("script.jsh")).name()).isEqualTo("odd");
  }

  @Test
  void whatTheScriptPrintsGoesToStandardError() throws IOException {
    Path file = script("print.jsh",
        "System.out.println(\"building\");",
        "ClusterSpec spec = ClusterSpec.builder().name(\"print\").build();");
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream capturedOut = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream capturedErr = new java.io.ByteArrayOutputStream();
    try {
      System.setOut(new java.io.PrintStream(capturedOut, true));
      System.setErr(new java.io.PrintStream(capturedErr, true));
      evaluator().evaluate(file);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(capturedOut.toString()).isEmpty();
    assertThat(capturedErr.toString()).isEqualTo("building" + System.lineSeparator());
  }

  @Test
  void scriptDirIsSetWhenACommentIsFollowedByAnImport() throws IOException {
    Path file = script("imports.jsh",
        "// a comment first",
        "import java.time.Duration;",
        "Duration timeout = Duration.ofSeconds(5);",
        "ClusterSpec spec = ClusterSpec.builder().name(scriptDir.getFileName().toString().toLowerCase()"
            + ".replaceAll(\"[^a-z0-9]\", \"\")).build();");

    ClusterSpec spec = evaluator().evaluate(file);

    assertThat(spec.name()).isEqualTo(dir.getFileName().toString().toLowerCase().replaceAll("[^a-z0-9]", ""));
  }

  @Test
  void methodsSeeTypedVariablesAndVarRedeclarationsReplaceEarlierOnes() throws IOException {
    assertThat(evaluate("vars.jsh",
        "String prefix = \"team\";",
        "String named(String s) { return prefix + \"-\" + s; }",
        "var name = 1;",
        "var name = named(\"a\");",
        "ClusterSpec spec = ClusterSpec.builder().name(\"first\").build();",
        "var spec = ClusterSpec.builder().name(name).build();").name()).isEqualTo("team-a");
  }

  @Test
  void aCompiledScriptIsCachedAndReusedUntilItChanges() throws IOException {
    Path file = script("cached.jsh", "ClusterSpec spec = ClusterSpec.builder().name(\"one\").build();");
    Path cache = dir.resolve("cache");

    assertThat(evaluator().evaluate(file).name()).isEqualTo("one");
    assertThat(entries(cache)).hasSize(1);
    assertThat(evaluator().evaluate(file).name()).isEqualTo("one");
    assertThat(entries(cache)).hasSize(1);

    Files.writeString(file, "ClusterSpec spec = ClusterSpec.builder().name(\"two\").build();\n");
    assertThat(evaluator().evaluate(file).name()).isEqualTo("two");
    assertThat(entries(cache)).hasSize(2);
  }

  @Test
  void whatRunsAfterACompileRunsBeforeTheScriptAndNotForACachedScript() throws IOException {
    String ran = "shipshape.test.script." + System.nanoTime();
    Path file = script("hooked.jsh", "System.setProperty(\"" + ran + "\", \"yes\");",
        "ClusterSpec spec = ClusterSpec.builder().name(\"hooked\").build();");
    List<String> calls = new ArrayList<>();
    Runnable afterCompile = () -> calls.add(System.getProperty(ran, "script not run yet"));
    try {
      for (int i = 0; i < 2; i++) {
        ScriptEvaluator evaluator = new ScriptEvaluator(SdkClassPath.current(),
            ScriptEvaluator.class.getClassLoader(), Optional.of(new ScriptCache(dir.resolve("cache"))), afterCompile);
        assertThat(evaluator.evaluate(file).name()).isEqualTo("hooked");
      }
    } finally {
      System.clearProperty(ran);
    }

    assertThat(calls).containsExactly("script not run yet");
  }

  @Test
  void usingACachedScriptMarksItAndCompilingAnotherRemovesThoseUnusedForThirtyDays() throws IOException {
    Path cache = dir.resolve("cache");
    Path kept = script("kept.jsh", "ClusterSpec spec = ClusterSpec.builder().name(\"kept\").build();");
    Path dropped = script("dropped.jsh", "ClusterSpec spec = ClusterSpec.builder().name(\"dropped\").build();");
    evaluator().evaluate(kept);
    Path keptEntry = entries(cache).get(0);
    evaluator().evaluate(dropped);
    FileTime longAgo = FileTime.from(Instant.now().minus(java.time.Duration.ofDays(31)));
    for (Path entry : entries(cache)) Files.setLastModifiedTime(entry, longAgo);

    evaluator().evaluate(kept);
    Files.writeString(kept, "ClusterSpec spec = ClusterSpec.builder().name(\"edited\").build();\n");
    evaluator().evaluate(kept);

    assertThat(entries(cache)).hasSize(2).contains(keptEntry);
    assertThat(Files.getLastModifiedTime(keptEntry)).isGreaterThan(longAgo);
  }

  @Test
  void aCachedScriptStillReportsRuntimeErrorsAtTheScriptLine() throws IOException {
    Path file = script("again.jsh",
        "// fails at run time",
        "String missing = null;",
        "int n = missing.length();",
        "ClusterSpec spec = ClusterSpec.builder().name(\"again\").build();");

    ScriptException first = failure(file);
    ScriptException second = failure(file);

    assertThat(first.lines()).hasSize(1);
    assertThat(first.lines().get(0)).startsWith(file + ":3: NullPointerException");
    assertThat(second.lines()).isEqualTo(first.lines());
    assertThat(entries(dir.resolve("cache"))).hasSize(1);
  }

  @Test
  void theCacheDirectoryFollowsXdgCacheHomeThenHome() {
    assertThat(ScriptEvaluator.defaultCacheDirectory(java.util.Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h")))
        .contains(Path.of("/c/shipshape/scripts"));
    assertThat(ScriptEvaluator.defaultCacheDirectory(java.util.Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h")))
        .contains(Path.of("/h/.cache/shipshape/scripts"));
    assertThat(ScriptEvaluator.defaultCacheDirectory(java.util.Map.of("HOME", "/h")))
        .contains(Path.of("/h/.cache/shipshape/scripts"));
  }

  private static List<Path> entries(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
  }
}
