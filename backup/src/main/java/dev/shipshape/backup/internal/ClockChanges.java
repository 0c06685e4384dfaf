package dev.shipshape.backup.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
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
 * time they repeat, where they skip midnight it may pass over a day or run on one it does not select, and where they
 * change by part of an hour it may pass over runs until it next sets the minutes. The days
 * are those of the zone's current rules over 28 years from the reference (weekdays and leap years repeat every 28
 * years), each pattern of a day (month, day, weekday and change) looked at once.
 */
final class ClockChanges {
  private static final int YEARS = 28;
  private static final int MINUTES_A_DAY = 24 * 60;

  private enum Kind { SKIPPED, TWICE, MISSED, EXTRA }

  private ClockChanges() {}

  /**
   * The warning for {@code schedule}; empty without daylight saving time or when every hour runs alike across
   * changes of whole hours.
   */
  static Optional<CronSchedule.Note> of(RobfigSchedule schedule) {
    ZoneId zone = schedule.zone();
    if (zone.getRules().isFixedOffset()) return Optional.empty();
    Map<Kind, String> first = new EnumMap<>(Kind.class);
    Set<String> hours = new LinkedHashSet<>();
    Set<String> causes = new LinkedHashSet<>();
    Set<List<Object>> seen = new HashSet<>();
    ZonedDateTime end = CronSchedule.REFERENCE.plusYears(YEARS);
    ZoneOffsetTransition change = zone.getRules().nextTransition(CronSchedule.REFERENCE.toInstant());
    while (change != null && change.getInstant().isBefore(end.toInstant()) && first.size() < Kind.values().length) {
      LocalDate changeDay = change.getDateTimeBefore().toLocalDate();
      for (LocalDate day : days(schedule, change)) {
        if (!seen.add(List.of(MonthDay.from(changeDay), changeDay.getDayOfWeek(), MonthDay.from(day),
            day.getDayOfWeek(), change.getDateTimeBefore().toLocalTime(), change.getDateTimeAfter().toLocalTime()))) {
          continue;
        }
        Map<Kind, String> found = day(schedule, change, day);
        if (found.containsKey(Kind.SKIPPED) || found.containsKey(Kind.TWICE)) hours.add(changingHours(change));
        if (found.containsKey(Kind.MISSED) || found.containsKey(Kind.EXTRA)) causes.add(cause(zone, change));
        found.forEach(first::putIfAbsent);
      }
      change = zone.getRules().nextTransition(change.getInstant());
    }
    if (first.isEmpty()) return Optional.empty();
    String utc = "give the time in UTC (without a CRON_TZ= or TZ= prefix)";
    return Optional.of(new CronSchedule.Note("runs at times the clocks of " + zone.getId() + " skip or repeat:"
        + " Velero's cron library " + String.join("; ", first.values()) + " (and likewise in other years)",
        causes.isEmpty() ? "move the runs out of " + String.join(" and ", hours) + " (local time), or " + utc
            : String.join("; ", causes) + ": " + utc + " or in a zone whose clocks change by whole hours away from"
            + " midnight"));
  }

  /**
   * The days a change may disturb. A change of whole hours disturbs its own day; none when every hour runs, as the
   * runs stay an hour apart. After a change of part of an hour robfig/cron's hour loop ({@code t.Add(1 * time.Hour)})
   * keeps the shifted minutes, through its day loop too, until the minute loop sets them again at the next selected
   * hour: that may be on the first day after the change that the schedule selects.
   */
  private static Set<LocalDate> days(RobfigSchedule schedule, ZoneOffsetTransition change) {
    Set<LocalDate> days = new LinkedHashSet<>();
    if (wholeHours(change) && schedule.everyHour()) return days;
    days.add(change.getDateTimeBefore().toLocalDate());
    days.add(change.getDateTimeAfter().toLocalDate());
    if (wholeHours(change)) return days;
    LocalDate after = change.getDateTimeAfter().toLocalDate();
    for (LocalDate day = after.plusDays(1); day.isBefore(after.plusYears(1)); day = day.plusDays(1)) {
      if (schedule.selectsDay(day)) {
        days.add(day);
        break;
      }
    }
    return days;
  }

  private static boolean wholeHours(ZoneOffsetTransition change) {
    return change.getDuration().toMinutes() % 60 == 0;
  }

  /** Why robfig/cron passes over a run or a day, or runs on a day it does not select, after {@code change}. */
  private static String cause(ZoneId zone, ZoneOffsetTransition change) {
    if (wholeHours(change)) {
      return "the clocks of " + zone.getId() + (change.isGap() ? " skip midnight" : " go back over midnight")
          + ", and the cron library then passes over a day or adds one";
    }
    return "the clocks of " + zone.getId() + " change by " + Math.abs(change.getDuration().toMinutes())
        + " minutes, and the cron library then keeps that shift in the hours it steps through and passes over runs";
  }

  /**
   * The first time of each kind of trouble on {@code day}: within an hour of the change, or all day when the change
   * is within an hour of midnight (where robfig/cron's day loop may pass over the day) or of part of an hour. The
   * runs are followed from before the change, as a shift it leaves in robfig/cron's loops carries to later days.
   */
  private static Map<Kind, String> day(RobfigSchedule schedule, ZoneOffsetTransition change, LocalDate day) {
    ZoneId zone = schedule.zone();
    LocalTime before = change.getDateTimeBefore().toLocalTime();
    LocalTime after = change.getDateTimeAfter().toLocalTime();
    LocalTime earlier = before.isBefore(after) ? before : after;
    LocalTime later = before.isBefore(after) ? after : before;
    boolean allDay = !wholeHours(change) || earlier.isBefore(LocalTime.of(1, 0))
        || later.isAfter(LocalTime.of(22, 59));
    LocalDateTime from = allDay ? day.atStartOfDay() : LocalDateTime.of(day, earlier.minusHours(1));
    LocalDateTime to = allDay ? day.plusDays(1).atStartOfDay() : LocalDateTime.of(day, later.plusHours(1));
    Map<LocalTime, Integer> runs = new HashMap<>();
    ZonedDateTime start = from.atZone(zone).minusHours(2);
    ZonedDateTime beforeChange = ZonedDateTime.ofInstant(change.getInstant(), zone).minusHours(2);
    Optional<ZonedDateTime> run = schedule.next(start.isBefore(beforeChange) ? start : beforeChange);
    for (int i = 0; run.isPresent() && run.get().toLocalDateTime().isBefore(to) && i < 3 * MINUTES_A_DAY; i++) {
      if (!run.get().toLocalDateTime().isBefore(from)) runs.merge(run.get().toLocalTime(), 1, Integer::sum);
      run = schedule.next(run.get());
    }
    Map<Kind, String> found = new EnumMap<>(Kind.class);
    String passesOver = wholeHours(change)
        ? "looking for the next day it meets a midnight the clocks skip, and passes over the day"
        : "after the clocks go from " + before + " to " + after + " it steps through the hours at "
            + Math.floorMod(change.getDuration().toMinutes(), 60) + " minutes past, and passes over the run";
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
        found.putIfAbsent(Kind.MISSED, "does not run at " + time + on + ": " + passesOver);
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
