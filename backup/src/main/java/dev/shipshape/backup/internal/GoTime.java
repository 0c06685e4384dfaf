package dev.shipshape.backup.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;

/**
 * Go's {@code time.Date} and {@code Time.AddDate}, which robfig/cron's {@code SpecSchedule.Next} builds times with.
 * They read a wall-clock time that the clocks skip or repeat otherwise than {@link ZonedDateTime#of} does: Go takes
 * the offset in effect at the wall time read as UTC, and if that offset does not hold at the instant it gives, the
 * offset at that instant ({@code Date} in Go's {@code time/time.go}). So a skipped 02:30 in Europe/Berlin is 03:30,
 * but in America/New_York 01:30; a repeated 02:30 in Europe/Berlin is the later one, a repeated 01:30 in
 * America/New_York the earlier one.
 */
final class GoTime {
  private GoTime() {}

  /** {@code time.Date(year, month, day, hour, minute, second, 0, zone)}, values out of range carried as in Go. */
  static ZonedDateTime date(int year, int month, int day, int hour, int minute, int second, ZoneId zone) {
    LocalDateTime wall = LocalDateTime.of(year, 1, 1, 0, 0).plusMonths(month - 1L).plusDays(day - 1L)
        .plusHours(hour).plusMinutes(minute).plusSeconds(second);
    ZoneRules rules = zone.getRules();
    Instant guess = wall.toInstant(ZoneOffset.UTC);
    ZoneOffset first = rules.getOffset(guess);
    ZoneOffset offset = rules.getOffset(guess.minusSeconds(first.getTotalSeconds()));
    return ZonedDateTime.ofInstant(wall.toInstant(offset), zone);
  }

  /** {@code t.AddDate(0, months, days)}: the wall-clock fields moved, then read as {@link #date} reads them. */
  static ZonedDateTime addDate(ZonedDateTime t, int months, int days) {
    return date(t.getYear(), t.getMonthValue() + months, t.getDayOfMonth() + days, t.getHour(), t.getMinute(),
        t.getSecond(), t.getZone());
  }
}
