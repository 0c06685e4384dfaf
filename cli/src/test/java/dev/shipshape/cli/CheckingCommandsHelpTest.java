package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checking commands are registered, and their help states their exit codes. */
class CheckingCommandsHelpTest {
  @TempDir
  Path home;

  private CliRunner.Result run(String... args) {
    return CliRunner.isolated(home).run(args);
  }

  @Test
  void theTopLevelHelpListsTheCheckingCommands() {
    CliRunner.Result help = run("--help");
    CliRunner.Result backup = run("backup", "--help");

    assertThat(help.exitCode).isZero();
    assertThat(help.out).contains("  reach ", "  audit ", "  can-i ", "  who-can ", "  rbac-diff ", "  backup ");
    assertThat(backup.out).contains("  check ");
  }

  @Test
  void eachHelpStatesTheExitCodes() {
    assertThat(run("reach", "--help").out).contains("Exit codes:", "1   --from/--to: not reachable; --diff: "
        + "connections added, removed or changed", "--port=PORT[/PROTO]");
    assertThat(run("audit", "--help").out).contains("1   a finding reaches the --fail-on severity", "--exclude=RULE",
        "SHIPSHAPE_DEPRECATIONS", "--live", "--embedded");
    assertThat(run("can-i", "--help").out).contains("0   yes", "1   no", "--as=USER", "--as-group=GROUP",
        "--rbac=PATH", "--explain");
    assertThat(run("help", "who-can").out).contains("0   the subjects were listed (also when there are none)");
    assertThat(run("rbac-diff", "--help").out).contains("1   some subject gains or loses a permission");
    assertThat(run("backup", "check", "--help").out).contains("--format=F", "--fail-on=SEVERITY", "--exclude=RULE",
        "--velero-namespace=NS", "--max-backup-age=D");
  }

  @Test
  void noCommandNamesTheCheckingCommandsToo() {
    CliRunner.Result result = run();

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).isEqualTo("shipshape: no command given: choose plan, render, diff, apply or shell, or "
        + "one of the checks reach, audit, can-i, who-can, rbac-diff, backup check (run 'shipshape --help' for "
        + "usage)\n");
  }
}
