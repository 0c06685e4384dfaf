package dev.shipshape.cli.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void returnsTheSpecAssignedToSpecWithTheSdkImported() throws IOException {
    Path file = script("ok.jsh",
        "// no imports needed",
        "Namespace ns = new NamespaceBuilder().withNewMetadata().withName(\"shop\").endMetadata().build();",
        "ClusterSpec spec = ClusterSpec.builder()",
        "    .name(\"ok\")",
        "    .resource(ns)",
        "    .build();");

    ClusterSpec spec = evaluator().evaluate(file);

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
    java.util.List<String> imports = SdkImports.statements(System.getProperty("java.class.path"));

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
    Path file = script("yaml.jsh",
        "ClusterSpec spec = ClusterSpec.builder().name(\"yaml\").yamlFile(scriptDir.resolve(\"ns.yaml\")).build();");

    ClusterSpec spec = evaluator().evaluate(file);

    assertThat(spec.rawResources()).extracting(r -> r.getMetadata().getName()).containsExactly("from-yaml");
  }

  @Test
  void aCompileErrorNamesTheFileAndTheLineInTheScript() throws IOException {
    Path file = script("typo.jsh",
        "// a comment",
        "",
        "ClusterSpec spec = ClusterSpec.builder()",
        "    .name(\"typo\")",
        "    .nmae(\"again\")",
        "    .build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.COMPILE);
    assertThat(e.lines()).hasSize(1);
    assertThat(e.lines()).containsExactly(file + ":5: cannot find symbol: method nmae(java.lang.String)");
  }

  @Test
  void aSyntaxErrorAfterEarlierStatementsNamesItsOwnLine() throws IOException {
    Path file = script("syntax.jsh",
        "int replicas = 3;",
        "String name = \"web\";",
        "int broken = replicas +* 2;",
        "ClusterSpec spec = ClusterSpec.builder().name(name).build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.COMPILE);
    assertThat(e.getMessage()).startsWith(file + ":3: illegal start of expression");
  }

  @Test
  void anUnfinishedStatementAtTheEndIsReportedWhereItStarts() throws IOException {
    Path file = script("open.jsh",
        "ClusterSpec spec = ClusterSpec.builder().name(\"open\").build();",
        "",
        "void helper() {",
        "  System.out.println(\"never closed\");");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.COMPILE);
    assertThat(e.getMessage()).isEqualTo(file + ":4: reached end of file while parsing");
  }

  @Test
  void aRuntimeErrorNamesTheLineInsideTheScriptMethodThatThrew() throws IOException {
    Path file = script("runtime.jsh",
        "int replicas(String tier) {",
        "  if (tier.equals(\"gold\")) return 3;",
        "  throw new IllegalArgumentException(\"unknown tier \" + tier);",
        "}",
        "int n = replicas(\"bronze\");",
        "ClusterSpec spec = ClusterSpec.builder().name(\"runtime\").build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.RUNTIME);
    assertThat(e.lines()).containsExactly(file + ":3: IllegalArgumentException: unknown tier bronze");
  }

  @Test
  void anExceptionFromTheSdkIsReportedAtTheScriptLineWithItsCause() throws IOException {
    Path file = script("missing.jsh",
        "ClusterSpec spec = ClusterSpec.builder()",
        "    .name(\"missing\")",
        "    .yamlFile(scriptDir.resolve(\"absent.yaml\"))",
        "    .build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.RUNTIME);
    assertThat(e.lines().get(0)).isEqualTo(file + ":3: UncheckedIOException: cannot read manifest file "
        + dir.resolve("absent.yaml"));
    assertThat(e.lines()).anySatisfy(line -> assertThat(line).startsWith("  caused by NoSuchFileException"));
  }

  @Test
  void aSpecTheSdkRejectsIsAnInvalidSpecListingItsProblems() throws IOException {
    Path file = script("badname.jsh", "ClusterSpec spec = ClusterSpec.builder().name(\"Bad_Name\").build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.INVALID_SPEC);
    assertThat(e.lines().get(0)).startsWith(file + ":1: ClusterSpec is invalid: 1 error");
    assertThat(e.getMessage()).contains("spec name 'Bad_Name'");
  }

  @Test
  void aScriptWithoutSpecSaysHowToHandItOver() throws IOException {
    Path file = script("nospec.jsh", "ClusterSpec prod = ClusterSpec.builder().name(\"prod\").build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.NO_SPEC);
    assertThat(e.getMessage()).isEqualTo(file + ": the script did not assign a variable named 'spec'; end it "
        + "with ClusterSpec spec = ClusterSpec.builder().name(\"...\")...build();");
  }

  @Test
  void aBuilderInSpecIsCalledOut() throws IOException {
    Path file = script("builder.jsh", "var spec = ClusterSpec.builder().name(\"prod\");");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.NO_SPEC);
    assertThat(e.getMessage()).isEqualTo(file + ": 'spec' is a ClusterSpec.Builder, not a ClusterSpec; call "
        + ".build() on it");
  }

  @Test
  void aSpecOfAnotherTypeIsCalledOut() throws IOException {
    Path file = script("string.jsh", "String spec = \"prod\";");

    assertThat(failure(file).getMessage()).isEqualTo(file + ": 'spec' is a java.lang.String, not a ClusterSpec; "
        + "assign it ClusterSpec.builder()...build()");
  }

  @Test
  void theLastAssignmentOfSpecWins() throws IOException {
    Path file = script("twice.jsh",
        "ClusterSpec spec = ClusterSpec.builder().name(\"first\").build();",
        "spec = ClusterSpec.builder().name(\"second\").build();");

    assertThat(evaluator().evaluate(file).name()).isEqualTo("second");
  }

  @Test
  void aVariableOfAnUnknownTypeIsACompileError() throws IOException {
    Path file = script("unknown.jsh",
        "Storefront shop = new Storefront(\"shop\");",
        "ClusterSpec spec = ClusterSpec.builder().name(\"x\").build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.COMPILE);
    assertThat(e.getMessage()).isEqualTo(file + ":1: cannot find symbol: class Storefront");
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
  void systemExitIsAScriptErrorAndDoesNotEndTheProcess() throws IOException {
    Path file = script("exit.jsh",
        "ClusterSpec spec = ClusterSpec.builder().name(\"exit\").build();",
        "if (spec != null) System.exit(3);",
        "Runnable quit = () -> Runtime.getRuntime().halt(4);");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.COMPILE);
    assertThat(e.lines()).containsExactly(
        file + ":2: a spec script cannot end the process (System.exit, Runtime.exit or halt) — throw an exception "
            + "to stop it with an error",
        file + ":3: a spec script cannot end the process (System.exit, Runtime.exit or halt) — throw an exception "
            + "to stop it with an error");
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
  void aTopLevelSwitchWhoseDefaultThrowsFailsAtItsLine() throws IOException {
    Path file = script("switch.jsh",
        "String tier = \"bronze\";",
        "int replicas = switch (tier) {",
        "  case \"gold\" -> 3;",
        "  default -> throw new IllegalArgumentException(\"unknown tier \" + tier);",
        "};",
        "switch (tier) { default -> throw new IllegalStateException(\"never reached\"); }",
        "ClusterSpec spec = ClusterSpec.builder().name(\"switch\").build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.RUNTIME);
    assertThat(e.lines()).containsExactly(file + ":4: IllegalArgumentException: unknown tier bronze");
  }

  @Test
  void methodsSeeTypedVariablesAndVarRedeclarationsReplaceEarlierOnes() throws IOException {
    Path file = script("vars.jsh",
        "String prefix = \"team\";",
        "String named(String s) { return prefix + \"-\" + s; }",
        "var name = 1;",
        "var name = named(\"a\");",
        "ClusterSpec spec = ClusterSpec.builder().name(\"first\").build();",
        "var spec = ClusterSpec.builder().name(name).build();");

    assertThat(evaluator().evaluate(file).name()).isEqualTo("team-a");
  }

  @Test
  void aMethodUsingAVarVariableIsToldToGiveItAType() throws IOException {
    Path file = script("var.jsh",
        "var prefix = \"team\";",
        "String named(String s) { return prefix + s; }",
        "ClusterSpec spec = ClusterSpec.builder().name(named(\"a\")).build();");

    assertThat(failure(file).lines()).containsExactly(file + ":2: cannot find symbol: variable prefix (declared "
        + "with 'var': give it a type, such as 'List<String> prefix = ...', so that methods of the script can use it)");
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

  private static java.util.List<Path> entries(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
  }
}
