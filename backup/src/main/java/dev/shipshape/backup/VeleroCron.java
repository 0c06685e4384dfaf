package dev.shipshape.backup;

import dev.shipshape.backup.internal.CronSchedule;
import java.time.Duration;
import java.util.Optional;

/**
 * A Velero Schedule's {@code spec.schedule} expression, read the way the Velero server reads it: an optional
 * {@code CRON_TZ=<zone> } or {@code TZ=<zone> } prefix, then {@code @every <Go duration>}, a descriptor such as
 * {@code @daily}, or five cron fields (minute hour day-of-month month day-of-week); without a zone, times are UTC.
 * The zone is a tz database name as Go's {@code time.LoadLocation} reads it, never a UTC offset.
 * For tools that reason about schedules, such as alerts on missing backups. Stateless and thread-safe.
 */
public final class VeleroCron {
  private VeleroCron() {}

  /**
   * The longest time between two consecutive runs of {@code schedule} within a year, which is how old the newest
   * backup may be when the next one starts. Empty when Velero refuses the expression or it never runs, both a
   * {@link #problem}.
   */
  public static Optional<Duration> longestGap(String schedule) {
    return CronSchedule.parse(schedule).schedule().flatMap(CronSchedule::longestGap);
  }

  /** What is wrong with {@code schedule}, in words that complete "the schedule …"; empty when Velero takes it. */
  public static Optional<String> problem(String schedule) {
    return CronSchedule.parse(schedule).error();
  }
}
