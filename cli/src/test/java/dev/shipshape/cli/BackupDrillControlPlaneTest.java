package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.backup.model.BackupSpec;
import dev.shipshape.backup.model.Schedule;
import dev.shipshape.backup.model.ScheduleSpec;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup drill --live} on the real API server, through a kubeconfig: the schedule is read from the
 * cluster, and a schedule without a completed backup fails the drill before anything is created. (The drill's
 * run with Velero's part played is proven in the backup module.)
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class BackupDrillControlPlaneTest {
  @TempDir
  Path home;

  @Test
  void aScheduleWithoutBackupsFailsTheDrillAndCreatesNothing(KubernetesClient client) {
    String velero = "velero-cli-drill";
    RealServerExamplesTest.installCrds(client, RealServerExamplesTest.sharedDir()
        .resolve("k8s-reference/crds/velero"));
    TestNamespaces.create(client, velero);
    Schedule schedule = new Schedule();
    schedule.getMetadata().setName("nightly");
    schedule.getMetadata().setNamespace(velero);
    schedule.setSpec(new ScheduleSpec("0 1 * * *", new BackupSpec(List.of("shop"), null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null), null, null, null));
    client.resource(schedule).create();
    String kubeconfig = LocalControlPlane.shared().kubeconfig().toString();

    CliRunner.Result text = CliRunner.isolated(home).run("backup", "drill", "nightly", "--live", "--kubeconfig",
        kubeconfig, "--velero-namespace", velero);
    CliRunner.Result json = CliRunner.isolated(home).run("backup", "drill", "nightly", "--live", "--kubeconfig",
        kubeconfig, "--velero-namespace", velero, "--format", "json");
    CliRunner.Result missing = CliRunner.isolated(home).run("backup", "drill", "weekly", "--live", "--kubeconfig",
        kubeconfig, "--velero-namespace", velero);

    assertThat(text.exitCode).as(text.toString()).isEqualTo(ExitCode.NO.code());
    assertThat(text.out).contains("Restore drill of Schedule " + velero + "/nightly", "backup:  (none)",
        "Schedule " + velero + "/nightly: has no completed backup to restore");
    assertThat(json.exitCode).isEqualTo(ExitCode.NO.code());
    assertThat(json.out).contains("\"passed\" : false", "\"ruleId\" : \"backup-drill-backup\"");
    assertThat(missing.exitCode).isEqualTo(ExitCode.CLUSTER.code());
    assertThat(missing.err).contains("there is no Schedule " + velero + "/weekly");
    assertThat(client.namespaces().withName("shop-drill").get()).isNull();
  }
}
