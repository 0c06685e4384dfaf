package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** plan, render, diff and apply on small specs, against an embedded API server shared by the commands. */
class CommandsTest extends EmbeddedCommandsTest {
  private Path script(String name, String text) throws IOException {
    return yaml(name, text);
  }

  @Test
  void applyEmbeddedThenApplyAgainChangesNothing() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP);

    CliRunner.Result first = cli.run("apply", "--embedded", spec.toString());
    CliRunner.Result second = cli.run("apply", "--embedded", spec.toString());

    assertThat(first.exitCode).as(first.toString()).isZero();
    assertThat(first.out).contains("Target: embedded API server at " + cluster.url(),
        "created Namespace shop", "created ConfigMap shop/settings", "Applied shop: 2 created");
    assertThat(cluster.client().configMaps().inNamespace("shop").withName("settings").get().getData())
        .containsEntry("mode", "fast");
    assertThat(second.exitCode).as(second.toString()).isZero();
    assertThat(second.out).contains("Applied shop: 2 unchanged").doesNotContain("created", "updated");
  }

  @Test
  void diffExitsOneWithChangesAndZeroOnceApplied() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP);

    CliRunner.Result before = cli.run("diff", "--embedded", spec.toString());
    cli.run("apply", "--embedded", spec.toString());
    CliRunner.Result after = cli.run("diff", "--embedded", spec.toString());
    CliRunner.Result changed = cli.run("diff", "--embedded",
        yaml("changed.yaml", NAMESPACE + "---\n" + CONFIG_MAP.replace("fast", "safe")).toString(), "--name", "shop");

    assertThat(before.exitCode).as(before.toString()).isEqualTo(1);
    assertThat(before.out).endsWith("2 to create, 0 to update, 0 unchanged\n");
    assertThat(after.exitCode).as(after.toString()).isZero();
    assertThat(after.out).isEqualTo("0 to create, 0 to update, 2 unchanged\n");
    assertThat(changed.exitCode).as(changed.toString()).isEqualTo(1);
    assertThat(changed.out).contains("data.mode").endsWith("0 to create, 1 to update, 1 unchanged\n");
  }

  @Test
  void anInvalidSpecIsNotAppliedAndEveryProblemIsListed() throws IOException {
    Path spec = yaml("broken.yaml", CONFIG_MAP + "---\n" + CONFIG_MAP.replace("settings", "Bad_Name"));

    CliRunner.Result result = cli.run("apply", "--embedded", spec.toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
    assertThat(result.out).isEmpty();
    String[] lines = result.err.split("\n");
    assertThat(lines[0]).isEqualTo(spec + " is invalid: 3 errors (each line names the object, the field, "
        + "the problem and the fix)");
    assertThat(lines).hasSize(4);
    assertThat(result.err).contains("ConfigMap shop/Bad_Name metadata.name", "ConfigMap shop/settings metadata.namespace",
        "ConfigMap shop/Bad_Name metadata.namespace");
    assertThat(cluster.client().namespaces().list().getItems()).isEmpty();
    assertThat(cluster.client().configMaps().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void documentsThatCannotBeReadAreListedWithThePlansOwnProblems() throws IOException {
    Path spec = yaml("mixed.yaml", CONFIG_MAP + "---\nreplicas: 2\n");

    CliRunner.Result result = cli.run("plan", spec.toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
    assertThat(result.err).startsWith(spec + " is invalid: 2 errors").contains(
        "ERROR [resources]: " + spec + ", document 2 (line ",
        "): not a Kubernetes object — add apiVersion and kind",
        "ConfigMap shop/settings metadata.namespace: namespace 'shop' is neither created by the spec");
  }

  @Test
  void aMissingNamespaceCanBeDeclaredPreExisting() throws IOException {
    Path spec = yaml("settings.yaml", CONFIG_MAP);

    CliRunner.Result invalid = cli.run("plan", spec.toString());
    CliRunner.Result valid = cli.run("plan", spec.toString(), "--pre-existing-namespace", "shop");

    assertThat(invalid.exitCode).isEqualTo(3);
    assertThat(invalid.err).contains("ConfigMap shop/settings metadata.namespace: namespace 'shop' is neither "
        + "created by the spec nor declared pre-existing — add Namespace shop to the spec, or declare it with "
        + "preExistingNamespace(\"shop\") (command line: --pre-existing-namespace shop)");
    assertThat(valid.exitCode).as(valid.toString()).isZero();
    assertThat(valid.out).contains("Plan settings for Kubernetes 1.35: 1 resource in 1 wave");
  }

  @Test
  void diffOfAnInvalidSpecIsAnErrorNotADifference() throws IOException {
    CliRunner.Result result = cli.run("diff", "--embedded", yaml("settings.yaml", CONFIG_MAP).toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).startsWith(dir.resolve("settings.yaml") + " is invalid: 1 error");
  }

  @Test
  void aFailedApplyExitsFiveWithTheReport() throws IOException {
    // The embedded server has no server-side apply: forcing it fails every object of the first wave.
    Path spec = yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP);

    CliRunner.Result result = cli.run("apply", "--embedded", "--strategy", "server-side", spec.toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(5);
    assertThat(result.out).contains("failed Namespace shop", "not attempted ConfigMap shop/settings");
  }

  @Test
  void applyShowsABarPerWaveWhenAskedFor() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP);

    CliRunner.Result result = cli.run("apply", "--embedded", "--progress", "bar", spec.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains("Applying shop: 2 objects in 2 waves\n",
        "\r\u001b[2Kwave 0 of 0..1 [########################] 1/1  1 created  ",
        "\r\u001b[2Kwave 1 of 0..1 [########################] 1/1  1 created  ");
  }

  @Test
  void applyPrintsPlainLinesOffATerminal() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE);

    CliRunner.Result result = cli.run("apply", "--embedded", spec.toString());

    assertThat(result.out).contains("Applying shop: 1 objects in 1 waves\n")
        .containsPattern("wave 0: 1 objects done \\(1 created\\) in \\d+ ms\n").doesNotContain("\r");
  }

  @Test
  void renderPrintsMultiDocumentYamlInApplyOrder() throws IOException {
    CliRunner.Result result = cli.run("render", yaml("shop.yaml", CONFIG_MAP + "---\n" + NAMESPACE).toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).startsWith("---\napiVersion: v1\nkind: Namespace\n");
    assertThat(result.out.indexOf("kind: ConfigMap")).isGreaterThan(result.out.indexOf("kind: Namespace"));
  }

  @Test
  void renderOutWritesAKustomization() throws IOException {
    Path out = dir.resolve("out");

    CliRunner.Result result = cli.run("render", yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP).toString(),
        "--out", out.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(Files.readString(out.resolve("kustomization.yaml"))).endsWith(
        "resources:\n- 00-0001-namespace-shop.yaml\n- 01-0002-configmap-shop-settings.yaml\n");
  }

  @Test
  void renderOutOfAnInvalidSpecWritesNothingThoughItLookedAtTheDirectory() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP);
    Path out = dir.resolve("out");
    Path absent = dir.resolve("absent");
    cli.run("render", spec.toString(), "--out", out.toString());
    String kustomization = Files.readString(out.resolve("kustomization.yaml"));
    Path invalid = yaml("settings.yaml", CONFIG_MAP);

    CliRunner.Result result = cli.run("render", invalid.toString(), "--out", out.toString());
    CliRunner.Result elsewhere = cli.run("render", invalid.toString(), "--out", absent.toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).startsWith(invalid + " is invalid: 1 error");
    assertThat(Files.readString(out.resolve("kustomization.yaml"))).isEqualTo(kustomization);
    assertThat(out.resolve("00-0001-namespace-shop.yaml")).isRegularFile();
    assertThat(elsewhere.exitCode).isEqualTo(3);
    assertThat(absent).doesNotExist();
  }

  @Test
  void renderOutNeverOverwritesFilesThatNoRenderWroteAndSaysWhichTheyAre() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("00-0001-namespace-shop.yaml"), "user\n");
    Files.writeString(out.resolve("99-9999-anything.yaml"), "user\n");

    CliRunner.Result result = cli.run("render", yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP).toString(),
        "--out", out.toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
    assertThat(result.err).isEqualTo("cannot write the plan to " + out + ": the directory holds a file that the "
        + "export would overwrite but no earlier export wrote (00-0001-namespace-shop.yaml; an export's own files "
        + "are those its kustomization.yaml lists) — export to an empty directory or to one an earlier export "
        + "wrote, or move those files away\n");
    assertThat(Files.readString(out.resolve("00-0001-namespace-shop.yaml"))).isEqualTo("user\n");
    assertThat(Files.readString(out.resolve("99-9999-anything.yaml"))).isEqualTo("user\n");
    assertThat(out.resolve("kustomization.yaml")).doesNotExist();
  }

  @Test
  void renderOutKeepsAnIndexOfWhatItWroteInTheCacheAndReRendersEditedFiles() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP);
    Path out = dir.resolve("out");
    cli.run("render", spec.toString(), "--out", out.toString());
    cli.run("render", spec.toString(), "--out", out.toString());
    Path settings = out.resolve("01-0002-configmap-shop-settings.yaml");
    String rendered = Files.readString(settings);
    FileTime modified = Files.getLastModifiedTime(settings);
    Files.writeString(settings, rendered.replace("settings", "SETTINGS"));
    Files.setLastModifiedTime(settings, modified);

    CliRunner.Result again = cli.run("render", spec.toString(), "--out", out.toString());

    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(Files.readString(settings)).isEqualTo(rendered);
    List<Path> indexes;
    try (Stream<Path> files = Files.list(dir.resolve(".cache/shipshape/exports"))) {
      indexes = files.collect(Collectors.toList());
    }
    // The rewritten file is recorded once the next render has read it.
    assertThat(indexes).singleElement().satisfies(index -> assertThat(Files.readAllLines(index))
        .startsWith("shipshape export index 2", out.toAbsolutePath().toString())
        .hasSize(3 + 1).noneMatch(line -> line.startsWith(settings.getFileName() + " ")));
  }

  @Test
  void renderOutKeepsTheIndexOfADirectoryItRendersToThoughTheIndexIsNotRewritten() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE);
    Path out = dir.resolve("out");
    cli.run("render", spec.toString(), "--out", out.toString());
    cli.run("render", spec.toString(), "--out", out.toString());
    Path index;
    try (Stream<Path> files = Files.list(dir.resolve(".cache/shipshape/exports"))) {
      index = files.collect(Collectors.toList()).get(0);
    }
    String recorded = Files.readString(index);
    Files.setLastModifiedTime(index, FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(31))));

    CliRunner.Result again = cli.run("render", spec.toString(), "--out", out.toString());

    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(index).hasContent(recorded);
    assertThat(Files.getLastModifiedTime(index).toInstant())
        .isAfter(java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
  }

  @Test
  void renderOutRemovesIndexesOfDirectoriesNotRenderedToForThirtyDays() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE);
    // The second render finds the first one's files unchanged: it records them.
    cli.run("render", spec.toString(), "--out", dir.resolve("gone").toString());
    cli.run("render", spec.toString(), "--out", dir.resolve("gone").toString());
    Path exports = dir.resolve(".cache/shipshape/exports");
    Path goneIndex;
    try (Stream<Path> files = Files.list(exports)) {
      goneIndex = files.collect(Collectors.toList()).get(0);
    }
    Files.setLastModifiedTime(goneIndex, FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(31))));

    cli.run("render", spec.toString(), "--out", dir.resolve("other").toString());
    CliRunner.Result other = cli.run("render", spec.toString(), "--out", dir.resolve("other").toString());

    assertThat(other.exitCode).as(other.toString()).isZero();
    try (Stream<Path> files = Files.list(exports)) {
      assertThat(files.collect(Collectors.toList())).singleElement().isNotEqualTo(goneIndex);
    }
  }

  @Test
  void renderOutLeavesSecretsOutUnlessAskedWithANote() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: "
        + "shop}\nstringData: {password: hunter2-canary}\n");
    Path omitted = dir.resolve("omitted");
    Path plain = dir.resolve("plain");

    CliRunner.Result byDefault = cli.run("render", spec.toString(), "--out", omitted.toString());
    CliRunner.Result asked = cli.run("render", spec.toString(), "--out", plain.toString(), "--secrets", "plain");

    assertThat(byDefault.exitCode).as(byDefault.toString()).isZero();
    assertThat(byDefault.out).isEqualTo("Wrote 1 objects and kustomization.yaml to " + omitted + "\n"
        + "Left out 1 Secret: shop/db — create them through a secrets operator (Sealed Secrets, External Secrets, "
        + "SOPS), or render them with --secrets plain\n");
    assertThat(Files.readString(omitted.resolve("kustomization.yaml"))).endsWith(
        "resources:\n- 00-0001-namespace-shop.yaml\n");
    assertThat(asked.exitCode).as(asked.toString()).isZero();
    assertThat(Files.readString(plain.resolve("kustomization.yaml"))).endsWith(
        "resources:\n- 00-0001-namespace-shop.yaml\n- 01-0002-secret-shop-db.yaml\n");
  }

  @Test
  void aScriptSyntaxErrorNamesFileAndLine() throws IOException {
    Path spec = script("typo.jsh", "// header\nClusterSpec spec = ClusterSpec.builder()\n    .name(\"x\"\n    .build();\n");

    CliRunner.Result result = cli.run("plan", spec.toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).isEqualTo(spec + ":4: ')' expected\n");
  }

  @Test
  void aScriptWithoutSpecExitsThree() throws IOException {
    Path spec = script("empty.jsh", "int x = 1;\n");

    CliRunner.Result result = cli.run("apply", "--embedded", spec.toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).startsWith(spec + ": the script did not assign a variable named 'spec'");
  }

  @Test
  void aScriptWhoseSpecIsRejectedIsAnInvalidSpec() throws IOException {
    Path spec = script("bad.jsh", "ClusterSpec spec = ClusterSpec.builder().name(\"Prod\").build();\n");

    CliRunner.Result result = cli.run("plan", spec.toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).startsWith(spec + " builds an invalid spec:\n" + spec + ":1: ClusterSpec is invalid: 1 error")
        .contains("spec name 'Prod'");
  }

  @Test
  void aMissingSpecFileExitsThree() {
    CliRunner.Result result = cli.run("plan", dir.resolve("absent.jsh").toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).isEqualTo(dir.resolve("absent.jsh") + " does not exist — pass a .jsh script, a YAML "
        + "file or a directory of YAML files\n");
  }

  @Test
  void aFileOfAnotherKindExitsThree() throws IOException {
    CliRunner.Result result = cli.run("plan", yaml("notes.txt", "hello").toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).contains("is neither a .jsh script nor a .yaml, .yml or .json manifest");
  }

  @Test
  void brokenYamlExitsThreeNamingTheFile() throws IOException {
    Path spec = yaml("broken.yaml", "apiVersion: v1\nkind: [\n");

    CliRunner.Result result = cli.run("plan", spec.toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).isEqualTo(spec + " is invalid: 1 error (each line names the object, the field, the "
        + "problem and the fix)\nERROR [resources]: " + spec + ", line 3, column 1: not valid YAML (expected the node "
        + "content, but found '<stream end>') — fix the manifest\n");
  }

  @Test
  void renderAndPlanFailWhenStandardOutputCannotBeWritten() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE);
    for (String command : new String[] {"render", "plan", "audit"}) {
      CliRunner.Result result = cli.runToFullDisk(command, spec.toString());

      assertThat(result.exitCode).as(command).isEqualTo(7);
      // Only render has --out to advise.
      assertThat(result.err).isEqualTo("shipshape " + command + ": cannot write to standard output (disk full or "
          + "pipe closed?): the output is incomplete — write to a file on a disk with space"
          + (command.equals("render") ? ", or use --out DIR" : "") + "\n");
    }
  }

  @Test
  void theShellIsDescribedInWholeSentencesAndItsHelpersInAnAlignedTable() {
    String help = cli.run("--help").out;
    String shell = cli.run("shell", "--help").out;

    String entry = help.substring(help.indexOf("\n  shell ") + 1, help.indexOf("\n  envdiff ")).strip()
        .replaceAll("\\s+", " ");
    assertThat(entry).startsWith("shell Opens JShell with the Shipshape SDK").endsWith("at the prompt.");
    String table = shell.substring(shell.indexOf("\nHelpers:\n") + 10, shell.indexOf("\nWith a SCRIPT"));
    assertThat(table.lines()).hasSize(10).allSatisfy(line -> assertThat(line).startsWith("  ").hasSizeLessThan(80));
    assertThat(table).contains("  scriptFile      the SCRIPT");
  }

  @Test
  void renderToAFileSaysThatOutNeedsADirectory() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE);
    Path file = yaml("afile", "kept\n");

    CliRunner.Result result = cli.run("render", "-o", file.toString(), spec.toString());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.out).isEmpty();
    assertThat(result.err).isEqualTo("--out " + file + " is a file, not a directory — pass a directory (it is "
        + "created when missing), or leave out --out to write the YAML to standard output\n");
    assertThat(Files.readString(file)).isEqualTo("kept\n");
  }

  @Test
  void flagsAreCheckedBeforeAnyWork() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE);

    CliRunner.Result manager = cli.run("apply", "--embedded", "--field-manager", "", spec.toString());
    CliRunner.Result negative = cli.run("apply", "--embedded", "--timeout", "-5m", spec.toString());
    CliRunner.Result overflow = cli.run("apply", "--embedded", "--timeout", "9999999999h", spec.toString());
    CliRunner.Result namespace = cli.run("plan", "--pre-existing-namespace", "Bad_NS", spec.toString());

    assertThat(manager.exitCode).isEqualTo(2);
    assertThat(manager.err).isEqualTo("--field-manager '' is empty — name the writer in at most 128 printable "
        + "characters, such as 'shipshape' or 'ci-deploy'\n");
    assertThat(manager.out).isEmpty();
    assertThat(negative.exitCode).isEqualTo(2);
    assertThat(negative.err).contains("'-5m' is not a duration (it is negative)");
    assertThat(overflow.exitCode).isEqualTo(2);
    assertThat(overflow.err).contains("'9999999999h' is not a duration (it is out of range (more than about "
        + "2562047h))");
    assertThat(namespace.exitCode).isEqualTo(2);
    assertThat(namespace.err).startsWith("--pre-existing-namespace 'Bad_NS' ");
    assertThat(cluster.client().namespaces().withName("shop").get()).isNull();
  }

  @Test
  void anUnknownFlagIsAUsageErrorOnOneLine() {
    CliRunner.Result result = cli.run("apply", "--bogus", "spec.jsh");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).isEqualTo(
        "shipshape apply: Unknown option: '--bogus' (run 'shipshape apply --help' for usage)\n");
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    CliRunner.Result timeout = cli.run("apply", "--timeout", "soon", "spec.jsh");
    CliRunner.Result strategy = cli.run("apply", "--strategy", "sideways", "spec.jsh");
    CliRunner.Result missing = cli.run("plan");
    CliRunner.Result none = cli.run();

    assertThat(timeout.exitCode).isEqualTo(2);
    assertThat(timeout.err).contains("'soon' is not a duration (it has an invalid number at 'soon'); write it as 90s, "
        + "5m, 1h30m or 500ms");
    assertThat(strategy.exitCode).isEqualTo(2);
    assertThat(strategy.err).contains("'sideways' is not a strategy; use server-side, client-side or auto");
    assertThat(missing.exitCode).isEqualTo(2);
    assertThat(missing.err).startsWith("shipshape plan: Missing required parameter: 'SPEC'");
    assertThat(none.exitCode).isEqualTo(2);
    assertThat(none.err).startsWith("shipshape: no command given: choose one of plan, render, diff, apply, shell");
  }

  @Test
  void embeddedExcludesAKubeconfig() throws IOException {
    CliRunner.Result result = cli.run("apply", "--embedded", "--context", "prod", yaml("ns.yaml", NAMESPACE).toString());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).isEqualTo("--embedded cannot be combined with --kubeconfig or --context — drop one of them\n");
  }

  @Test
  void helpListsTheExitCodes() {
    CliRunner.Result apply = cli.run("apply", "--help");
    CliRunner.Result diff = cli.run("help", "diff");

    assertThat(apply.exitCode).isZero();
    assertThat(apply.out).contains("Exit codes:", "--field-manager=M", "--strategy=S",
        "How objects are written: server-side, client-side,",
        "apply failed: some objects failed or were not attempted", "interrupted (Ctrl-C)");
    assertThat(apply.out).containsPattern("\\n  5 +apply failed").containsPattern("\\n  130 +interrupted");
    assertThat(diff.out).containsPattern("\\n  1 +the answer is no: differences found")
        .contains("any exit code above 1 means an error");
  }
}
