package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.LibraryYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code render} of every example spec writes, on standard output and with {@code --out}, exactly the text of
 * Jackson's YAML generator for each object.
 */
class RenderOutputTest {
  @TempDir
  Path home;

  @ParameterizedTest
  @ValueSource(strings = {"minimal.jsh", "static-yaml.jsh", "production.jsh"})
  void renderWritesTheLibrarysTextForEveryObject(String script) throws IOException {
    Path spec = ExamplesTest.example(script);
    Plan plan = ScriptEvaluator.create().evaluate(spec).plan();
    List<String> expected = plan.resources().stream().map(r -> LibraryYaml.object(r.object()))
        .collect(Collectors.toList());

    CliRunner.Result stdout = CliRunner.isolated(home).run("render", spec.toString());
    Path out = home.resolve("out");
    CliRunner.Result files = CliRunner.isolated(home).run("render", spec.toString(), "--out", out.toString(),
        "--secrets", "plain");

    assertThat(stdout.exitCode).as(stdout.toString()).isZero();
    assertThat(stdout.out).isEqualTo(expected.stream().map(y -> "---\n" + y).collect(Collectors.joining()));
    assertThat(files.exitCode).as(files.toString()).isZero();
    List<String> names = Files.readAllLines(out.resolve("kustomization.yaml")).stream()
        .filter(l -> l.startsWith("- ")).map(l -> l.substring(2)).collect(Collectors.toList());
    assertThat(names).hasSameSizeAs(expected);
    for (int i = 0; i < names.size(); i++) {
      assertThat(Files.readString(out.resolve(names.get(i)))).as(names.get(i)).isEqualTo(expected.get(i));
    }
    for (PlannedResource r : plan.resources()) assertThat(r.yaml()).isEqualTo(LibraryYaml.object(r.object()));
  }
}
