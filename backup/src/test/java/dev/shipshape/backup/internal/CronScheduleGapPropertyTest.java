package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

/**
 * A schedule that runs every day at the same times has its longest gap computed from two days of runs instead of a
 * year's; it must be the gap the year's walk finds. {@code 1-31} in the day-of-month field selects the same days as
 * {@code *} (the day-of-week field being {@code *}), but takes the year's walk.
 */
class CronScheduleGapPropertyTest {

  @Property(tries = 6)
  void dailyGapIsTheYearsGap(
      @ForAll @Size(min = 1, max = 2) @UniqueElements List<@IntRange(max = 59) Integer> minutes,
      @ForAll @Size(min = 1, max = 3) @UniqueElements List<@IntRange(max = 23) Integer> hours) {
    String fields = join(minutes) + " " + join(hours);
    assertThat(gap(fields + " * * *")).isEqualTo(gap(fields + " 1-31 * *"));
  }

  @Test
  void fixedOffsetZonesAreDailyAndZonesWithDaylightSavingAreNot() {
    // Europe/Berlin: the night the clocks go back has one run 25 hours after the one before.
    assertThat(gap("CRON_TZ=Europe/Berlin 0 12 * * *")).isEqualTo(Duration.ofHours(25));
    assertThat(gap("CRON_TZ=Etc/GMT-2 0 12 * * *")).isEqualTo(Duration.ofHours(24));
    assertThat(gap("0 1,23 * * *")).isEqualTo(Duration.ofHours(22));
  }

  private static Duration gap(String text) {
    return CronSchedule.parse(text).schedule().orElseThrow().longestGap().orElseThrow();
  }

  private static String join(List<Integer> values) {
    return values.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
  }
}
