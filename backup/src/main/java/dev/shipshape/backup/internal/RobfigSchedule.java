package dev.shipshape.backup.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Five cron fields as robfig/cron v3's {@code SpecSchedule} holds them (bit sets, a {@code *} field with its star
 * bit) and its {@code Next} (in its {@code spec.go}), step by step: the hour, minute and second loops move the
 * instant ({@code t.Add}), the month and day loops the wall clock ({@code AddDate}, {@code time.Date}, read as
 * {@link GoTime} reads them). That is why a run in the hour the clocks go back happens twice (the minute loop wraps
 * into the repeated hour and finds the time again) and a run in the hour they skip does not happen (the hour loop
 * steps over it), and why, where midnight is skipped, the day loop moves back an hour into the day before.
 * Immutable.
 */
final class RobfigSchedule {
  private static final long STAR = 1L << 63;
  private static final int MINUTE = 0;
  private static final int HOUR = 1;
  private static final int DAY = 2;
  private static final int MONTH = 3;
  private static final int WEEKDAY = 4;

  private final long[] bits;
  private final ZoneId zone;

  private RobfigSchedule(long[] bits, ZoneId zone) {
    this.bits = bits;
    this.zone = zone;
  }

  /** The schedule of fields in {@link CronFields#fields()}' form: {@code *}, or a list of values and ranges. */
  static RobfigSchedule of(List<String> fields, ZoneId zone) {
    long[] bits = new long[fields.size()];
    for (int i = 0; i < bits.length; i++) {
      if (fields.get(i).equals("*")) {
        bits[i] = STAR | -1L >>> 1;
        continue;
      }
      for (String range : fields.get(i).split(",")) {
        String[] ends = range.split("-");
        for (int v = Integer.parseInt(ends[0]); v <= Integer.parseInt(ends[ends.length - 1]); v++) bits[i] |= 1L << v;
      }
    }
    return new RobfigSchedule(bits, zone);
  }

  ZoneId zone() {
    return zone;
  }

  /** True when every hour of the day is selected. */
  boolean everyHour() {
    return (bits[HOUR] & 0xFFFFFFL) == 0xFFFFFFL;
  }

  /** True when {@code field} (0 minute … 4 day of the week) selects {@code value}. */
  boolean selects(int field, int value) {
    return (1L << value & bits[field]) != 0;
  }

  /** {@code SpecSchedule.Next}: the first run after {@code start}, in the schedule's zone; empty for Go's zero time. */
  Optional<ZonedDateTime> next(ZonedDateTime start) {
    ZonedDateTime t = ZonedDateTime.ofInstant(start.toInstant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), zone);
    boolean added = false;
    int yearLimit = t.getYear() + 5;
    wrap:
    while (t.getYear() <= yearLimit) {
      while (!selects(MONTH, t.getMonthValue())) {
        if (!added) {
          added = true;
          t = GoTime.date(t.getYear(), t.getMonthValue(), 1, 0, 0, 0, zone);
        }
        t = GoTime.addDate(t, 1, 0);
        if (t.getMonthValue() == 1) continue wrap;
      }
      while (!dayMatches(t.toLocalDate())) {
        if (!added) {
          added = true;
          t = GoTime.date(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), 0, 0, 0, zone);
        }
        t = GoTime.addDate(t, 0, 1);
        // robfig's fix for a midnight the clocks skip: back to 00:00 (or on to the next one) by the hour.
        if (t.getHour() != 0) t = t.plusHours(t.getHour() > 12 ? 24 - t.getHour() : -t.getHour());
        if (t.getDayOfMonth() == 1) continue wrap;
      }
      while (!selects(HOUR, t.getHour())) {
        if (!added) {
          added = true;
          t = GoTime.date(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), 0, 0, zone);
        }
        t = t.plusHours(1);
        if (t.getHour() == 0) continue wrap;
      }
      while (!selects(MINUTE, t.getMinute())) {
        if (!added) {
          added = true;
          // Go's Truncate works on the instant (since Go's zero time, a whole minute of UTC).
          t = ZonedDateTime.ofInstant(t.toInstant().truncatedTo(ChronoUnit.MINUTES), zone);
        }
        t = t.plusMinutes(1);
        if (t.getMinute() == 0) continue wrap;
      }
      // The standard parser's second field is 0.
      while (t.getSecond() != 0) {
        added = true;
        t = t.plusSeconds(1);
        if (t.getSecond() == 0) continue wrap;
      }
      return Optional.of(t);
    }
    return Optional.empty();
  }

  /** True when the month and the day fields select {@code date}. */
  boolean selectsDay(LocalDate date) {
    return selects(MONTH, date.getMonthValue()) && dayMatches(date);
  }

  /** {@code dayMatches}: both day fields must match when either carries the star bit, else either one. */
  private boolean dayMatches(LocalDate date) {
    boolean day = selects(DAY, date.getDayOfMonth());
    boolean weekday = selects(WEEKDAY, date.getDayOfWeek().getValue() % 7);
    return (bits[DAY] & STAR) != 0 || (bits[WEEKDAY] & STAR) != 0 ? day && weekday : day || weekday;
  }
}
