package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.spi.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup drill} without a cluster: the printed steps, and the usage errors. */
class BackupDrillCommandTest {
  @TempDir
  Path home;

  @Test
  void withoutLiveItPrintsTheStepsOfTheDrill() {
    CliRunner.Result result = CliRunner.isolated(home).run("backup", "drill", "daily", "--namespace", "shop",
        "--velero-namespace", "backup");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains("# Restore drill: newest backup of Schedule backup/daily, namespaces shop ->"
        + " shop-drill", "kubectl -n backup wait restore/daily-drill", "kubectl delete namespace shop-drill");
  }

  @Test
  void withoutLiveTheNamespacesMustBeNamed() {
    CliRunner.Result result = CliRunner.isolated(home).run("backup", "drill", "daily");

    assertThat(result.exitCode).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err).contains("name the namespaces to restore with --namespace, or add --live to read them"
        + " from the schedule");
  }

  @Test
  void optionsOfARunningDrillNeedLive() {
    CliRunner.Result result = CliRunner.isolated(home).run("backup", "drill", "daily", "--namespace", "shop",
        "--to-context", "other");

    assertThat(result.exitCode).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err).contains("--to-context, --to-velero-namespace and --keep belong to a drill that runs —"
        + " add --live");
  }

  @Test
  void aScratchNamespaceThatIsNoNameIsReported() {
    CliRunner.Result result = CliRunner.isolated(home).run("backup", "drill", "daily", "--namespace", "shop",
        "--suffix", "_Drill");

    assertThat(result.exitCode).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err).contains("cannot drill Schedule velero/daily", "spec.namespaceMapping.shop",
        "scratch namespace 'shop_Drill'");
  }
}
