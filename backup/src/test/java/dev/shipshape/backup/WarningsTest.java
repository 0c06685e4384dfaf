package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

/** Warnings that compare schedules with each other and with the data of the spec. */
class WarningsTest {

  @Test
  void namespaceWithClaimsThatNoScheduleCovers() {
    var spec = tenantSpec().resource(TestManifests.namespace("t2"), Fixtures.pvc("t2", "data"), Fixtures.pvc("t1", "x"))
        .resource(new StatefulSetBuilder().withNewMetadata().withName("pg").withNamespace("t2").endMetadata()
            .withNewSpec().withNewSelector().addToMatchLabels("app", "pg").endSelector().withNewTemplate()
            .withNewMetadata().addToLabels("app", "pg").endMetadata().withNewSpec().addNewContainer().withName("pg")
            .withImage("postgres:17").endContainer().endSpec().endTemplate().addNewVolumeClaimTemplate()
            .withNewMetadata().withName("pgdata").endMetadata().endVolumeClaimTemplate().endSpec().build())
        .component(VeleroSchedule.daily("t1-daily").namespaces("t1").build())
        .build();
    assertThat(problems(spec)).containsExactly("WARNING [t1-daily] Namespace t2: has persistent volume claims"
        + " (data, pgdata of StatefulSet pg) that no active Velero schedule backs up — add the namespace to a"
        + " schedule, such as VeleroSchedule.daily(\"t2-daily\").namespaces(\"t2\")");
  }

  @Test
  void claimsAreCoveredByAnAllNamespacesScheduleButNotByOneExcludingClaims() {
    var covered = tenantSpec().resource(Fixtures.pvc("t1", "data"))
        .component(VeleroSchedule.daily("all").build()).build();
    assertThat(problems(covered)).isEmpty();
    var excluded = tenantSpec().resource(Fixtures.pvc("t1", "data"))
        .component(VeleroSchedule.daily("all").addExcludedResources("persistentvolumeclaims").build()).build();
    assertThat(problems(excluded)).singleElement().asString().startsWith("WARNING [all] Namespace t1: has"
        + " persistent volume claims (data)");
    var paused = tenantSpec().resource(Fixtures.pvc("t1", "data"))
        .component(VeleroSchedule.daily("all").paused(true).build()).build();
    assertThat(problems(paused)).singleElement().asString().startsWith("WARNING [all] Namespace t1:");
  }

  @Test
  void ttlShorterThanTheTimeBetweenRuns() {
    var spec = tenantSpec().component(VeleroSchedule.builder().name("weekly").schedule("0 4 * * 0").namespaces("t1")
        .ttl("72h").build()).build();
    assertThat(problems(spec)).containsExactly("WARNING [weekly] Schedule.velero.io velero/weekly spec.template.ttl:"
        + " ttl 72h0m0s is shorter than the time between runs of '0 4 * * 0' (up to 168h0m0s): for part of each"
        + " cycle no backup exists — set ttl to at least 168h0m0s, or run the schedule more often");
  }

  @Test
  void ttlUsesTheLongestGapOfAnIrregularSchedule() {
    var spec = tenantSpec().component(VeleroSchedule.builder().name("weekdays").schedule("0 4 * * 1-5")
        .namespaces("t1").ttl("48h").build()).build();
    assertThat(problems(spec)).singleElement().asString().contains("(up to 72h0m0s)");
  }

  @Test
  void twoSchedulesOnTheSameNamespaceAtTheSameMinute() {
    var spec = tenantSpec().component(
        VeleroSchedule.builder().name("nightly").schedule("0 2 * * *").namespaces("t1").build(),
        VeleroSchedule.builder().name("hourly").schedule("@hourly").namespaces("t1").ttl("24h").build()).build();
    assertThat(problems(spec)).containsExactly("WARNING [hourly] Schedule.velero.io velero/hourly spec.schedule:"
        + " '@hourly' runs at the same minute as Schedule velero/nightly ('0 2 * * *', for example at"
        + " 2028-01-01T02:00Z) and both back up namespace t1 — move one of the two to another minute so that their"
        + " backups do not compete, such as '15' instead of '0' in the minute field");
  }

  @Test
  void collisionsAreFoundAcrossTimeZones() {
    var spec = tenantSpec().component(
        VeleroSchedule.builder().name("berlin").schedule("CRON_TZ=Europe/Berlin 0 3 * * *").build(),
        VeleroSchedule.builder().name("utc").schedule("0 2 * * *").namespaces("t1").build()).build();
    assertThat(problems(spec)).singleElement().asString().contains("runs at the same minute as Schedule"
        + " velero/berlin", "for example at 2028-01-01T02:00Z", "both back up namespace t1");
  }

  @Test
  void dailyAndHourlyFactoriesNeverCollide() {
    var spec = tenantSpec().component(VeleroSchedule.daily("d").namespaces("t1").build(),
        VeleroSchedule.hourly("h").namespaces("t1").build()).build();
    assertThat(problems(spec)).isEmpty();
  }

  @Test
  void schedulesOnDifferentNamespacesDoNotCollide() {
    var spec = tenantSpec().resource(TestManifests.namespace("t2")).component(
        VeleroSchedule.daily("d1").namespaces("t1").build(), VeleroSchedule.daily("d2").namespaces("t2").build())
        .build();
    assertThat(problems(spec)).isEmpty();
  }
}
