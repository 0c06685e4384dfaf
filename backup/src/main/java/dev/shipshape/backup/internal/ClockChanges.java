package dev.shipshape.backup.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a five-field schedule in a zone with daylight saving time does on the days its clocks change, as robfig/cron's
 * {@code Next} finds the runs ({@link RobfigSchedule}): it does not run at a time the clocks skip, runs twice at a
 * time they repeat, and where they skip midnight it may pass over a day or run on one it does not select. The days
 * are those of the zone's current rules over 28 years from the reference (weekdays and leap years repeat every 28
 * years), each pattern of a day (month, day, weekday and change) looked at once.
 */
final class ClockChanges {
  private static final int YEARS = 28;
  private static final int MINUTES_A_DAY = 24 * 60;

  private enum Kind { SKIPPED, TWICE, MISSED, EXTRA }

  private ClockChanges() {}

  /** The warning for {@code schedule}; empty without daylight saving time or when every hour runs alike. */
  static Optional<CronSchedule.Note> of(RobfigSchedule schedule) {
    ZoneId zone = schedule.zone();
    // A schedule of every hour runs an hour apart across a change too: nothing is lost or doubled.
    if (zone.getRules().isFixedOffset() || schedule.everyHour()) return Optional.empty();
    Map<Kind, String> first = new EnumMap<>(Kind.class);
    Set<String> hours = new LinkedHashSet<>();
    Set<List<Object>> seen = new HashSet<>();
    ZonedDateTime end = CronSchedule.REFERENCE.plusYears(YEARS);
    ZoneOffsetTransition change = zone.getRules().nextTransition(CronSchedule.REFERENCE.toInstant());
    while (change != null && change.getInstant().isBefore(end.toInstant()) && first.size() < Kind.values().length) {
      for (LocalDate day : new LinkedHashSet<>(List.of(change.getDateTimeBefore().toLocalDate(),
          change.getDateTimeAfter().toLocalDate()))) {
        if (!seen.add(List.of(day.getMonthValue(), day.getDayOfMonth(), day.getDayOfWeek(),
            change.getDateTimeBefore().toLocalTime(), change.getDateTimeAfter().toLocalTime()))) continue;
        Map<Kind, String> found = day(schedule, change, day);
        if (!found.isEmpty()) hours.add(changingHours(change));
        found.forEach(first::putIfAbsent);
      }
      change = zone.getRules().nextTransition(change.getInstant());
    }
    if (first.isEmpty()) return Optional.empty();
    return Optional.of(new CronSchedule.Note("runs at times the clocks of " + zone.getId() + " skip or repeat:"
        + " Velero's cron library " + String.join("; ", first.values()) + " (and likewise in other years)",
        "move the runs out of " + String.join(" and ", hours) + " (local time), or give the time in UTC (without a"
        + " CRON_TZ= or TZ= prefix)"));
  }

  /**
   * The first time of each kind of trouble on {@code day}: within an hour of the change, or all day when the change
   * is within an hour of midnight (where robfig/cron's day loop may pass over the day).
   */
  private static Map<Kind, String> day(RobfigSchedule schedule, ZoneOffsetTransition change, LocalDate day) {
    ZoneId zone = schedule.zone();
    LocalTime before = change.getDateTimeBefore().toLocalTime();
    LocalTime after = change.getDateTimeAfter().toLocalTime();
    LocalTime earlier = before.isBefore(after) ? before : after;
    LocalTime later = before.isBefore(after) ? after : before;
    boolean allDay = earlier.isBefore(LocalTime.of(1, 0)) || later.isAfter(LocalTime.of(22, 59));
    LocalDateTime from = allDay ? day.atStartOfDay() : LocalDateTime.of(day, earlier.minusHours(1));
    LocalDateTime to = allDay ? day.plusDays(1).atStartOfDay() : LocalDateTime.of(day, later.plusHours(1));
    Map<LocalTime, Integer> runs = new HashMap<>();
    Optional<ZonedDateTime> run = schedule.next(from.atZone(zone).minusHours(2));
    for (int i = 0; run.isPresent() && run.get().toLocalDateTime().isBefore(to) && i < 2 * MINUTES_A_DAY; i++) {
      if (!run.get().toLocalDateTime().isBefore(from)) runs.merge(run.get().toLocalTime(), 1, Integer::sum);
      run = schedule.next(run.get());
    }
    Map<Kind, String> found = new EnumMap<>(Kind.class);
    String on = " on " + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + day;
    boolean selectedDay = schedule.selectsDay(day);
    for (LocalDateTime minute = from; minute.isBefore(to); minute = minute.plusMinutes(1)) {
      LocalTime time = minute.toLocalTime();
      boolean selected = selectedDay && schedule.selects(0, time.getMinute()) && schedule.selects(1, time.getHour());
      int count = runs.getOrDefault(time, 0);
      boolean exists = !zone.getRules().getValidOffsets(minute).isEmpty();
      if (selected && !exists && count == 0) {
        found.putIfAbsent(Kind.SKIPPED, "does not run at " + time + on + ", as the clocks go from "
            + change.getDateTimeBefore().toLocalTime() + " to " + change.getDateTimeAfter().toLocalTime());
      } else if (count > 1) {
        found.putIfAbsent(Kind.TWICE, "runs twice at " + time + on + ", as the clocks go back from "
            + change.getDateTimeBefore().toLocalTime() + " to " + change.getDateTimeAfter().toLocalTime());
      } else if (selected && count == 0) {
        found.putIfAbsent(Kind.MISSED, "does not run at " + time + on + ": looking for the next day it meets a"
            + " midnight the clocks skip, and passes over the day");
      } else if (!selected && count > 0) {
        found.putIfAbsent(Kind.EXTRA, "runs at " + time + on + ", which it does not select: looking for the next"
            + " day it meets a midnight the clocks skip, and takes the hour after it");
      }
    }
    return found;
  }

  /** The local hours a change skips or repeats, such as {@code 02:00-03:00}. */
  private static String changingHours(ZoneOffsetTransition change) {
    LocalTime before = change.getDateTimeBefore().toLocalTime();
    LocalTime after = change.getDateTimeAfter().toLocalTime();
    return change.isGap() ? before + "-" + after : after + "-" + before;
  }
}
