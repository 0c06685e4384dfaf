package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
  void errors() {
    assertThat(CronSchedule.parse("CRON_TZ=UTC").error()).contains("has a time zone prefix but no schedule after it");
    assertThat(CronSchedule.parse("@every -5m").error()).contains("has a non-positive @every duration");
    assertThat(CronSchedule.parse("0 0 0 0 0 0").error())
        .contains("has 6 fields; Velero takes 5 (minute hour day-of-month month day-of-week)");
  }
}
