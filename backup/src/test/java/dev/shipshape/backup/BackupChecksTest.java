package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import org.junit.jupiter.api.Test;

class BackupChecksTest {

  @Test
  void validSpecPassesWithItsWarnings() {
    FindingReport report = BackupChecks.validate(Fixtures.tenantSpec().resource(Fixtures.pvc("t1", "data"))
        .component(VeleroSchedule.builder().name("weekly").schedule("@weekly").namespaces("t1").ttl("24h").build())
        .build());
    assertThat(report.failed()).isFalse();
    assertThat(report.toText()).isEqualTo(String.join("\n",
        "MEDIUM backup-spec Schedule.velero.io velero/weekly spec.template.ttl: ttl 24h0m0s is shorter than the"
            + " time between runs of '@weekly' (up to 168h0m0s): for part of each cycle no backup exists — set ttl to"
            + " at least 168h0m0s, or run the schedule more often",
        "INFO backup-spec: ClusterSpec prod: valid, with 2 Velero objects",
        "backup check: 2 findings, 1 medium, 1 info; passed at --fail-on high",
        ""));
  }

  @Test
  void invalidSpecFailsWithEveryProblem() {
    FindingReport report = BackupChecks.validate(Fixtures.tenantSpec()
        .component(VeleroSchedule.builder().name("s").schedule("nightly").storageLocation("x").build()).build());
    assertThat(report.failed()).isTrue();
    assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.HIGH)
        .extracting(f -> f.resource().orElseThrow() + " " + f.field().orElseThrow())
        .containsExactly("Schedule.velero.io velero/s spec.schedule",
            "Schedule.velero.io velero/s spec.template.storageLocation");
    assertThat(report.toJson()).contains("\"failed\" : true", "\"high\" : 2",
        "\"field\" : \"spec.schedule\"");
  }

  @Test
  void reportsNeverShowCredentials() {
    FindingReport report = BackupChecks.validate(Fixtures.tenantSpec().component(BackupCredentials.builder()
        .name("other").accessKeyId("AKIA\tLEAK").secretAccessKey("leak me").build()).build());
    assertThat(report.toText() + report.toJson()).doesNotContain("LEAK").doesNotContain("leak me");
    assertThat(report.counts()).containsEntry(Severity.HIGH, 2);
  }
}
