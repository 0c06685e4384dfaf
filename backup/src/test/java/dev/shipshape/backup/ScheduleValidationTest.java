package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.testing.TestManifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule a schedule's own attributes must follow, with the exact problem it reports. */
class ScheduleValidationTest {
  private static final String AT = "ERROR [s] Schedule.velero.io velero/s ";
  private static final String CRON_FIX = " — use five cron fields such as '0 2 * * *', a descriptor such as"
      + " '@daily', or '@every 6h', optionally after 'CRON_TZ=Europe/Berlin '";

  private static ClusterSpec with(VeleroSchedule.Builder schedule) {
    return tenantSpec().component(schedule.build()).build();
  }

  private static VeleroSchedule.Builder schedule(String cron) {
    return VeleroSchedule.builder().name("s").schedule(cron).namespaces("t1");
  }

  @Test
  void cronWithFourFields() {
    assertThat(problems(with(schedule("0 2 * *")))).contains(AT + "spec.schedule: '0 2 * *' has 4 fields;"
        + " Velero takes 5 (minute hour day-of-month month day-of-week)" + CRON_FIX);
  }

  @Test
  void cronWithAnOutOfRangeField() {
    assertThat(problems(with(schedule("61 2 * * *")))).contains(AT + "spec.schedule: '61 2 * * *' has '61' in the"
        + " minute field: 61 is out of 0-59" + CRON_FIX);
  }

  @Test
  void cronOfADateThatNeverComes() {
    // robfig/cron's Next returns Go's zero time, which getNextRunTime in Velero's schedule controller takes as due.
    assertThat(problems(with(schedule("0 0 31 2 *")))).contains(AT + "spec.schedule: '0 0 31 2 *' matches no date"
        + " (such as 31 February)"
        + ", so Velero's cron library finds no next run and returns Go's zero time, which Velero's schedule"
        + " controller takes as overdue: it starts a backup at each check of the schedule (every minute) while none"
        + " of its backups is New or InProgress — give every field a value, and a day of the month that the month"
        + " has (such as '0 2 28 2 *' for 28 February)");
    assertThat(problems(with(schedule("0 2 ,, * *")))).contains(AT + "spec.schedule: '0 2 ,, * *' has no value in"
        + " the day of the month field ',,'"
        + ", so Velero's cron library finds no next run and returns Go's zero time, which Velero's schedule"
        + " controller takes as overdue: it starts a backup at each check of the schedule (every minute) while none"
        + " of its backups is New or InProgress — give every field a value, and a day of the month that the month"
        + " has (such as '0 2 28 2 *' for 28 February)");
    for (String yearly : List.of("0 0 29 2 *", "@yearly", "0 0 1 1 *", "CRON_TZ=Europe/London 0 0 1 1 *")) {
      assertThat(problems(with(schedule(yearly)))).as(yearly).noneMatch(p -> p.contains("spec.schedule"));
    }
  }

  @Test
  void cronWithSevenForSundayWhichVeleroRejects() {
    assertThat(problems(with(schedule("0 2 * * 1,7")))).contains(AT + "spec.schedule: '0 2 * * 1,7' has day of"
        + " the week 7, out of 0-6 as Velero reads it (Sunday is 0 or SUN, Saturday 6 or SAT)" + CRON_FIX);
  }

  @Test
  void cronRangeFromAStarIsTakenWithAWarningThatItsHighEndIsIgnored() {
    assertThat(problems(with(schedule("0 *-5 * * *").ttl("2h")))).containsExactly("WARNING [s] Schedule.velero.io"
        + " velero/s spec.schedule: '0 *-5 * * *' has '*-5' in the hour field, which Velero reads as '*' (every"
        + " hour): its cron library takes a range starting with '*' for the whole field and ignores the '-5' part —"
        + " write '0-5' for the range from 0 to 5, or '*' for every hour");
  }

  @Test
  void cronWithWhiteSpaceVeleroDoesNotTrim() {
    assertThat(problems(with(schedule("@every 6h ")))).contains(AT + "spec.schedule: '@every 6h ' has white space"
        + " at its start or end, which Velero's cron library keeps (it trims only what follows a CRON_TZ= or TZ="
        + " prefix), so Velero refuses the schedule — write '@every 6h'");
  }

  @Test
  void cronWithAnUnknownDescriptor() {
    assertThat(problems(with(schedule("@fortnightly")))).contains(AT + "spec.schedule: '@fortnightly' uses an"
        + " unknown descriptor '@fortnightly' (known, in lowercase: @yearly, @annually, @monthly, @weekly, @daily,"
        + " @midnight, @hourly, @every <duration> with one space before the duration)" + CRON_FIX);
  }

  @Test
  void cronWithADayNameRobfigCronDoesNotKnow() {
    assertThat(problems(with(schedule("0 0 * * sunday")))).contains(AT + "spec.schedule: '0 0 * * sunday' has"
        + " 'sunday', which is no day; write SUN-SAT or 0-6" + CRON_FIX);
  }

  @Test
  void cronWithAnUnknownTimeZone() {
    assertThat(problems(with(schedule("CRON_TZ=Mars/Olympus 0 2 * * *")))).contains(AT + "spec.schedule:"
        + " 'CRON_TZ=Mars/Olympus 0 2 * * *' names an unknown time zone 'Mars/Olympus' (use an IANA name such as"
        + " 'Europe/Berlin')" + CRON_FIX);
  }

  @Test
  void cronWithAUtcOffsetForATimeZone() {
    for (String zone : List.of("+02:00", "Z", "UTC+2", "GMT+2")) {
      String cron = "CRON_TZ=" + zone + " 0 2 * * *";
      assertThat(problems(with(schedule(cron)))).as(zone).contains(AT + "spec.schedule: '" + cron + "' names an"
          + " unknown time zone '" + zone + "' (use an IANA name such as 'Europe/Berlin'): Go's time.LoadLocation,"
          + " which Velero's cron library calls, takes tz database names, not UTC offsets, and Velero marks the"
          + " schedule FailedValidation; for a fixed offset such as +02:00 write 'Etc/GMT-2' (the sign of the"
          + " Etc/GMT names is inverted)" + CRON_FIX);
    }
  }

  @Test
  void cronInTheLocalZoneOfTheVeleroServer() {
    assertThat(problems(with(schedule("CRON_TZ=Local 0 2 * * *")))).containsExactly("WARNING [s]"
        + " Schedule.velero.io velero/s spec.schedule: 'CRON_TZ=Local 0 2 * * *' runs in the zone 'Local', which Go"
        + " reads as the zone of the Velero server's process: UTC in Velero's image unless its pod sets TZ, so the"
        + " times change with the Velero deployment (they are checked here as UTC) — name the zone, such as"
        + " 'CRON_TZ=UTC ' or 'CRON_TZ=Europe/Berlin '");
    for (String zone : List.of("Etc/GMT-2", "EST", "GMT+0", "Asia/Kolkata", "")) {
      assertThat(problems(with(schedule("TZ=" + zone + " 0 2 * * *")))).as(zone).isEmpty();
    }
  }

  /** robfig/cron ORs a '*' range's star bit into the field, and dayMatches then ANDs the two day fields. */
  @Test
  void cronWithAStarInAListIsTheWholeField() {
    assertThat(problems(with(schedule("0 2 1 * 1,*").ttl("720h")))).containsExactly("WARNING [s]"
        + " Schedule.velero.io velero/s spec.schedule: '0 2 1 * 1,*' has '1,*' in the day of the week field, which"
        + " Velero reads as '*' (every day of the week): its cron library takes a list holding a '*' range for the"
        + " whole field, so the other day field alone picks the days — write '*', or leave the '*' range out of"
        + " the list", "WARNING [s] Schedule.velero.io velero/s spec.template.ttl: ttl 720h0m0s is shorter than the"
        + " time between runs of '0 2 1 * 1,*' (up to 744h0m0s): for part of each cycle no backup exists — set ttl"
        + " to at least 744h0m0s, or run the schedule more often");
    assertThat(VeleroCron.longestGap("0 2 ?,1 * 2")).contains(java.time.Duration.ofDays(7));
  }

  /** robfig/cron's Next, in the schedule's zone, steps over a skipped time and wraps into a repeated hour. */
  @Test
  void cronInTheHourTheClocksChangeIsAWarning() {
    assertThat(problems(with(schedule("CRON_TZ=America/New_York 30 2 * * *").ttl("720h")))).containsExactly(
        "WARNING [s] Schedule.velero.io velero/s spec.schedule: 'CRON_TZ=America/New_York 30 2 * * *' runs at times"
        + " the clocks of America/New_York skip or repeat: Velero's cron library does not run at 02:30 on Sunday"
        + " 2028-03-12, as the clocks go from 02:00 to 03:00 (and likewise in other years) — move the runs out of"
        + " 02:00-03:00 (local time), or give the time in UTC (without a CRON_TZ= or TZ= prefix)");
  }

  @Test
  void everyWithABadDuration() {
    assertThat(problems(with(schedule("@every 6 hours")))).contains(AT + "spec.schedule: '@every 6 hours' has an"
        + " invalid @every duration '6 hours': has an unknown unit ' hours'" + CRON_FIX);
  }

  @Test
  void validFormsPass() {
    for (String cron : new String[] {"0 2 * * *", "@daily", "@every 6h", "CRON_TZ=Europe/Berlin 0 2 * * MON-FRI",
        "TZ=UTC @hourly", "*/15 * * * *"}) {
      assertThat(problems(with(schedule(cron).ttl("720h")))).as(cron).isEmpty();
    }
  }

  @Test
  void ttlThatIsNotAGoDuration() {
    assertThat(problems(with(schedule("@daily").ttl("30d")))).contains(AT + "spec.template.ttl: '30d' is not a"
        + " Go duration: it has an unknown unit 'd' — write a Go duration such as '720h0m0s' (units h, m, s, ms,"
        + " us, ns)");
  }

  @Test
  void negativeTtlIsAnErrorAndZeroMeansVelerosDefaultWithoutAWarning() {
    assertThat(problems(with(schedule("@daily").ttl("-24h")))).contains(AT + "spec.template.ttl: '-24h' is negative"
        + " — write a positive duration such as '720h0m0s', or 0s for Velero's default");
    assertThat(problems(with(schedule("@weekly").ttl("0s")))).isEmpty();
    assertThat(problems(with(schedule("@weekly").ttl("24h")))).anySatisfy(p -> assertThat(p)
        .contains("spec.template.ttl: ttl 24h0m0s is shorter than the time between runs"));
  }

  @Test
  void labelSelectorTogetherWithOrLabelSelectors() {
    assertThat(problems(with(schedule("@daily").label("app", "db").orLabelSelector(Map.of("tier", "data")))))
        .contains(AT + "spec.template.orLabelSelectors: is set together with labelSelector; Velero takes only one"
            + " of them — move the labelSelector's labels into each orLabelSelectors entry, or drop"
            + " orLabelSelectors");
  }

  @Test
  void wildcardMixedIntoAnIncludeList() {
    assertThat(problems(with(schedule("@daily").addIncludedNamespaces("*"))))
        .contains(AT + "spec.template.includedNamespaces: lists '*' together with other entries [t1, *]; Velero"
            + " takes '*' only alone — use '*' alone to include everything, or list the entries without '*'");
  }

  @Test
  void wildcardInAnExcludeList() {
    assertThat(problems(with(schedule("@daily").addExcludedResources("*"))))
        .contains(AT + "spec.template.excludedResources: contains '*'; Velero does not accept '*' in an exclude"
            + " list — remove '*'; to take nothing, narrow includedResources instead");
  }

  @Test
  void itemBothIncludedAndExcluded() {
    assertThat(problems(with(schedule("@daily").addIncludedResources("secrets", "configmaps")
        .addExcludedResources("secrets"))))
        .contains(AT + "spec.template.excludedResources: 'secrets' is both included and excluded — remove"
            + " 'secrets' from includedResources or from excludedResources");
  }

  @Test
  void scopedListsFollowVelerosScopedRules() {
    assertThat(problems(with(schedule("@daily").addIncludedClusterScopedResources("*")
        .addExcludedClusterScopedResources("*"))))
        .contains(AT + "spec.template.excludedClusterScopedResources: is '*' while includedClusterScopedResources"
            + " lists [*]; Velero takes no include list when everything is excluded — remove '*' from"
            + " excludedClusterScopedResources to take only includedClusterScopedResources, or empty"
            + " includedClusterScopedResources to take none");
    assertThat(problems(with(schedule("@daily").addIncludedNamespaceScopedResources("deployments")
        .addExcludedNamespaceScopedResources("*"))))
        .containsExactly(AT + "spec.template.excludedNamespaceScopedResources: is '*' while"
            + " includedNamespaceScopedResources lists [deployments]; Velero takes no include list when everything"
            + " is excluded — remove '*' from excludedNamespaceScopedResources to take only"
            + " includedNamespaceScopedResources, or empty includedNamespaceScopedResources to take none");
    assertThat(problems(with(schedule("@daily").addExcludedNamespaceScopedResources("*", "secrets"))))
        .contains(AT + "spec.template.excludedNamespaceScopedResources: lists '*' together with other entries"
            + " [*, secrets]; Velero takes '*' only alone — use '*' alone to exclude everything, or list the"
            + " entries without '*'");
    assertThat(problems(with(schedule("@daily").addExcludedClusterScopedResources("*")))).isEmpty();
  }

  @Test
  void namespacesVeleroCannotTakeAsNames() {
    assertThat(problems(with(schedule("@daily").addIncludedNamespaces("T1_*")
        .addExcludedNamespaces("Team_A", "t?", "team-*", "t[0-9]"))))
        .containsExactly(
            AT + "spec.template.includedNamespaces[1]: namespace pattern 'T1_*' is not a DNS-1123 label (lower-case"
                + " letters, digits and '-', starting and ending with a letter or digit); Velero fails the validation"
                + " of such a backup — use lower-case letters, digits and '-', and '*' as a wildcard",
            AT + "spec.template.excludedNamespaces[0]: namespace 'Team_A' is not a DNS-1123 label (lower-case letters,"
                + " digits and '-', starting and ending with a letter or digit); Velero fails the validation of such"
                + " a backup — use lower-case letters, digits and '-', and '*' as a wildcard");
  }

  @Test
  void nameLongerThanALabelValue() {
    String name = "t1-" + "x".repeat(61);
    assertThat(problems(tenantSpec().component(VeleroSchedule.daily(name).namespaces("t1").build()).build()))
        .containsExactly("ERROR [" + name + "] Schedule.velero.io velero/" + name + " metadata.name: is 64 characters"
            + " long: Velero labels each backup of the schedule with velero.io/schedule-name=<name>, and the API"
            + " server refuses label values longer than 63 characters, so the schedule would never make a backup"
            + " — use a name of at most 63 characters");
    assertThat(problems(tenantSpec().component(VeleroSchedule.daily(name.substring(1)).namespaces("t1").build())
        .build())).isEmpty();
  }

  @Test
  void readOnlyStorageLocation() {
    BackupStorageLocation archive = BackupStorageLocation.builder().from(Fixtures.primary()).name("archive")
        .defaultLocation(false).accessMode(LocationAccessMode.READ_ONLY).build();
    assertThat(problems(tenantSpec().component(archive, schedule("@daily").storageLocation("archive").build())
        .build())).containsExactly(AT + "spec.template.storageLocation: names BackupStorageLocation 'archive', which"
            + " is ReadOnly: Velero fails the validation of every backup to it — write to a ReadWrite location, or"
            + " make 'archive' ReadWrite");
    BackupStorageLocation readOnlyDefault = BackupStorageLocation.builder().from(Fixtures.primary())
        .accessMode(LocationAccessMode.READ_ONLY).build();
    assertThat(problems(ClusterSpec.builder().name("prod").resource(TestManifests.namespace("velero"),
        TestManifests.namespace("t1")).component(readOnlyDefault, Fixtures.credentials(), schedule("@daily").build())
        .preExistingCrd(Velero.CRDS).build())).containsExactly(AT + "spec.template.storageLocation: is unset, so"
            + " backups go to the default BackupStorageLocation 'primary', which is ReadOnly: Velero fails the"
            + " validation of every backup to it — write to a ReadWrite location, or make 'primary' ReadWrite");
  }

  @Test
  void twoSnapshotLocationsOfOneProvider() {
    VolumeSnapshotLocation east = VolumeSnapshotLocation.builder().name("east").region("us-east-1").build();
    VolumeSnapshotLocation west = VolumeSnapshotLocation.builder().name("west").region("us-west-2").build();
    assertThat(problems(tenantSpec().component(east, west, schedule("@daily").addVolumeSnapshotLocations("east",
        "west").build()).build())).containsExactly(AT + "spec.template.volumeSnapshotLocations: names"
            + " VolumeSnapshotLocations [east, west] of the same provider 'aws'; Velero takes one per provider and"
            + " fails the validation of the backup — keep one of [east, west], and snapshot into the others from"
            + " another schedule");
    assertThat(problems(tenantSpec().component(east, west, schedule("@daily").addVolumeSnapshotLocations("east",
        "west").snapshotVolumes(false).build()).build())).isEmpty();
  }

  @Test
  void oldAndNewResourceFiltersMixed() {
    assertThat(problems(with(schedule("@daily").includeClusterResources(true)
        .addIncludedNamespaceScopedResources("deployments"))))
        .contains(AT + "spec.template: mixes the old resource filters (includedResources, excludedResources,"
            + " includeClusterResources) with the new ones (included/excludedClusterScopedResources,"
            + " included/excludedNamespaceScopedResources); Velero rejects such a backup — use one style: the new"
            + " scoped lists, or the old three attributes");
  }

  @Test
  void allProblemsAreReportedTogether() {
    var failure = Fixtures.failure(with(schedule("0 2 * *").ttl("1 day").addExcludedNamespaces("*")));
    assertThat(failure.errors()).hasSize(3);
    assertThat(failure.getMessage()).contains("spec.schedule:", "spec.template.ttl:",
        "spec.template.excludedNamespaces:");
  }
}
