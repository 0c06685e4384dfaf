package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shipshape version} and {@code shipshape completion}. */
class VersionAndCompletionTest {
  @TempDir
  Path home;

  @Test
  void versionPrintsWhatVersionPrints() {
    CliRunner.Result command = CliRunner.isolated(home).run("version");
    CliRunner.Result option = CliRunner.isolated(home).run("--version");
    assertThat(command.exitCode).as(command.toString()).isZero();
    assertThat(command.out).startsWith("shipshape ").isEqualTo(option.out);
  }

  @Test
  void completionIsABashScriptThatKnowsTheCommandsAndTheirOptions() {
    CliRunner.Result result = CliRunner.isolated(home).run("completion");
    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains("complete -F _complete_shipshape", "audit", "backup", "--fail-on", "--exclude",
        "--format");
    assertThat(CliRunner.isolated(home).run("--help").out).contains("completion", "version");
  }
}
