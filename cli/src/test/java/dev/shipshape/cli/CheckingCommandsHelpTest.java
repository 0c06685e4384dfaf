package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.spi.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The modules' commands are registered through their plug-ins, and every help states the one exit code table. */
class CheckingCommandsHelpTest {
  @TempDir
  Path home;

  private CliRunner.Result run(String... args) {
    return CliRunner.isolated(home).run(args);
  }

  @Test
  void theTopLevelHelpListsTheModulesCommands() {
    CliRunner.Result help = run("--help");
    CliRunner.Result backup = run("backup", "--help");

    assertThat(help.exitCode).isZero();
    assertThat(help.out).contains("  plan ", "  reach ", "  audit ", "  can-i ", "  who-can ", "  rbac-diff ",
        "  backup ", "  helm ", "  mesh ", "  monitoring ", "  storage ", "  version ", "  completion ");
    assertThat(backup.out).contains("  check ");
  }

  @Test
  void everyHelpStatesTheSameExitCodeTable() {
    List<CommandLine> all = new ArrayList<>();
    collect(Shipshape.commandLine(), all);

    assertThat(all).extracting(c -> c.getCommandSpec().qualifiedName()).contains("shipshape plan", "shipshape reach",
        "shipshape backup check", "shipshape mesh route", "shipshape storage drift", "shipshape version",
        "shipshape generate-completion");
    for (CommandLine command : all) {
      String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertThat(usage).as(command.getCommandSpec().qualifiedName()).contains("Exit codes:");
      for (ExitCode code : ExitCode.values()) {
        assertThat(usage).as(command.getCommandSpec().qualifiedName()).containsPattern(
            "\\n  " + code.code() + " +" + Pattern.quote(code.description().substring(0, 20)));
      }
    }
    assertThat(run("reach", "--help").out).contains("--port=PORT[/PROTO]")
        .containsPattern("\\n  1 +the answer is no");
    assertThat(run("audit", "--help").out).contains("--exclude=RULE", "SHIPSHAPE_DEPRECATIONS", "--live",
        "--embedded");
    assertThat(run("backup", "check", "--help").out).contains("--format=F", "--fail-on=SEVERITY", "--exclude=RULE",
        "--velero-namespace=NS", "--max-backup-age=D").containsPattern("\\n  130 +interrupted");
  }

  @Test
  void theExitCodesAreDistinct() {
    Map<String, String> table = ExitCode.table();

    assertThat(table).hasSize(ExitCode.values().length);
    assertThat(table.keySet()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "130");
  }

  @Test
  void noCommandNamesEveryCommand() {
    CliRunner.Result result = run();

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).startsWith("shipshape: no command given: choose one of plan, render, diff, apply, shell, ")
        .contains("reach", "audit", "can-i", "backup", "helm", "mesh", "monitoring", "storage", "version")
        .endsWith(" (run 'shipshape --help' for usage)\n");
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    command.getSubcommands().values().stream().distinct().forEach(c -> collect(c, all));
  }
}
