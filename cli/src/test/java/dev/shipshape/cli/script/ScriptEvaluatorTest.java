package dev.shipshape.cli.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private ScriptException failure(Path script) {
    return catchThrowableOfType(ScriptException.class, () -> ScriptEvaluator.create().evaluate(script));
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

    ClusterSpec spec = ScriptEvaluator.create().evaluate(file);

    assertThat(spec.name()).isEqualTo("ok");
    assertThat(spec.plan().resources()).extracting(r -> r.ref())
        .containsExactly(ResourceRef.clusterScoped("", "Namespace", "shop"));
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

    ClusterSpec spec = ScriptEvaluator.create().evaluate(file);

    assertThat(spec.plan().resources()).extracting(r -> r.ref().name()).containsExactly("a", "b");
  }

  @Test
  void scriptDirIsTheDirectoryOfTheScript() throws IOException {
    Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-yaml\n");
    Path file = script("yaml.jsh",
        "ClusterSpec spec = ClusterSpec.builder().name(\"yaml\").yamlFile(scriptDir.resolve(\"ns.yaml\")).build();");

    ClusterSpec spec = ScriptEvaluator.create().evaluate(file);

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

    assertThat(ScriptEvaluator.create().evaluate(file).name()).isEqualTo("second");
  }

  @Test
  void aVariableOfAnUnknownTypeIsACompileError() throws IOException {
    Path file = script("unknown.jsh",
        "Tenant shop = new Tenant(\"shop\");",
        "ClusterSpec spec = ClusterSpec.builder().name(\"x\").build();");

    ScriptException e = failure(file);

    assertThat(e.kind()).isEqualTo(ScriptException.Kind.COMPILE);
    assertThat(e.getMessage()).isEqualTo(file + ":1: cannot find symbol: class Tenant");
  }

  @Test
  void scriptDirSurvivesQuotesAndBackslashesInThePath() throws IOException {
    Path odd = Files.createDirectories(dir.resolve("we\"ird \\u0041 dir"));
    Files.writeString(odd.resolve("script.jsh"),
        "ClusterSpec spec = ClusterSpec.builder().name(\"odd\").commonLabel(\"dir\", \"x\").build();\n"
            + "String seen = scriptDir.getFileName().toString();\n"
            + "if (!seen.equals(\"we\\\"ird \\\\u0041 dir\")) throw new AssertionError(seen);\n");

    assertThat(ScriptEvaluator.create().evaluate(odd.resolve("script.jsh")).name()).isEqualTo("odd");
  }
}
