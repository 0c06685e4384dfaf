package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.GoDuration;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static CronSchedule parse(String text) {
    return CronSchedule.parse(text).schedule().orElseThrow(() -> new AssertionError(
        CronSchedule.parse(text).error().orElse("")));
  }

  @Test
  void descriptorsMeanWhatRobfigCronMeans() {
    assertThat(parse("@daily").longestGap()).contains(Duration.ofDays(1));
    assertThat(parse("@hourly").longestGap()).contains(Duration.ofHours(1));
    assertThat(parse("@weekly").longestGap()).contains(Duration.ofDays(7));
    assertThat(parse("@monthly").longestGap()).contains(Duration.ofDays(31));
    assertThat(parse("@every 90m").longestGap()).contains(Duration.ofMinutes(90));
    assertThat(parse("@every 200ms").longestGap()).contains(Duration.ofSeconds(1));
  }

  @Test
  void timeZonePrefixShiftsRuns() {
    assertThat(parse("CRON_TZ=Europe/Berlin 0 3 * * *").firstCommonRun(parse("0 2 * * *")))
        .contains(ZonedDateTime.of(2028, 1, 1, 2, 0, 0, 0, ZoneOffset.UTC));
    assertThat(parse("TZ=America/New_York 0 3 * * *").firstCommonRun(parse("0 8 * * *")))
        .contains(ZonedDateTime.of(2028, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC));
    assertThat(parse("TZ=America/New_York 0 3 * * *").firstCommonRun(parse("0 3 * * *"))).isEmpty();
  }

  @Test
  void commonRuns() {
    assertThat(parse("0 2 * * *").firstCommonRun(parse("@hourly")))
        .contains(ZonedDateTime.of(2028, 1, 1, 2, 0, 0, 0, ZoneOffset.UTC));
    assertThat(parse("0 2 * * *").firstCommonRun(parse("30 * * * *"))).isEmpty();
    assertThat(parse("0 0 29 2 *").firstCommonRun(parse("0 0 * * *")))
        .contains(ZonedDateTime.of(2028, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(parse("@every 1h").firstCommonRun(parse("@hourly"))).isEmpty();
  }

  @Test
  void daysOfTheWeekAndMonthsAreReadAsRobfigCronReadsThem() {
    // robfig/cron: day of the week 0-6 or SUN-SAT, '?' for '*' in the day fields, names in any case.
    assertThat(parse("0 2 * * SUN-SAT").longestGap()).contains(Duration.ofDays(1));
    assertThat(parse("0 2 ? * *").longestGap()).contains(Duration.ofDays(1));
    assertThat(parse("0 2 * * sun").longestGap()).contains(Duration.ofDays(7));
    assertThat(parse("0 2 * * Mon-Fri").longestGap()).contains(Duration.ofDays(3));
    assertThat(parse("0 2 1 jan,JUL ?").longestGap()).contains(Duration.ofDays(184));
    assertThat(parse("0 2 * * SUN").firstCommonRun(parse("0 2 * * 0"))).isPresent();
  }

  @Test
  void aSevenForSundayIsAnErrorAsVeleroRejectsIt() {
    assertThat(CronSchedule.parse("0 2 * * 7").error()).contains("has day of the week 7, out of 0-6 as Velero reads"
        + " it (Sunday is 0 or SUN, Saturday 6 or SAT)");
    assertThat(CronSchedule.parse("0 2 * * 5-7").error()).hasValueSatisfying(e -> assertThat(e)
        .startsWith("has day of the week 7,"));
    assertThat(CronSchedule.parse("0 2 * * */7").error()).isEmpty();
  }

  @Test
  void aQuestionMarkIsAStarInEveryFieldAlsoBeforeAStep() {
    // robfig/cron's getRange reads '?' like '*' at the start of any range.
    assertThat(parse("? * * * *").longestGap()).contains(Duration.ofMinutes(1));
    assertThat(parse("0 ? * * *").longestGap()).contains(Duration.ofHours(1));
    assertThat(parse("0 0 * ? *").longestGap()).contains(Duration.ofDays(1));
    assertThat(parse("0 0 * * ?/2").firstCommonRun(parse("0 0 * * */2"))).isPresent();
    assertThat(parse("0 0 * * ?/2").longestGap()).isEqualTo(parse("0 0 * * */2").longestGap());
  }

  @Test
  void namesAreWholeValuesSoALongNameIsAnError() {
    assertThat(CronSchedule.parse("0 0 * * sunday").error())
        .contains("has 'sunday', which is no day; write SUN-SAT or 0-6");
    assertThat(CronSchedule.parse("0 0 * * MON-friday").error())
        .contains("has 'friday', which is no day; write SUN-SAT or 0-6");
    assertThat(CronSchedule.parse("0 0 1 january *").error())
        .contains("has 'january', which is no month; write JAN-DEC or 1-12");
    assertThat(parse("0 0 * * mon,Fri").longestGap()).contains(Duration.ofDays(4));
    assertThat(parse("0 0 1 jan-DEC/3 *").longestGap()).contains(Duration.ofDays(92));
  }

  @Test
  void descriptorsAreCaseSensitiveAndEveryNeedsItsSpace() {
    String known = " (known, in lowercase: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly,"
        + " @every <duration> with one space before the duration)";
    assertThat(CronSchedule.parse("@Daily").error()).contains("uses an unknown descriptor '@Daily'" + known);
    assertThat(CronSchedule.parse("@every5m").error()).contains("uses an unknown descriptor '@every5m'" + known);
    assertThat(CronSchedule.parse("@every  5m").error()).contains("has an invalid @every duration ' 5m': "
        + GoDuration.parse(" 5m").error().orElseThrow());
  }

  @Test
  void errors() {
    assertThat(CronSchedule.parse("CRON_TZ=UTC").error()).contains("has a time zone prefix but no schedule after it");
    assertThat(CronSchedule.parse("@every -5m").error()).contains("has a non-positive @every duration");
    assertThat(CronSchedule.parse("0 0 0 0 0 0").error())
        .contains("has 6 fields; Velero takes 5 (minute hour day-of-month month day-of-week)");
  }
}
