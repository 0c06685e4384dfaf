package dev.shipshape.backup.internal;

import dev.shipshape.core.GoDuration;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Velero schedule expression, read the way Velero reads it (robfig/cron's standard parser): an optional
 * {@code CRON_TZ=<zone> } or {@code TZ=<zone> } prefix, then {@code @every <Go duration>}, a lowercase descriptor
 * ({@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight},
 * {@code @hourly}) or five cron fields, whose runs are found as robfig/cron's {@code Next} finds them ({@link
 * RobfigSchedule}), on the days the clocks change too. Without a zone, times are UTC, as the Velero server computes
 * them. Immutable and thread-safe.
 */
public final class CronSchedule {
  /** Where searches start: a fixed leap year, so results are deterministic and February 29 is within reach. */
  static final ZonedDateTime REFERENCE = ZonedDateTime.of(2028, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final Duration HORIZON = Duration.ofDays(366);
  private static final int MAX_RUNS = 20_000;
  private static final Map<String, String> DESCRIPTORS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");

  private static final String EVERY = "@every ";
  /**
   * What Velero does with a schedule whose {@code Next} is Go's zero time ({@code getNextRunTime} in {@code
   * pkg/controller/schedule_controller.go}: {@code asOf.After(nextRunTime)} holds at every check, each minute).
   */
  private static final String NEVER = ", so Velero's cron library finds no next run and returns Go's zero time,"
      + " which Velero's schedule controller takes as overdue: it starts a backup at each check of the schedule"
      + " (every minute) while none of its backups is New or InProgress";
  private static final String NEVER_FIX = "give every field a value, and a day of the month that the month has"
      + " (such as '0 2 28 2 *' for 28 February)";

  private final String text;
  private final ZoneId zone;
  private final Duration every;
  private final RobfigSchedule executions;
  /**
   * True when the runs repeat every 24 hours: any day of the month, month and day of the week, in a zone without
   * daylight saving time. The gaps of such a schedule are all seen within two days.
   */
  private final boolean daily;

  private CronSchedule(String text, ZoneId zone, Duration every, RobfigSchedule executions, boolean daily) {
    this.text = text;
    this.zone = zone;
    this.every = every;
    this.executions = executions;
    this.daily = daily;
  }

  /**
   * Parses a schedule as Velero's schedule controller does ({@code parseCronSchedule} in {@code
   * pkg/controller/schedule_controller.go} hands {@code spec.schedule} to robfig/cron v3's {@code ParseStandard} as it
   * is, without trimming); the error says what is wrong in words fit for a {@code Problem}.
   */
  public static Result parse(String text) {
    if (text == null || text.isBlank()) return Result.error("is empty", null);
    Result result = read(text);
    String trimmed = goTrim(text);
    if (result.error().isPresent() && !trimmed.equals(text) && read(trimmed).error().isEmpty()) {
      return Result.error("has white space at its start or end, which Velero's cron library keeps (it trims only"
          + " what follows a CRON_TZ= or TZ= prefix), so Velero refuses the schedule", "write '" + trimmed + "'");
    }
    return result;
  }

  /** robfig/cron v3 {@code parser.go}: {@code Parser.Parse}, then {@code parseDescriptor} or the five fields. */
  private static Result read(String text) {
    String rest = text;
    ZoneId zone = ZoneOffset.UTC;
    List<Note> notes = new ArrayList<>();
    if (rest.startsWith("CRON_TZ=") || rest.startsWith("TZ=")) {
      // robfig/cron cuts the zone at the first ASCII space only: a tab or a non-breaking space stays in the name.
      int space = rest.indexOf(' ');
      if (space < 0) return Result.error("has a time zone prefix but no schedule after it", null);
      String zoneName = rest.substring(rest.indexOf('=') + 1, space);
      Optional<ZoneId> loaded = GoLocations.load(zoneName);
      if (loaded.isEmpty()) return Result.error(GoLocations.unknown(zoneName), null);
      zone = loaded.get();
      if (zoneName.equals(GoLocations.LOCAL)) notes.add(GoLocations.localNote());
      rest = goTrim(rest.substring(space));
      if (rest.isEmpty()) return Result.error("has a time zone prefix but no schedule after it", null);
    }
    // parseDescriptor matches descriptors exactly (case, trailing white space) and takes all that follows
    // "@every " (one space) as the Go duration.
    if (rest.startsWith(EVERY)) {
      String durationText = rest.substring(EVERY.length());
      GoDuration.Parsed parsed = GoDuration.parse(durationText);
      String trimmed = goTrim(durationText);
      if (parsed.error().isPresent() && !trimmed.equals(durationText) && GoDuration.parse(trimmed).error().isEmpty()) {
        return Result.error("has white space around its @every duration '" + durationText + "', which Velero's cron"
            + " library reads as part of the duration, so Velero refuses the schedule", "write '@every " + trimmed
            + "', with one space before the duration");
      }
      if (parsed.error().isPresent()) {
        return Result.error("has an invalid @every duration '" + durationText + "': " + parsed.error().get(), null);
      }
      Duration d = parsed.duration().get();
      // robfig/cron's Every runs a duration under a second every second; Velero would back up every second.
      if (d.isNegative() || d.isZero()) {
        return Result.error("has a non-positive @every duration, which Velero's cron library runs every second",
            "give a positive duration, such as '@every 6h'");
      }
      // robfig/cron runs @every schedules at whole seconds, at least one second apart.
      Duration rounded = d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d.withNanos(0);
      return Result.of(new CronSchedule(text, zone, rounded, null, false), notes);
    }
    String fields = rest;
    if (rest.startsWith("@")) {
      fields = DESCRIPTORS.get(rest);
      if (fields == null) {
        return Result.error("uses an unknown descriptor '" + rest + "' (known, in lowercase: @yearly, @annually,"
            + " @monthly, @weekly, @daily, @midnight, @hourly, @every <duration> with one space before the"
            + " duration)", null);
      }
    }
    List<String> raw = goFields(fields);
    if (raw.size() != 5) {
      return Result.error("has " + raw.size() + " fields; Velero takes 5 (minute hour day-of-month month"
          + " day-of-week)", null);
    }
    CronFields read = CronFields.read(raw);
    if (read.neverRuns()) return Result.error(read.error().get() + NEVER, NEVER_FIX);
    if (read.error().isPresent()) return Result.error(read.error().get(), null);
    List<String> parts = read.fields();
    boolean daily = parts.get(2).equals("*") && parts.get(3).equals("*") && parts.get(4).equals("*")
        && zone.getRules().isFixedOffset();
    CronSchedule schedule = new CronSchedule(text, zone, null, RobfigSchedule.of(parts, zone), daily);
    // robfig/cron's Next looks five years ahead; February 29 comes within four.
    if (schedule.nextRun(REFERENCE).filter(t -> t.isBefore(REFERENCE.plusYears(5))).isEmpty()) {
      return Result.error("matches no date (such as 31 February)" + NEVER, NEVER_FIX);
    }
    notes.addAll(read.notes());
    return Result.of(schedule, notes);
  }

  /** Go's {@code unicode.IsSpace}, which {@code strings.Fields} and {@code strings.TrimSpace} split and trim on. */
  private static boolean goSpace(int c) {
    return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85 || Character.isSpaceChar(c);
  }

  private static String goTrim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && goSpace(text.charAt(start))) start++;
    while (end > start && goSpace(text.charAt(end - 1))) end--;
    return text.substring(start, end);
  }

  private static List<String> goFields(String text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || goSpace(text.charAt(i))) {
        if (field.length() > 0) fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(text.charAt(i));
      }
    }
    return fields;
  }

  /** The first run after {@code time}; empty for an {@code @every} schedule, whose phase is unknown until it runs. */
  Optional<ZonedDateTime> nextRun(ZonedDateTime time) {
    if (every != null) return Optional.empty();
    return executions.next(time).map(t -> t.withZoneSameInstant(ZoneOffset.UTC));
  }

  /**
   * The longest time between two consecutive runs within a year (at most the first 20,000 runs), which is how
   * long the newest backup may be when the next one starts; present for every schedule {@link #parse} takes.
   */
  public Optional<Duration> longestGap() {
    if (every != null) return Optional.of(every);
    ZonedDateTime end = REFERENCE.withZoneSameInstant(zone).plus(daily ? Duration.ofDays(2) : HORIZON);
    // From just before the reference, which a schedule may run at (a yearly one, at no other time in the year).
    Optional<ZonedDateTime> previous = executions.next(REFERENCE.withZoneSameInstant(zone).minusSeconds(1));
    Duration longest = null;
    for (int i = 0; previous.isPresent() && previous.get().isBefore(end) && i < MAX_RUNS; i++) {
      Optional<ZonedDateTime> next = executions.next(previous.get());
      if (next.isEmpty()) break;
      Duration gap = Duration.between(previous.get(), next.get());
      if (longest == null || gap.compareTo(longest) > 0) longest = gap;
      previous = next;
    }
    return Optional.ofNullable(longest);
  }

  /**
   * What the schedule does wrong on the days the clocks of its zone change (a run skipped or made twice), as a
   * warning; empty for {@code @every}, zones without daylight saving time and schedules that run every hour.
   */
  public Optional<Note> clockChanges() {
    return executions == null ? Optional.empty() : ClockChanges.of(executions);
  }

  /**
   * The first minute (within a year of a fixed reference) at which both schedules run. Empty when they never
   * coincide in that year, or when either is an {@code @every} schedule, whose phase is unknown until it runs.
   */
  public Optional<ZonedDateTime> firstCommonRun(CronSchedule other) {
    if (every != null || other.every != null) return Optional.empty();
    ZonedDateTime end = REFERENCE.plus(HORIZON);
    Optional<ZonedDateTime> a = executions.next(REFERENCE.withZoneSameInstant(zone).minusSeconds(1));
    Optional<ZonedDateTime> b = other.executions
        .next(REFERENCE.withZoneSameInstant(other.zone).minusSeconds(1));
    // Leapfrog: move whichever run is earlier to its first run at or after the other one.
    while (a.isPresent() && b.isPresent() && a.get().isBefore(end)) {
      int c = a.get().toInstant().compareTo(b.get().toInstant());
      if (c == 0) return a.map(t -> t.withZoneSameInstant(ZoneOffset.UTC));
      if (c < 0) {
        a = executions.next(b.get().withZoneSameInstant(zone).minusSeconds(1));
      } else {
        b = other.executions.next(a.get().withZoneSameInstant(other.zone).minusSeconds(1));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }

  /** A part of a schedule Velero takes but reads otherwise than it seems to: what it does, and how to fix it. */
  public static final class Note {
    private final String problem;
    private final String fix;

    Note(String problem, String fix) {
      this.problem = problem;
      this.fix = fix;
    }

    /** In words that complete "the schedule …". */
    public String problem() {
      return problem;
    }

    public String fix() {
      return fix;
    }
  }

  /** The result of {@link #parse}: a schedule (with notes), or an error message and perhaps a fix. */
  public static final class Result {
    private final CronSchedule schedule;
    private final String error;
    private final String fix;
    private final List<Note> notes;

    private Result(CronSchedule schedule, String error, String fix, List<Note> notes) {
      this.schedule = schedule;
      this.error = error;
      this.fix = fix;
      this.notes = notes;
    }

    static Result of(CronSchedule schedule, List<Note> notes) {
      return new Result(schedule, null, null, List.copyOf(notes));
    }

    static Result error(String message, String fix) {
      return new Result(null, message, fix, List.of());
    }

    public Optional<CronSchedule> schedule() {
      return Optional.ofNullable(schedule);
    }

    /** What is wrong; empty when valid. */
    public Optional<String> error() {
      return Optional.ofNullable(error);
    }

    /** How to fix the {@link #error}, when this expression calls for a fix of its own. */
    public Optional<String> fix() {
      return Optional.ofNullable(fix);
    }

    /** Parts of a valid schedule that Velero reads otherwise than they seem to. */
    public List<Note> notes() {
      return notes;
    }
  }
}
