package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.GoDuration;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
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
    assertThat(CronSchedule.parse("@every 5m x").error()).contains("has an invalid @every duration '5m x': "
        + GoDuration.parse("5m x").error().orElseThrow());
  }

  @Test
  void whiteSpaceIsTrimmedOnlyAfterATimeZonePrefixAsRobfigCronTrimsIt() {
    // parser.go, Parser.Parse: strings.TrimSpace only after a CRON_TZ=/TZ= prefix; parseDescriptor matches exactly.
    String kept = "has white space at its start or end, which Velero's cron library keeps (it trims only what"
        + " follows a CRON_TZ= or TZ= prefix), so Velero refuses the schedule";
    for (String text : List.of("@every 5m ", "@every 5m\n", " @daily", "@daily\t", " CRON_TZ=UTC 0 2 * * *")) {
      CronSchedule.Result result = CronSchedule.parse(text);
      assertThat(result.error()).as(text).contains(kept);
      assertThat(result.fix()).as(text).contains("write '" + text.strip() + "'");
    }
    for (String text : List.of("CRON_TZ=UTC @every 5m ", "TZ=UTC   @daily\n", " 0 2 * * * ", "0\t2 * *\u00a0*",
        "TZ= 0 2 * * *")) {
      assertThat(CronSchedule.parse(text).error()).as(text).isEmpty();
    }
  }

  @Test
  void twoSpacesBeforeTheEveryDurationAreRefusedAsRobfigCronRefusesThem() {
    for (String text : List.of("@every  5m", "CRON_TZ=UTC @every  5m", "CRON_TZ=UTC @every \u00a05m")) {
      CronSchedule.Result result = CronSchedule.parse(text);
      assertThat(result.error()).as(text).hasValueSatisfying(e -> assertThat(e).startsWith("has white space"));
    }
    CronSchedule.Result twoSpaces = CronSchedule.parse("@every  5m");
    assertThat(twoSpaces.error()).contains("has white space around its @every duration ' 5m', which Velero's cron"
        + " library reads as part of the duration, so Velero refuses the schedule");
    assertThat(twoSpaces.fix()).contains("write '@every 5m', with one space before the duration");
  }

  @Test
  void aRangeStartingWithAStarIsTheWholeFieldAndItsHighEndIsIgnoredWithAWarning() {
    // parser.go, getRange: a low end of '*' or '?' sets the whole range; the high end is not even parsed.
    CronSchedule.Result minutes = CronSchedule.parse("*-5 2 * * *");
    assertThat(minutes.error()).isEmpty();
    assertThat(minutes.notes()).singleElement().satisfies(n -> {
      assertThat(n.problem()).isEqualTo("has '*-5' in the minute field, which Velero reads as '*' (every minute):"
          + " its cron library takes a range starting with '*' for the whole field and ignores the '-5' part");
      assertThat(n.fix()).isEqualTo("write '0-5' for the range from 0 to 5, or '*' for every minute");
    });
    assertThat(minutes.schedule().orElseThrow().longestGap()).contains(Duration.ofMinutes(23 * 60 + 1));
    CronSchedule.Result days = CronSchedule.parse("0 2 * * ?-3/2");
    assertThat(days.notes()).singleElement().satisfies(n -> {
      assertThat(n.problem()).isEqualTo("has '?-3/2' in the day of the week field, which Velero reads as '*/2'"
          + " (every day of the week in steps of 2): its cron library takes a range starting with '?' for the whole"
          + " field and ignores the '-3' part");
      assertThat(n.fix()).isEqualTo("write '0-3/2' for the range from 0 to 3, or '*/2' for every day of the week in"
          + " steps of 2");
    });
    assertThat(days.schedule().orElseThrow().longestGap()).isEqualTo(parse("0 2 * * */2").longestGap());
    // Never parsed, so neither a 7 nor an unknown name is refused there.
    assertThat(CronSchedule.parse("0 2 * * *-7").notes()).singleElement().satisfies(n -> assertThat(n.fix())
        .isEqualTo("write '0-7' for the range from 0 to 7, or '*' for every day of the week"));
    assertThat(CronSchedule.parse("0 2 * * *-friday").notes()).singleElement().satisfies(n -> assertThat(n.fix())
        .isEqualTo("write '*' for every day of the week"));
    assertThat(CronSchedule.parse("0 2 * * *").notes()).isEmpty();
  }

  @Test
  void rangesAreCheckedAsRobfigCronsGetRangeChecksThem() {
    Map<String, String> refused = Map.of(
        "0 22-2 * * *", "has '22-2' in the hour field: the range begins after it ends",
        "*/0 * * * *", "has '*/0' in the minute field: the step '0' is no positive whole number",
        "0 2 1/2/3 * *", "has '1/2/3' in the day of the month field: it has more than one '/'",
        "0 2 * * 1-2-3", "has '1-2-3' in the day of the week field: it has more than one '-'",
        "1- 2 * * *", "has '1-' in the minute field: a number is missing at one end of the range",
        "0 2 0 * *", "has '0' in the day of the month field: 0 is out of 1-31",
        "0 2 * 13 *", "has '13' in the month field: 13 is out of 1-12",
        "0 2 * * FRI-MON", "has 'FRI-MON' in the day of the week field: the range begins after it ends",
        "0 99999999999 * * *", "has '99999999999' in the hour field: 99999999999 is out of 0-23",
        "0 2 * * 99999999999", "has day of the week 99999999999, out of 0-6 as Velero reads it (Sunday is 0 or SUN,"
            + " Saturday 6 or SAT)");
    refused.forEach((text, error) -> assertThat(CronSchedule.parse(text).error()).as(text).contains(error));
    // A step longer than the field selects its first value, as robfig/cron reads it; cron-utils alone refuses it.
    assertThat(parse("0 2 * * */8").longestGap()).contains(Duration.ofDays(7));
    assertThat(parse("0 */39 * * *").longestGap()).contains(Duration.ofDays(1));
    assertThat(parse("0 +2 * * *").firstCommonRun(parse("0 2 * * *"))).isPresent();
  }

  @Test
  void emptyRangesAreDroppedAsRobfigCronDropsThem() {
    assertThat(parse("0 2 1,,15 * *").longestGap()).isEqualTo(parse("0 2 1,15 * *").longestGap());
    assertThat(CronSchedule.parse("0 2 , * *").error()).get().asString().startsWith("has no value in the day of"
        + " the month field ',', so Velero's cron library finds no next run and returns Go's zero time");
    assertThat(CronSchedule.parse(",, 2 * * *").error()).get().asString().startsWith("has no value in the minute"
        + " field ',,', so Velero's cron library finds no next run");
    assertThat(CronSchedule.parse("0 2 , * ,").error()).get().asString().startsWith("has no value in the day of"
        + " the month field ','");
  }

  /** dayMatches ORs the day fields when neither has the star bit, so an empty one leaves the days to the other. */
  @Test
  void anEmptyDayFieldNextToADayFieldWithoutAStarLeavesTheDaysToIt() {
    CronSchedule.Result mondays = CronSchedule.parse("0 2 , * 1");
    assertThat(mondays.schedule().orElseThrow().longestGap()).contains(Duration.ofDays(7));
    assertThat(mondays.notes()).singleElement().satisfies(n -> {
      assertThat(n.problem()).isEqualTo("has no value in the day of the month field ',', so Velero runs it on the"
          + " days that the day of the week field selects");
      assertThat(n.fix()).isEqualTo("write '*' in the day of the month field");
    });
    assertThat(parse("0 2 1,15 * ,").longestGap()).contains(Duration.ofDays(17));
    assertThat(CronSchedule.parse("0 2 , * */1").error()).isPresent();
  }

  @Test
  void aStarInAListMakesTheWholeFieldAStar() {
    assertThat(parse("0 2 1 * 1,*").longestGap()).contains(Duration.ofDays(31));
    assertThat(parse("0 2 ?,1 * 2").longestGap()).contains(Duration.ofDays(7));
    assertThat(parse("0 2 1 * */1,3").longestGap()).contains(Duration.ofDays(31));
    // A step over 1 drops the star bit: '*/2,1' is Sunday to Saturday in steps of 2, and Monday, ORed with the 1st.
    assertThat(parse("0 2 1 * */2,1").longestGap()).contains(Duration.ofDays(2));
    assertThat(CronSchedule.parse("0 2 1 * 1,*").notes()).singleElement().satisfies(n -> assertThat(n.problem())
        .isEqualTo("has '1,*' in the day of the week field, which Velero reads as '*' (every day of the week): its"
            + " cron library takes a list holding a '*' range for the whole field, so the other day field alone"
            + " picks the days"));
    assertThat(CronSchedule.parse("1,* 2 * * *").notes()).singleElement().satisfies(n -> assertThat(n.problem())
        .isEqualTo("has '1,*' in the minute field, which Velero reads as '*' (every minute): its cron library takes"
            + " a list holding a '*' range for the whole field"));
  }

  @Test
  void timeZonesAreThoseGoLoads() {
    for (String zone : List.of("+02:00", "Z", "UTC+2", "GMT+2", "europe/berlin", "UTC\u00a00", "SystemV/AST4")) {
      assertThat(CronSchedule.parse("CRON_TZ=" + zone + " 0 2 * * *").error()).as(zone).get().asString()
          .startsWith("names an unknown time zone '" + zone + "'");
    }
    assertThat(CronSchedule.parse("CRON_TZ=+02:00 0 2 * * *").error()).get().asString().contains("not UTC offsets");
    assertThat(parse("CRON_TZ=Etc/GMT-2 0 2 * * *").firstCommonRun(parse("0 0 * * *"))).isPresent();
    assertThat(parse("CRON_TZ=EST 0 2 * * *").firstCommonRun(parse("0 7 * * *"))).isPresent();
    assertThat(CronSchedule.parse("CRON_TZ=Local 0 2 * * *").notes()).singleElement()
        .satisfies(n -> assertThat(n.problem()).startsWith("runs in the zone 'Local'"));
    assertThat(parse("CRON_TZ=Local 0 2 * * *").firstCommonRun(parse("0 2 * * *"))).isPresent();
  }

  @Test
  void errors() {
    assertThat(CronSchedule.parse("CRON_TZ=UTC").error()).contains("has a time zone prefix but no schedule after it");
    assertThat(CronSchedule.parse("@every -5m").error()).contains("has a non-positive @every duration, which"
        + " Velero's cron library runs every second");
    assertThat(CronSchedule.parse("@every 0s").fix()).contains("give a positive duration, such as '@every 6h'");
    assertThat(CronSchedule.parse("CRON_TZ=UTC ").error()).contains("has a time zone prefix but no schedule after"
        + " it");
    assertThat(CronSchedule.parse("0 0 0 0 0 0").error())
        .contains("has 6 fields; Velero takes 5 (minute hour day-of-month month day-of-week)");
  }
}
