package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VeleroCronTest {

  @Test
  void longestGapOfValidSchedules() {
    assertThat(VeleroCron.longestGap("0 2 * * *")).contains(Duration.ofDays(1));
    assertThat(VeleroCron.longestGap("0 3 * * 1-5")).contains(Duration.ofDays(3));
    // In Berlin's time zone, the night daylight saving time ends has 25 hours.
    assertThat(VeleroCron.longestGap("CRON_TZ=Europe/Berlin 0 3 * * *")).contains(Duration.ofHours(25));
    assertThat(VeleroCron.longestGap("@every 6h")).contains(Duration.ofHours(6));
    assertThat(VeleroCron.problem("@weekly")).isEmpty();
  }

  @Test
  void invalidSchedulesHaveNoGapAndSayWhatIsWrong() {
    assertThat(VeleroCron.longestGap("0 2 * *")).isEmpty();
    assertThat(VeleroCron.problem("0 2 * *"))
        .contains("has 4 fields; Velero takes 5 (minute hour day-of-month month day-of-week)");
    assertThat(VeleroCron.problem("TZ=Mars/Olympus 0 2 * * *"))
        .contains("names an unknown time zone 'Mars/Olympus' (use an IANA name such as 'Europe/Berlin')");
    assertThat(VeleroCron.problem(" ")).contains("is empty");
  }

  @Test
  void scheduleThatNeverRunsIsAProblemAndHasNoGap() {
    assertThat(VeleroCron.problem("0 0 30 2 *")).get().asString().startsWith("matches no date (such as 31"
        + " February), so Velero's cron library finds no next run");
    assertThat(VeleroCron.longestGap("0 0 30 2 *")).isEmpty();
  }

  /** 2028, the year the gaps are measured in, is a leap year. */
  @Test
  void aYearlyScheduleHasAGapOfAYear() {
    assertThat(VeleroCron.longestGap("@yearly")).contains(java.time.Duration.ofDays(366));
    assertThat(VeleroCron.longestGap("CRON_TZ=Europe/London 0 0 1 1 *")).contains(java.time.Duration.ofDays(366));
  }
}
