package dev.shipshape.backup.internal;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.shipshape.core.GoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Velero schedule expression, read the way Velero reads it (robfig/cron's standard parser): an optional
 * {@code CRON_TZ=<zone> } or {@code TZ=<zone> } prefix, then {@code @every <Go duration>}, a lowercase descriptor
 * ({@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight},
 * {@code @hourly}) or five cron fields, which cron-utils parses with its UNIX definition. Without a zone, times
 * are UTC, as the Velero server computes them. Immutable and thread-safe.
 */
public final class CronSchedule {
  /** Where searches start: a fixed leap year, so results are deterministic and February 29 is within reach. */
  static final ZonedDateTime REFERENCE = ZonedDateTime.of(2028, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final Duration HORIZON = Duration.ofDays(366);
  private static final int MAX_RUNS = 20_000;
  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Map<String, String> DESCRIPTORS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");

  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final String EVERY = "@every ";
  private static final Pattern VALUE_SEPARATORS = Pattern.compile("[,/-]");
  private static final Pattern VALUE = Pattern.compile("[^,/-]+");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  private final String text;
  private final ZoneId zone;
  private final Duration every;
  private final ExecutionTime executions;
  /**
   * True when the runs repeat every 24 hours: any day of the month, month and day of the week, in a zone without
   * daylight saving time. The gaps of such a schedule are all seen within two days.
   */
  private final boolean daily;

  private CronSchedule(String text, ZoneId zone, Duration every, ExecutionTime executions, boolean daily) {
    this.text = text;
    this.zone = zone;
    this.every = every;
    this.executions = executions;
    this.daily = daily;
  }

  /** Parses a schedule; the error says what is wrong in words fit for a {@code Problem}. */
  public static Result parse(String text) {
    if (text == null || text.isBlank()) return Result.error("is empty");
    String rest = text.trim();
    ZoneId zone = ZoneOffset.UTC;
    if (rest.startsWith("CRON_TZ=") || rest.startsWith("TZ=")) {
      int space = rest.indexOf(' ');
      if (space < 0) return Result.error("has a time zone prefix but no schedule after it");
      String zoneName = rest.substring(rest.indexOf('=') + 1, space);
      try {
        zone = ZoneId.of(zoneName);
      } catch (DateTimeException e) {
        return Result.error("names an unknown time zone '" + zoneName + "' (use an IANA name such as"
            + " 'Europe/Berlin')");
      }
      rest = rest.substring(space + 1).trim();
    }
    // robfig/cron matches descriptors case-sensitively and takes what follows "@every " (one space) as the duration.
    if (rest.startsWith(EVERY)) {
      String durationText = rest.substring(EVERY.length());
      GoDuration.Parsed parsed = GoDuration.parse(durationText);
      if (parsed.error().isPresent()) {
        return Result.error("has an invalid @every duration '" + durationText + "': " + parsed.error().get());
      }
      Duration d = parsed.duration().get();
      if (d.isNegative() || d.isZero()) return Result.error("has a non-positive @every duration");
      // robfig/cron runs @every schedules at whole seconds, at least one second apart.
      Duration rounded = d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d.withNanos(0);
      return Result.of(new CronSchedule(text, zone, rounded, null, false));
    }
    String fields = rest;
    if (rest.startsWith("@")) {
      fields = DESCRIPTORS.get(rest);
      if (fields == null) {
        return Result.error("uses an unknown descriptor '" + rest + "' (known, in lowercase: @yearly, @annually,"
            + " @monthly, @weekly, @daily, @midnight, @hourly, @every <duration> with one space before the"
            + " duration)");
      }
    }
    String[] parts = fields.trim().split("\\s+");
    if (parts.length != 5) {
      return Result.error("has " + parts.length + " fields; Velero takes 5 (minute hour"
          + " day-of-month month day-of-week)");
    }
    // robfig/cron reads '?' as '*' at the start of a range in every field, also before a step ('?/2'); month and
    // day names in any case, as whole values; the day of the week is 0-6 (Sunday 0, SUN-SAT), so a 7, which
    // cron-utils takes for Sunday, is an error to Velero.
    for (int i = 0; i < parts.length; i++) parts[i] = anyForQuestionMark(parts[i]);
    Optional<String> unknown = unknownName(parts[3], MONTHS)
        .map(n -> "'" + n + "', which is no month; write JAN-DEC or 1-12")
        .or(() -> unknownName(parts[4], DAYS).map(n -> "'" + n + "', which is no day; write SUN-SAT or 0-6"));
    if (unknown.isPresent()) return Result.error("has " + unknown.get());
    parts[3] = named(parts[3], MONTHS, 1);
    parts[4] = named(parts[4], DAYS, 0);
    Optional<String> sunday = Arrays.stream(parts[4].split(",")).map(r -> r.split("/")[0])
        .flatMap(r -> Arrays.stream(r.split("-"))).filter(v -> v.matches("\\d+") && Integer.parseInt(v) > 6)
        .findFirst();
    if (sunday.isPresent()) {
      return Result.error("has day of the week " + sunday.get() + ", out of 0-6 as Velero reads it (Sunday is 0"
          + " or SUN, Saturday 6 or SAT)");
    }
    boolean daily = parts[2].equals("*") && parts[3].equals("*") && parts[4].equals("*")
        && zone.getRules().isFixedOffset();
    try {
      return Result.of(new CronSchedule(text, zone, null,
          ExecutionTime.forCron(UNIX.parse(String.join(" ", parts)).validate()), daily));
    } catch (IllegalArgumentException e) {
      return Result.error("is not a valid cron expression: " + e.getMessage());
    }
  }

  /** {@code field} with each {@code ?} that starts a range, alone or before a step, read as {@code *}. */
  private static String anyForQuestionMark(String field) {
    return Arrays.stream(field.split(",", -1)).map(r -> r.equals("?") || r.startsWith("?/") ? "*" + r.substring(1) : r)
        .collect(Collectors.joining(","));
  }

  /** The first value of {@code field} (split on {@code , - /}) holding a letter that is none of {@code names}. */
  private static Optional<String> unknownName(String field, List<String> names) {
    return Arrays.stream(VALUE_SEPARATORS.split(field)).filter(v -> v.chars().anyMatch(Character::isLetter))
        .filter(v -> !names.contains(v.toLowerCase(Locale.ROOT))).findFirst();
  }

  /** {@code field} with each value that is one of {@code names} (in any case) replaced by its number. */
  private static String named(String field, List<String> names, int first) {
    Matcher values = VALUE.matcher(field);
    StringBuilder numbered = new StringBuilder();
    while (values.find()) {
      int index = names.indexOf(values.group().toLowerCase(Locale.ROOT));
      values.appendReplacement(numbered, index < 0 ? values.group() : Integer.toString(first + index));
    }
    return values.appendTail(numbered).toString();
  }

  /**
   * The longest time between two consecutive runs within a year (at most the first 20,000 runs), which is how
   * long the newest backup may be when the next one starts. Empty only for a schedule that never runs.
   */
  public Optional<Duration> longestGap() {
    if (every != null) return Optional.of(every);
    ZonedDateTime end = REFERENCE.withZoneSameInstant(zone).plus(daily ? Duration.ofDays(2) : HORIZON);
    // From just before the reference, which a schedule may run at (a yearly one, at no other time in the year).
    Optional<ZonedDateTime> previous = executions.nextExecution(REFERENCE.withZoneSameInstant(zone).minusSeconds(1));
    Duration longest = null;
    for (int i = 0; previous.isPresent() && previous.get().isBefore(end) && i < MAX_RUNS; i++) {
      Optional<ZonedDateTime> next = executions.nextExecution(previous.get());
      if (next.isEmpty()) break;
      Duration gap = Duration.between(previous.get(), next.get());
      if (longest == null || gap.compareTo(longest) > 0) longest = gap;
      previous = next;
    }
    return Optional.ofNullable(longest);
  }

  /**
   * The first minute (within a year of a fixed reference) at which both schedules run. Empty when they never
   * coincide in that year, or when either is an {@code @every} schedule, whose phase is unknown until it runs.
   */
  public Optional<ZonedDateTime> firstCommonRun(CronSchedule other) {
    if (every != null || other.every != null) return Optional.empty();
    ZonedDateTime end = REFERENCE.plus(HORIZON);
    Optional<ZonedDateTime> a = executions.nextExecution(REFERENCE.withZoneSameInstant(zone).minusSeconds(1));
    Optional<ZonedDateTime> b = other.executions
        .nextExecution(REFERENCE.withZoneSameInstant(other.zone).minusSeconds(1));
    // Leapfrog: move whichever run is earlier to its first run at or after the other one.
    while (a.isPresent() && b.isPresent() && a.get().isBefore(end)) {
      int c = a.get().toInstant().compareTo(b.get().toInstant());
      if (c == 0) return a.map(t -> t.withZoneSameInstant(ZoneOffset.UTC));
      if (c < 0) {
        a = executions.nextExecution(b.get().withZoneSameInstant(zone).minusSeconds(1));
      } else {
        b = other.executions.nextExecution(a.get().withZoneSameInstant(other.zone).minusSeconds(1));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }

  /** The result of {@link #parse}: a schedule or an error message. */
  public static final class Result {
    private final CronSchedule schedule;
    private final String error;

    private Result(CronSchedule schedule, String error) {
      this.schedule = schedule;
      this.error = error;
    }

    static Result of(CronSchedule schedule) {
      return new Result(schedule, null);
    }

    static Result error(String message) {
      return new Result(null, message);
    }

    public Optional<CronSchedule> schedule() {
      return Optional.ofNullable(schedule);
    }

    /** What is wrong; empty when valid. */
    public Optional<String> error() {
      return Optional.ofNullable(error);
    }
  }
}
