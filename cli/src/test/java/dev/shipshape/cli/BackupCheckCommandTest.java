package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.backup.model.BackupStorageLocation;
import dev.shipshape.backup.model.BackupStorageLocationSpec;
import dev.shipshape.backup.model.BackupStorageLocationStatus;
import dev.shipshape.backup.model.ObjectStorageLocation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code shipshape backup check}: a spec's Velero configuration, Velero on an embedded cluster, and both. */
class BackupCheckCommandTest extends EmbeddedCommandsTest {
  /** Creates the object, then writes its status (a create ignores the status, as on a real API server). */
  private <T extends HasMetadata> void put(T object) {
    cluster.client().resource(object).create();
    cluster.client().resource(object).updateStatus();
  }

  /**
   * Velero as it runs: its five CRDs (which the embedded server marks established), an available Deployment, and
   * a validated default storage location.
   */
  private void installVelero() {
    cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName("velero").endMetadata().build())
        .create();
    for (String plural : List.of("backups", "schedules", "restores", "backupstoragelocations",
        "volumesnapshotlocations")) {
      cluster.client().resource(new CustomResourceDefinitionBuilder()
          .withNewMetadata().withName(plural + ".velero.io").endMetadata()
          .withNewSpec().withGroup("velero.io").withScope("Namespaced").withNewNames().withPlural(plural)
          .withKind(plural).endNames().addNewVersion().withName("v1").withServed(true).withStorage(true)
          .endVersion().endSpec().build()).create();
    }
    put(new DeploymentBuilder().withNewMetadata().withName("velero").withNamespace("velero").endMetadata()
        .withNewSpec().withReplicas(1).endSpec()
        .withNewStatus().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).addNewCondition()
        .withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").endCondition()
        .endStatus().build());
    BackupStorageLocation location = new BackupStorageLocation();
    location.setMetadata(new ObjectMetaBuilder().withName("primary").withNamespace("velero").build());
    location.setSpec(new BackupStorageLocationSpec("aws", new ObjectStorageLocation("backups", "prod", null),
        Map.of("region", "us-east-1"), null, true, "ReadWrite", null, null));
    location.setStatus(new BackupStorageLocationStatus("Available", null, null, null, null));
    put(location);
    awaitEstablishedCrds();
  }

  /** The embedded server's stand-in controller marks CRDs established a moment after they are created. */
  private void awaitEstablishedCrds() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && !cluster.client().apiextensions().v1().customResourceDefinitions().list()
        .getItems().stream().allMatch(crd -> crd.getStatus() != null && crd.getStatus().getConditions() != null
            && crd.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Established")))) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void aValidSpecPasses() {
    CliRunner.Result result = cli.run("backup", "check", Fixtures.path("backup/good.jsh"));

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).isEqualTo("INFO backup-spec: ClusterSpec backups: valid, with 2 Velero objects\n"
        + "backup check: 1 finding, 1 info; passed at --fail-on high\n");
  }

  @Test
  void aBrokenScheduleFailsWithEveryProblemAndItsFix() {
    CliRunner.Result result = cli.run("backup", "check", Fixtures.path("backup/broken.jsh"));

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.out).startsWith("HIGH backup-spec Schedule.velero.io velero/t1-nightly spec.schedule: ")
        .contains("\nHIGH backup-spec Schedule.velero.io velero/t1-nightly spec.template.storageLocation: ",
            "primary", " — ", "; FAILED at --fail-on high\n");
  }

  @Test
  void liveChecksVeleroOnTheCluster() {
    CliRunner.Result missing = cli.run("backup", "check", "--live", "--embedded");
    installVelero();
    CliRunner.Result installed = cli.run("backup", "check", "--live", "--embedded");

    assertThat(missing.exitCode).as(missing.toString()).isEqualTo(1);
    assertThat(missing.out).startsWith("HIGH backup-deployment: Deployment velero/velero: does not exist")
        .contains("\nHIGH crd-missing CustomResourceDefinition.apiextensions.k8s.io backups.velero.io: ",
            "; FAILED at --fail-on high\n");
    assertThat(installed.exitCode).as(installed.toString()).isZero();
    assertThat(installed.out).as("warnings do not fail the check").startsWith(
        "MEDIUM backup-schedule: Schedules in velero: there are none, so nothing is backed up regularly — add a"
        + " VeleroSchedule to the spec, such as VeleroSchedule.daily(\"daily\")\n"
        + "INFO backup-deployment: Deployment velero/velero: available (1/1 replicas)\n"
        + "INFO backup-storage-location: BackupStorageLocation velero/primary: Available\n"
        + "INFO crd-installed ").endsWith("backup check: 8 findings, 1 medium, 7 info; passed at --fail-on high\n");
    CliRunner.Result strict = cli.run("backup", "check", "--live", "--embedded", "--fail-on", "medium");
    assertThat(strict.exitCode).as(strict.toString()).isEqualTo(1);
    CliRunner.Result excluded = cli.run("backup", "check", "--live", "--embedded", "--fail-on", "medium",
        "--exclude", "backup-schedule");
    assertThat(excluded.exitCode).as(excluded.toString()).isZero();
    assertThat(excluded.out).doesNotContain("backup-schedule");
  }

  @Test
  void specAndLiveMakeOneReportAsJson() throws IOException {
    installVelero();

    CliRunner.Result result = cli.run("backup", "check", Fixtures.path("backup/good.jsh"), "--live", "--embedded",
        "--velero-namespace", "velero", "--max-backup-age", "26h", "--format", "json");

    assertThat(result.exitCode).as(result.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out);
    assertThat(report.get("failed").asBoolean()).isFalse();
    assertThat(report.get("findings").findValuesAsText("ruleId")).containsExactlyInAnyOrder("backup-spec",
        "crd-installed", "crd-installed", "crd-installed", "crd-installed", "crd-installed", "backup-deployment",
        "backup-storage-location", "backup-schedule");
  }

  @Test
  void anotherVeleroNamespaceIsWhereThePreflightLooks() {
    installVelero();

    CliRunner.Result result = cli.run("backup", "check", "--live", "--embedded", "--velero-namespace", "backup");

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.out).contains("HIGH backup-deployment: Deployment backup/velero: does not exist");
  }

  @Test
  void badInputIsOneLineWithTheRightExitCode() {
    CliRunner.Result nothing = cli.run("backup", "check");
    CliRunner.Result noSubcommand = cli.run("backup");
    CliRunner.Result missing = cli.run("backup", "check", dir.resolve("absent.jsh").toString());
    CliRunner.Result age = cli.run("backup", "check", "--live", "--embedded", "--max-backup-age", "daily");

    assertThat(nothing.exitCode).isEqualTo(2);
    assertThat(nothing.err).isEqualTo("nothing to check — pass a SPEC, --live, or both\n");
    assertThat(noSubcommand.exitCode).isEqualTo(2);
    assertThat(noSubcommand.err).startsWith("shipshape backup: no subcommand given: choose check").hasLineCount(1);
    assertThat(missing.exitCode).isEqualTo(3);
    assertThat(missing.err).startsWith(dir.resolve("absent.jsh") + " does not exist").hasLineCount(1);
    assertThat(age.exitCode).isEqualTo(2);
    assertThat(age.err).contains("'daily' is not a duration");
  }

  @Test
  void manifestsThatCannotBeReadAreASpecThatCannotBeLoadedNotAFindingToExclude() throws IOException {
    java.nio.file.Path manifests = java.nio.file.Files.writeString(dir.resolve("values.yaml"), "replicas: 2\n");

    CliRunner.Result result = cli.run("backup", "check", manifests.toString(), "--exclude", "backup-spec");

    assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
    assertThat(result.err).isEqualTo(manifests + " holds manifests that cannot be read:\n  " + manifests
        + ", document 1 (line 1): not a Kubernetes object — add apiVersion and kind, such as 'apiVersion: v1' and "
        + "'kind: ConfigMap'\n");
  }
}
