package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackupChecksTest {

  @Test
  void validSpecPassesWithItsWarnings() {
    BackupReport report = BackupChecks.validate(Fixtures.tenantSpec().resource(Fixtures.pvc("t1", "data"))
        .component(VeleroSchedule.builder().name("weekly").schedule("@weekly").namespaces("t1").ttl("24h").build())
        .build());
    assertThat(report.passed()).isTrue();
    assertThat(report.toText()).isEqualTo(String.join("\n",
        "Backup check: passed (0 failed, 1 warnings, 1 passed)",
        "WARN spec             Schedule.velero.io velero/weekly spec.template.ttl: ttl 24h0m0s is shorter than the"
            + " time between runs of '@weekly' (up to 168h0m0s): for part of each cycle no backup exists",
        "     fix: set ttl to at least 168h0m0s, or run the schedule more often",
        "PASS spec             ClusterSpec prod: valid, with 2 Velero objects",
        ""));
  }

  @Test
  void invalidSpecFailsWithEveryProblem() {
    BackupReport report = BackupChecks.validate(Fixtures.tenantSpec()
        .component(VeleroSchedule.builder().name("s").schedule("nightly").storageLocation("x").build()).build());
    assertThat(report.passed()).isFalse();
    assertThat(report.withStatus(FindingStatus.FAIL)).extracting(Finding::subject).containsExactlyInAnyOrder(
        "Schedule.velero.io velero/s spec.schedule", "Schedule.velero.io velero/s spec.template.storageLocation");
    assertThat(report.toJson()).contains("\"passed\" : false", "\"failed\" : 2",
        "\"subject\" : \"Schedule.velero.io velero/s spec.schedule\"");
  }

  @Test
  void reportsNeverShowCredentials() {
    BackupReport report = BackupChecks.validate(Fixtures.tenantSpec().component(BackupCredentials.builder()
        .name("other").accessKeyId("AKIA\tLEAK").secretAccessKey("leak me").build()).build());
    assertThat(report.toText() + report.toJson()).doesNotContain("LEAK").doesNotContain("leak me");
    assertThat(report.count(FindingStatus.FAIL)).isEqualTo(2);
  }
}
