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
    List<String> startup = ShellSession.create(Optional.of("/k/config"), Optional.of("prod"), false, List.of())
        .startup();

    assertThat(startup).contains("import dev.shipshape.core.*;", "import io.fabric8.kubernetes.api.model.*;",
        "KubernetesClient client = dev.shipshape.cli.shell.ShellHelpers.client(\"/k/config\", \"prod\");");
    assertThat(startup).anySatisfy(s -> assertThat(s).startsWith("EmbeddedCluster embedded()"));
  }

  @Test
  void withoutAKubeconfigThereIsNoClient() {
    List<String> startup = ShellSession.create(Optional.empty(), Optional.empty(), false, List.of()).startup();

    assertThat(startup).noneSatisfy(s -> assertThat(s).contains("client ="));
  }

  @Test
  void aSessionOpensAScriptAndBuildsItsSpecInteractively() throws Exception {
    Path script = Files.writeString(dir.resolve("one.jsh"),
        "ClusterSpec spec = ClusterSpec.builder().name(\"one\")"
            + ".resource(new NamespaceBuilder().withNewMetadata().withName(\"shop\").endMetadata().build()).build();\n");
    String input = "System.out.println(\"planned \" + spec.plan().resources().size() + \" in \" + scriptDir.getFileName());\n"
        + "/exit\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = ShellSession.create(Optional.empty(), Optional.empty(), false, List.of(script))
        .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true),
            new PrintStream(out, true), false);

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("planned 1 in " + dir.getFileName());
  }
}
