package dev.shipshape.backup.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.backup.model.Backup;
import dev.shipshape.backup.model.BackupStatus;
import dev.shipshape.backup.model.BackupStorageLocation;
import dev.shipshape.backup.model.BackupStorageLocationSpec;
import dev.shipshape.backup.model.BackupStorageLocationStatus;
import dev.shipshape.backup.model.ObjectStorageLocation;
import dev.shipshape.backup.model.Schedule;
import dev.shipshape.backup.model.ScheduleSpec;
import dev.shipshape.backup.model.ScheduleStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The live checks against fabric8's CRUD mock API server, holding Velero objects with the status Velero writes. */
@EnableKubernetesMockClient(crud = true)
class VeleroPreflightTest {
  private static final Instant NOW = Instant.parse("2031-06-01T12:00:00Z");
  KubernetesClient client;

  private VeleroPreflight preflight() {
    return VeleroPreflight.against(client).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private List<String> findings() {
    return preflight().run().findings().stream().map(Finding::toString).collect(Collectors.toList());
  }

  private static List<String> allCrdsInstalled() {
    return Stream.of("backups", "backupstoragelocations", "restores", "schedules", "volumesnapshotlocations")
        .map(p -> "INFO crd-installed CustomResourceDefinition.apiextensions.k8s.io " + p + ".velero.io: " + p
            + ".velero.io is established and serves v1")
        .collect(Collectors.toList());
  }

  private <T extends HasMetadata> void put(T object) {
    client.resource(object).create();
    client.resource(object).updateStatus();
  }

  private void installVelero(boolean available) {
    for (String plural : List.of("backups", "schedules", "restores", "backupstoragelocations",
        "volumesnapshotlocations")) {
      put(crd(plural, true));
    }
    put(new DeploymentBuilder().withNewMetadata().withName("velero").withNamespace("velero").endMetadata()
        .withNewSpec().withReplicas(1).endSpec()
        .withNewStatus().withAvailableReplicas(available ? 1 : 0).addNewCondition().withType("Available")
        .withStatus(available ? "True" : "False").withReason(available ? "MinimumReplicasAvailable"
            : "MinimumReplicasUnavailable").withMessage(available ? "ok" : "Deployment does not have minimum"
            + " availability.").endCondition().endStatus().build());
  }

  private static CustomResourceDefinition crd(String plural, boolean served) {
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".velero.io").endMetadata()
        .withNewSpec().withGroup("velero.io").withScope("Namespaced").withNewNames().withPlural(plural)
        .withKind(plural).endNames().addNewVersion().withName("v1").withServed(served).withStorage(true)
        .endVersion().endSpec()
        .withNewStatus().addNewCondition().withType("Established").withStatus("True").endCondition().endStatus()
        .build();
  }

  private void location(String name, String phase, String message, boolean isDefault) {
    BackupStorageLocation l = new BackupStorageLocation();
    l.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("velero").build());
    l.setSpec(new BackupStorageLocationSpec("aws", new ObjectStorageLocation("backups", null, null),
        Map.of("region", "us-east-1"), null, isDefault, "ReadWrite", null, null));
    l.setStatus(new BackupStorageLocationStatus(phase, message, null, null, null));
    put(l);
  }

  private void schedule(String name, String cron, boolean paused, String phase, String... validationErrors) {
    Schedule s = new Schedule();
    s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("velero").build());
    s.setSpec(new ScheduleSpec(cron, null, paused ? Boolean.TRUE : null, null, null));
    s.setStatus(new ScheduleStatus(phase, null, null, List.of(validationErrors)));
    put(s);
  }

  private void backup(String schedule, String name, String phase, Duration startedAgo, String failureReason) {
    Backup b = new Backup();
    b.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("velero")
        .addToLabels("velero.io/schedule-name", schedule).build());
    Instant start = NOW.minus(startedAgo);
    b.setStatus(new BackupStatus(phase, start.toString(), phase.equals("InProgress") ? null
        : start.plusSeconds(300).toString(), null, null, null, failureReason));
    put(b);
  }

  @Test
  void healthyVeleroPasses() {
    installVelero(true);
    location("primary", "Available", null, true);
    schedule("t1-daily", "0 2 * * *", false, "Enabled");
    backup("t1-daily", "t1-daily-20310531020000", "Completed", Duration.ofHours(34), null);
    backup("t1-daily", "t1-daily-20310601020000", "Completed", Duration.ofHours(10), null);
    backup("t1-daily", "t1-daily-20310601120000", "InProgress", Duration.ofMinutes(1), null);
    FindingReport report = preflight().run();
    List<String> expected = new ArrayList<>(List.of(
        "INFO backup-deployment: Deployment velero/velero: available (1/1 replicas)",
        "INFO backup-schedule: Schedule velero/t1-daily: newest backup t1-daily-20310601020000 Completed, 9h55m0s ago",
        "INFO backup-storage-location: BackupStorageLocation velero/primary: Available"));
    expected.addAll(allCrdsInstalled());
    assertThat(report.findings().stream().map(Finding::toString)).containsExactlyElementsOf(expected);
    assertThat(report.failed()).isFalse();
    assertThat(report.toText()).endsWith("backup check: 8 findings, 8 info; passed at --fail-on high\n");
  }

  @Test
  void missingVeleroFailsWithRemediation() {
    put(crd("backups", true));
    put(crd("schedules", false));
    String install = " is not installed — install Velero (velero install, or its Helm chart), which installs its CRDs";
    assertThat(findings()).containsExactly(
        "HIGH backup-deployment: Deployment velero/velero: does not exist — install Velero (velero install, or its Helm"
            + " chart), which installs its CRDs, or point the preflight at Velero's namespace and Deployment name",
        "HIGH crd-missing CustomResourceDefinition.apiextensions.k8s.io backupstoragelocations.velero.io:"
            + " backupstoragelocations.velero.io" + install,
        "HIGH crd-missing CustomResourceDefinition.apiextensions.k8s.io restores.velero.io: restores.velero.io"
            + install,
        "HIGH crd-missing CustomResourceDefinition.apiextensions.k8s.io volumesnapshotlocations.velero.io:"
            + " volumesnapshotlocations.velero.io" + install,
        "HIGH crd-version-not-served CustomResourceDefinition.apiextensions.k8s.io schedules.velero.io spec.versions:"
            + " schedules.velero.io does not serve v1 — upgrade the CRD to a release that serves v1",
        "INFO crd-installed CustomResourceDefinition.apiextensions.k8s.io backups.velero.io: backups.velero.io is"
            + " established and serves v1");
  }

  @Test
  void unavailableDeploymentAndLocation() {
    installVelero(false);
    location("primary", "Unavailable", "rpc error: NoSuchBucket: The specified bucket does not exist", false);
    location("fresh", null, null, false);
    schedule("t1-daily", "0 2 * * *", false, "Enabled");
    backup("t1-daily", "t1-daily-1", "Completed", Duration.ofHours(3), null);
    List<String> expected = new ArrayList<>(List.of(
        "HIGH backup-deployment: Deployment velero/velero: is not available (0/1 replicas, MinimumReplicasUnavailable:"
            + " Deployment does not have minimum availability.) — kubectl -n velero describe deployment velero and"
            + " kubectl -n velero logs deploy/velero show why its pods do not run",
        "HIGH backup-storage-location: BackupStorageLocation velero/primary: phase is Unavailable: rpc error: NoSuchBucket:"
            + " The specified bucket does not exist — check the bucket, region, s3Url and the credential Secret; the"
            + " S3 probe of this preflight tells which one fails",
        "MEDIUM backup-storage-location: BackupStorageLocation velero/fresh: has not been validated by Velero yet — wait for"
            + " Velero's next validation (every minute by default), then run the preflight again",
        "MEDIUM backup-storage-location: BackupStorageLocations in velero: none is the default, so backups and schedules that"
            + " name no location fail — mark one with defaultLocation(true)",
        "INFO backup-schedule: Schedule velero/t1-daily: newest backup t1-daily-1 Completed, 2h55m0s ago"));
    expected.addAll(allCrdsInstalled());
    assertThat(findings()).containsExactlyElementsOf(expected);
  }

  @Test
  void failedStaleAndPausedSchedules() {
    installVelero(true);
    location("primary", "Available", null, true);
    schedule("failing", "0 2 * * *", false, "Enabled");
    backup("failing", "failing-1", "Completed", Duration.ofHours(30), null);
    backup("failing", "failing-2", "Failed", Duration.ofHours(6), "error getting backup store: AccessDenied");
    schedule("invalid", "0 2 * *", false, "FailedValidation", "invalid schedule: expected exactly 5 fields");
    schedule("paused", "@daily", true, "Enabled");
    schedule("stale", "@hourly", false, "Enabled");
    backup("stale", "stale-1", "Completed", Duration.ofHours(5), null);
    assertThat(findings()).contains(
        "HIGH backup-schedule: Schedule velero/failing: newest backup failing-2 is Failed: error getting backup store:"
            + " AccessDenied — velero backup describe failing-2 --details and velero backup logs failing-2 show what"
            + " failed",
        "HIGH backup-schedule: Schedule velero/invalid: failed Velero's validation: invalid schedule: expected exactly 5"
            + " fields — fix the schedule in the spec; BackupChecks.validate(spec) reports the same rules",
        "MEDIUM backup-schedule: Schedule velero/paused: is paused and makes no backups — unpause it (paused: false) unless"
            + " the pause is intended",
        "HIGH backup-schedule: Schedule velero/stale: newest completed backup stale-1 is 4h55m0s old, more than 2h0m0s —"
            + " check that the schedule is not stuck: kubectl -n velero get backups -l"
            + " velero.io/schedule-name=stale, and Velero's logs");
  }

  @Test
  void severalDefaultLocationsAreAWarning() {
    installVelero(true);
    location("primary", "Available", null, true);
    location("archive", "Available", null, false);
    location("dr", "Available", null, true);
    assertThat(findings()).contains("MEDIUM backup-storage-location: BackupStorageLocations in velero: dr, primary are"
        + " all marked default, so where backups and schedules that name no location go depends on Velero's version"
        + " and server flags — leave one marked default: velero backup-location set NAME --default unmarks the"
        + " others, or defaultLocation(true) on one location of the spec");
  }

  @Test
  void maxBackupAgeOverridesTheScheduleBasedLimit() {
    installVelero(true);
    location("primary", "Available", null, true);
    schedule("stale", "@hourly", false, "Enabled");
    backup("stale", "stale-1", "Completed", Duration.ofHours(5), null);
    assertThat(preflight().maxBackupAge(Duration.ofHours(6)).run().failed()).isFalse();
  }

  @Test
  void scheduleWithoutBackups() {
    installVelero(true);
    location("primary", "Available", null, true);
    schedule("new", "@daily", false, "Enabled");
    assertThat(findings()).contains("HIGH backup-schedule: Schedule velero/new: has no completed backup, although it exists"
        + " for more than 48h0m0s — check Velero's logs for the schedule, or start a backup: velero backup create"
        + " --from-schedule new");
  }

  @Test
  void reportRendersAsJson() {
    put(crd("backups", true));
    String json = preflight().namespace("backup-system").deployment("velero-server").run().toJson();
    assertThat(json).contains("\"check\" : \"backup check\"", "\"failed\" : true", "\"high\" : 5",
        "\"ruleId\" : \"backup-deployment\"", "\"message\" : \"Deployment backup-system/velero-server: does not exist\"",
        "\"severity\" : \"high\"");
  }
}
