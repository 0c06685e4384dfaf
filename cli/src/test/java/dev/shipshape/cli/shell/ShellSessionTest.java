package dev.shipshape.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellSessionTest {
  @TempDir
  Path dir;

  @Test
  void startupImportsTheSdkAndDefinesTheHelpers() {
    List<String> startup = ShellSession.create(Optional.of("/k/config"), Optional.of("prod"), false,
        Optional.empty()).startup();

    assertThat(startup).contains("import dev.shipshape.core.*;", "import io.fabric8.kubernetes.api.model.*;",
        "KubernetesClient client = dev.shipshape.cli.shell.ShellHelpers.client(\"/k/config\", \"prod\");");
    assertThat(startup).anySatisfy(s -> assertThat(s).startsWith("EmbeddedCluster embedded()"));
    assertThat(startup).noneSatisfy(s -> assertThat(s).startsWith("ClusterSpec spec"));
  }

  @Test
  void withoutAKubeconfigThereIsNoClient() {
    List<String> startup = ShellSession.create(Optional.empty(), Optional.empty(), false, Optional.empty())
        .startup();

    assertThat(startup).noneSatisfy(s -> assertThat(s).contains("client ="));
  }

  @Test
  void aSessionLoadsAScriptAndAppliesItsSpecToAnEmbeddedServer() throws Exception {
    // Statements continued on the next line, as the example specs write them.
    Path script = Files.writeString(dir.resolve("one.jsh"), "// a comment, then an import\n"
        + "import java.time.Duration;\n"
        + "String team = \"checkout\";\n"
        + "ClusterSpec spec = ClusterSpec.builder()\n"
        + "    .name(\"one\")\n"
        + "    .resource(new NamespaceBuilder().withNewMetadata().withName(\"shop\").endMetadata().build())\n"
        + "    .build();\n");
    String input = "System.out.println(\"planned \" + spec.plan().resources().size() + \" in \" + scriptDir.getFileName());\n"
        + "System.out.println(\"changed \" + apply(spec, client).changeCount());\n"
        + "System.out.println(\"team \" + team + \", again \" + load(scriptFile).name() + \", \" + load(\"" + script
        + "\").name());\n"
        + "/exit\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = ShellSession.create(Optional.empty(), Optional.empty(), true, Optional.of(script))
        .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true),
            new PrintStream(out, true), false);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("planned 1 in " + dir.getFileName(), "changed 1", "team checkout, again one, one")
        .doesNotContain("Error");
  }
}
