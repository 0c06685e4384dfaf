package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The days the clocks change, as robfig/cron's {@code Next} meets them: Go's {@code time.Date} reads a skipped or
 * repeated wall time by the offset at that time read as UTC, and the hour and minute loops move the instant.
 */
class ClockChangesTest {
  private static final String FIX = " (local time), or give the time in UTC (without a CRON_TZ= or TZ= prefix)";

  private static Optional<String> warning(String text) {
    return CronSchedule.parse(text).schedule().orElseThrow().clockChanges().map(n -> n.problem() + " — " + n.fix());
  }

  @Test
  void goReadsASkippedOrRepeatedWallTimeByTheOffsetAtItAsUtc() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ZoneId newYork = ZoneId.of("America/New_York");
    assertThat(GoTime.date(2028, 3, 26, 2, 30, 0, berlin).toOffsetDateTime()).hasToString("2028-03-26T03:30+02:00");
    assertThat(GoTime.date(2028, 3, 12, 2, 30, 0, newYork).toOffsetDateTime()).hasToString("2028-03-12T01:30-05:00");
    assertThat(GoTime.date(2028, 10, 29, 2, 30, 0, berlin).toOffsetDateTime()).hasToString("2028-10-29T02:30+01:00");
    assertThat(GoTime.date(2028, 11, 5, 1, 30, 0, newYork).toOffsetDateTime()).hasToString("2028-11-05T01:30-04:00");
    // Out-of-range values carry over: 31 April is 1 May, month 13 January.
    assertThat(GoTime.date(2028, 4, 31, 0, 0, 0, berlin).toLocalDate()).hasToString("2028-05-01");
    assertThat(GoTime.addDate(ZonedDateTime.of(2028, 12, 1, 0, 0, 0, 0, berlin), 1, 0).toLocalDate())
        .hasToString("2029-01-01");
  }

  @Test
  void aRunInTheRepeatedHourHappensTwiceAndOneInTheSkippedHourNot() {
    CronSchedule berlin = CronSchedule.parse("CRON_TZ=Europe/Berlin 30 2 * * *").schedule().orElseThrow();
    ZonedDateTime first = berlin.nextRun(ZonedDateTime.parse("2028-10-29T00:00Z")).orElseThrow();
    assertThat(List.of(first, berlin.nextRun(first).orElseThrow())).extracting(Object::toString)
        .containsExactly("2028-10-29T00:30Z", "2028-10-29T01:30Z");
    assertThat(berlin.nextRun(ZonedDateTime.parse("2028-03-25T23:00Z")).orElseThrow())
        .hasToString("2028-03-27T00:30Z");
  }

  @Test
  void warnsOfTheDaysARunIsSkippedOrMadeTwice() {
    assertThat(warning("CRON_TZ=Europe/Berlin 30 2 * * *")).contains("runs at times the clocks of Europe/Berlin skip"
        + " or repeat: Velero's cron library does not run at 02:30 on Sunday 2028-03-26, as the clocks go from 02:00"
        + " to 03:00; runs twice at 02:30 on Sunday 2028-10-29, as the clocks go back from 03:00 to 02:00 (and"
        + " likewise in other years) — move the runs out of 02:00-03:00" + FIX);
    assertThat(warning("CRON_TZ=America/New_York 30 1 * * *")).contains("runs at times the clocks of"
        + " America/New_York skip or repeat: Velero's cron library runs twice at 01:30 on Sunday 2028-11-05, as the"
        + " clocks go back from 02:00 to 01:00 (and likewise in other years) — move the runs out of 01:00-02:00"
        + FIX);
    assertThat(warning("CRON_TZ=Australia/Sydney 30 2 * * *")).get().asString()
        .contains("does not run at 02:30 on Sunday 2028-10-01", "runs twice at 02:30 on Sunday 2028-04-02");
    // Irish winter time is daylight saving time the other way round: the same hours change.
    assertThat(warning("CRON_TZ=Europe/Dublin 30 1 * * *")).get().asString()
        .contains("does not run at 01:30 on Sunday 2028-03-26", "runs twice at 01:30 on Sunday 2028-10-29");
    assertThat(warning("CRON_TZ=America/Santiago @daily")).get().asString()
        .contains("does not run at 00:00 on Sunday 2028-09-03, as the clocks go from 00:00 to 01:00");
    // Only in the years the 30th of March is the last Sunday.
    assertThat(warning("CRON_TZ=Europe/Berlin 30 2 30 3 *")).get().asString()
        .contains("does not run at 02:30 on Sunday 2031-03-30");
  }

  @Test
  void afterAChangeOfHalfAnHourTheHourLoopKeepsTheHalfHourAndPassesOverRuns() {
    CronSchedule sundays = CronSchedule.parse("CRON_TZ=Australia/Lord_Howe 0 12 * * 0").schedule().orElseThrow();
    ZonedDateTime first = sundays.nextRun(ZonedDateTime.parse("2028-03-26T00:00Z")).orElseThrow();
    assertThat(List.of(first, sundays.nextRun(first).orElseThrow())).extracting(Object::toString)
        .containsExactly("2028-03-26T01:00Z", "2028-04-09T01:30Z");
    CronSchedule halfPast = CronSchedule.parse("CRON_TZ=Australia/Lord_Howe 30 * * * *").schedule().orElseThrow();
    ZonedDateTime before = halfPast.nextRun(ZonedDateTime.parse("2028-04-01T14:00Z")).orElseThrow();
    assertThat(List.of(before, halfPast.nextRun(before).orElseThrow())).extracting(Object::toString)
        .containsExactly("2028-04-01T14:30Z", "2028-04-01T15:00Z");
  }

  @Test
  void warnsOfRunsPassedOverOrMadeTwiceAfterAChangeOfHalfAnHour() {
    String halfAnHour = " (and likewise in other years) — the clocks of Australia/Lord_Howe change by 30 minutes, and"
        + " the cron library then keeps that shift in the hours it steps through and passes over runs: give the time"
        + " in UTC (without a CRON_TZ= or TZ= prefix) or in a zone whose clocks change by whole hours away from"
        + " midnight";
    assertThat(warning("CRON_TZ=Australia/Lord_Howe 0 12 * * 0")).contains("runs at times the clocks of"
        + " Australia/Lord_Howe skip or repeat: Velero's cron library does not run at 12:00 on Sunday 2028-04-02:"
        + " after the clocks go from 02:00 to 01:30 it steps through the hours at 30 minutes past, and passes over"
        + " the run" + halfAnHour);
    assertThat(warning("CRON_TZ=Australia/Lord_Howe 0 0 * * *")).contains("runs at times the clocks of"
        + " Australia/Lord_Howe skip or repeat: Velero's cron library does not run at 00:00 on Monday 2028-04-03:"
        + " after the clocks go from 02:00 to 01:30 it steps through the hours at 30 minutes past, and passes over"
        + " the run" + halfAnHour);
    assertThat(warning("CRON_TZ=Australia/Lord_Howe 30 * * * *")).contains("runs at times the clocks of"
        + " Australia/Lord_Howe skip or repeat: Velero's cron library runs twice at 01:30 on Sunday 2028-04-02, as"
        + " the clocks go back from 02:00 to 01:30 (and likewise in other years) — move the runs out of 01:30-02:00"
        + FIX);
    assertThat(warning("CRON_TZ=Australia/Lord_Howe 15 * * * *")).contains("runs at times the clocks of"
        + " Australia/Lord_Howe skip or repeat: Velero's cron library does not run at 02:15 on Sunday 2028-10-01, as"
        + " the clocks go from 02:00 to 02:30 (and likewise in other years) — move the runs out of 02:00-02:30"
        + FIX);
  }

  @Test
  void whereTheClocksSkipMidnightTheFixNamesTheCauseAndOtherZones() {
    String midnight = " (and likewise in other years) — the clocks of %s skip midnight, and the cron library then"
        + " passes over a day or adds one: give the time in UTC (without a CRON_TZ= or TZ= prefix) or in a zone"
        + " whose clocks change by whole hours away from midnight";
    assertThat(warning("CRON_TZ=America/Santiago 0 12 * * 6")).contains("runs at times the clocks of"
        + " America/Santiago skip or repeat: Velero's cron library runs at 12:00 on Sunday 2028-09-03, which it does"
        + " not select: looking for the next day it meets a midnight the clocks skip, and takes the hour after it"
        + midnight.formatted("America/Santiago"));
    assertThat(warning("CRON_TZ=Asia/Beirut 0 12 * * 0")).contains("runs at times the clocks of Asia/Beirut skip or"
        + " repeat: Velero's cron library does not run at 12:00 on Sunday 2028-03-26: looking for the next day it"
        + " meets a midnight the clocks skip, and passes over the day" + midnight.formatted("Asia/Beirut"));
  }

  @Test
  void noWarningWithoutDaylightSavingOutsideTheChangingHoursOrForRunsEveryHour() {
    for (String text : List.of("30 2 * * *", "CRON_TZ=UTC 30 2 * * *", "CRON_TZ=Asia/Kolkata 30 2 * * *",
        "CRON_TZ=Etc/GMT-2 30 2 * * *", "CRON_TZ=Europe/Berlin 0 3 * * *", "CRON_TZ=Europe/Berlin 30 2 * * 1-5",
        "CRON_TZ=Europe/Berlin 0 * * * *", "CRON_TZ=Europe/Berlin @every 1h", "CRON_TZ=America/Santiago 0 5 * * 0")) {
      assertThat(warning(text)).as(text).isEmpty();
    }
  }
}
