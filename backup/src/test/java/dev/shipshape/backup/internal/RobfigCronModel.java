package dev.shipshape.backup.internal;

import dev.shipshape.core.GoDuration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A model of robfig/cron v3's standard parser and schedule, as Velero calls them: {@code Parser.Parse}, {@code
 * parseDescriptor}, {@code getField} and {@code getRange} of its {@code parser.go} build the fields' bit sets (with
 * the star bit), and {@code SpecSchedule.Next} and {@code dayMatches} of its {@code spec.go} find the runs. Time
 * zones are those of a small tz database: Go's {@code time.LoadLocation} takes {@code ""}, {@code UTC}, {@code
 * Local} (UTC here) and the database's names, no offsets.
 */
final class RobfigCronModel {
  private static final long STAR = 1L << 63;
  /** Zones without and with daylight saving time, west and east, negative (Dublin), at midnight (Santiago). */
  private static final Map<String, ZoneId> ZONES = Map.of("", ZoneOffset.UTC, "UTC", ZoneOffset.UTC,
      "Local", ZoneOffset.UTC, "Etc/GMT-2", ZoneId.of("Etc/GMT-2"), "Asia/Kolkata", ZoneId.of("Asia/Kolkata"),
      "Europe/Berlin", ZoneId.of("Europe/Berlin"), "America/New_York", ZoneId.of("America/New_York"),
      "Australia/Sydney", ZoneId.of("Australia/Sydney"), "Europe/Dublin", ZoneId.of("Europe/Dublin"),
      "America/Santiago", ZoneId.of("America/Santiago"));
  private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final int[][] BOUNDS = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
  private static final List<Map<String, Integer>> NAMES = List.of(Map.of(), Map.of(), Map.of(),
      Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
          Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9),
          Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12)),
      Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));

  private RobfigCronModel() {}

  /** A schedule robfig/cron took: an {@code @every} one, or bit sets of minute, hour, day, month and weekday. */
  static final class Schedule {
    final boolean every;
    private final long[] bits;
    private final ZoneId zone;

    private Schedule(boolean every, long[] bits, ZoneId zone) {
      this.every = every;
      this.bits = bits;
      this.zone = zone;
    }

    ZoneId zone() {
      return zone;
    }

    /** {@code SpecSchedule.Next}: the first run after {@code start}, empty where robfig returns the zero time. */
    Optional<ZonedDateTime> next(ZonedDateTime start) {
      Instant first = start.toInstant();
      ZonedDateTime t = first.minusNanos(first.getNano()).plusSeconds(1).atZone(zone);
      boolean added = false;
      int yearLimit = t.getYear() + 5;
      wrap:
      while (true) {
        if (t.getYear() > yearLimit) return Optional.empty();
        while ((1L << t.getMonthValue() & bits[3]) == 0) {
          if (!added) {
            added = true;
            t = goDate(t.getYear(), t.getMonthValue(), 1, 0, 0, 0);
          }
          t = goDate(t.getYear(), t.getMonthValue() + 1, t.getDayOfMonth(), t.getHour(), t.getMinute(),
              t.getSecond());
          if (t.getMonthValue() == 1) continue wrap;
        }
        while (!dayMatches(t)) {
          if (!added) {
            added = true;
            t = goDate(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), 0, 0, 0);
          }
          t = goDate(t.getYear(), t.getMonthValue(), t.getDayOfMonth() + 1, t.getHour(), t.getMinute(),
              t.getSecond());
          if (t.getHour() != 0) t = add(t, (t.getHour() > 12 ? 24 - t.getHour() : -t.getHour()) * 3600L);
          if (t.getDayOfMonth() == 1) continue wrap;
        }
        while ((1L << t.getHour() & bits[1]) == 0) {
          if (!added) {
            added = true;
            t = goDate(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), 0, 0);
          }
          t = add(t, 3600);
          if (t.getHour() == 0) continue wrap;
        }
        while ((1L << t.getMinute() & bits[0]) == 0) {
          if (!added) {
            added = true;
            t = add(t, -Math.floorMod(t.toEpochSecond(), 60L));
          }
          t = add(t, 60);
          if (t.getMinute() == 0) continue wrap;
        }
        // The standard parser's second field is 0.
        while (t.getSecond() != 0) {
          if (!added) added = true;
          t = add(t, 1);
          if (t.getSecond() == 0) continue wrap;
        }
        return Optional.of(t.withZoneSameInstant(ZoneOffset.UTC));
      }
    }

    /** Go's {@code t.Add}: on the instant. */
    private ZonedDateTime add(ZonedDateTime t, long seconds) {
      return t.toInstant().plusSeconds(seconds).atZone(zone);
    }

    /**
     * Go's {@code time.Date} as its {@code time/time.go} spells it: the wall time read as UTC ({@code unix}), the
     * zone period in effect at that instant, and if {@code unix - offset} falls outside that period, the offset in
     * effect at {@code unix - offset}. Days, hours, minutes and seconds out of range carry over; months into years.
     */
    private ZonedDateTime goDate(int year, int month, int day, int hour, int minute, int second) {
      int m = month - 1;
      int y = year + Math.floorDiv(m, 12);
      long unix = LocalDate.of(y, Math.floorMod(m, 12) + 1, 1).toEpochDay() * 86_400L
          + (day - 1L) * 86_400L + hour * 3600L + minute * 60L + second;
      ZoneRules rules = zone.getRules();
      Instant guess = Instant.ofEpochSecond(unix);
      int offset = rules.getOffset(guess).getTotalSeconds();
      if (offset != 0) {
        long utc = unix - offset;
        // The period of the offset found: from the transition at or before guess to the one after it.
        ZoneOffsetTransition before = rules.previousTransition(guess.plusSeconds(1));
        ZoneOffsetTransition after = rules.nextTransition(guess);
        long periodStart = before == null ? Long.MIN_VALUE : before.toEpochSecond();
        long periodEnd = after == null ? Long.MAX_VALUE : after.toEpochSecond();
        if (utc < periodStart || utc >= periodEnd) offset = rules.getOffset(Instant.ofEpochSecond(utc))
            .getTotalSeconds();
        unix -= offset;
      }
      return Instant.ofEpochSecond(unix).atZone(zone);
    }

    private boolean dayMatches(ZonedDateTime t) {
      boolean dom = (1L << t.getDayOfMonth() & bits[2]) != 0;
      boolean dow = (1L << (t.getDayOfWeek().getValue() % 7) & bits[4]) != 0;
      return (bits[2] & STAR) != 0 || (bits[4] & STAR) != 0 ? dom && dow : dom || dow;
    }
  }

  /** The schedule robfig/cron makes of {@code spec}; empty when it refuses it. */
  static Optional<Schedule> parse(String spec) {
    if (spec.isEmpty()) return Optional.empty();
    ZoneId zone = ZoneOffset.UTC;
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int space = spec.indexOf(' ');
      // Go panics slicing at -1; Velero recovers and refuses the schedule.
      if (space < 0) return Optional.empty();
      zone = ZONES.get(spec.substring(spec.indexOf('=') + 1, space));
      if (zone == null) return Optional.empty();
      spec = goTrim(spec.substring(space));
    }
    if (spec.startsWith("@")) {
      if (spec.startsWith("@every ")) {
        return GoDuration.parse(spec.substring("@every ".length())).error().isEmpty()
            ? Optional.of(new Schedule(true, null, zone)) : Optional.empty();
      }
      if (!DESCRIPTORS.containsKey(spec)) return Optional.empty();
      spec = DESCRIPTORS.get(spec);
    }
    List<String> fields = goFields(spec);
    if (fields.size() != 5) return Optional.empty();
    long[] bits = new long[5];
    for (int i = 0; i < 5; i++) {
      for (String range : fields.get(i).split(",")) {
        if (range.isEmpty()) continue;
        long range1 = range(range, i);
        if (range1 == -1) return Optional.empty();
        bits[i] |= range1;
      }
    }
    return Optional.of(new Schedule(false, bits, zone));
  }

  /** {@code getRange}: the bits of one range, star bit included; -1 when refused. */
  private static long range(String expr, int field) {
    int min = BOUNDS[field][0];
    int max = BOUNDS[field][1];
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    long start;
    long end;
    long extra = 0;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = min;
      end = max;
      extra = STAR;
    } else {
      start = value(lowAndHigh[0], field);
      if (lowAndHigh.length == 1) end = start;
      else if (lowAndHigh.length == 2) end = value(lowAndHigh[1], field);
      else return -1;
      if (start < 0 || end < 0) return -1;
    }
    long step = 1;
    if (rangeAndStep.length == 2) {
      step = value(rangeAndStep[1], -1);
      if (step < 0) return -1;
      if (lowAndHigh.length == 1) end = max;
      if (step > 1) extra = 0;
    } else if (rangeAndStep.length > 2) {
      return -1;
    }
    if (start < min || end > max || start > end || step == 0) return -1;
    long bits = 0;
    for (long v = start; v <= end; v += step) bits |= 1L << v;
    return bits | extra;
  }

  /** A name of the field, or a decimal number; -1 when neither (or too long to matter). */
  private static long value(String text, int field) {
    if (field >= 0) {
      Integer named = NAMES.get(field).get(text.toLowerCase(Locale.ROOT));
      if (named != null) return named;
    }
    // strconv.Atoi takes a leading sign; a '-' never gets here, as it splits the range.
    return text.matches("\\+?\\d{1,9}") ? Long.parseLong(text.replace("+", "")) : -1;
  }

  /** Go's {@code unicode.IsSpace}, spelt out. */
  private static boolean goSpace(char c) {
    return "\t\n\u000b\f\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000".indexOf(c) >= 0
        || (c >= '\u2000' && c <= '\u200a');
  }

  private static String goTrim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && goSpace(text.charAt(start))) start++;
    while (end > start && goSpace(text.charAt(end - 1))) end--;
    return text.substring(start, end);
  }

  /** Go's {@code strings.Fields}. */
  private static List<String> goFields(String text) {
    List<String> fields = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean space = i == text.length() || goSpace(text.charAt(i));
      if (space && start >= 0) {
        fields.add(text.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return fields;
  }
}
