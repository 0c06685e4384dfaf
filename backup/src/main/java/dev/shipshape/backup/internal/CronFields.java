package dev.shipshape.backup.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The five fields of a Velero schedule as robfig/cron v3 reads them ({@code parser.go}, {@code getField} and {@code
 * getRange}), rewritten into the plain form {@link RobfigSchedule} takes: empty ranges dropped, a range starting with
 * {@code *} or {@code ?} read as {@code *} (keeping its step), a list holding such a range without a step over 1 read
 * as {@code *} (robfig/cron's star bit, which makes {@code dayMatches} AND the two day fields), month and day names
 * replaced by numbers, steps spelt out. What robfig/cron refuses is an error in its terms (a 7 for Sunday, a name
 * longer than three letters, a value out of the field, a range that begins after it ends).
 */
final class CronFields {
  private static final List<String> NAMES = List.of("minute", "hour", "day of the month", "month",
      "day of the week");
  private static final int[] FIRST = {0, 0, 1, 1, 0};
  private static final int[] LAST = {59, 23, 31, 12, 6};
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  private static final Pattern VALUE_SEPARATORS = Pattern.compile("[,/-]");
  private static final Pattern VALUE = Pattern.compile("[^,/-]+");

  private final List<String> fields;
  private final String error;
  private final boolean never;
  private final List<CronSchedule.Note> notes;

  private CronFields(List<String> fields, String error, boolean never, List<CronSchedule.Note> notes) {
    this.fields = fields;
    this.error = error;
    this.never = never;
    this.notes = notes;
  }

  /** Reads five fields (minute, hour, day of the month, month, day of the week). */
  static CronFields read(List<String> raw) {
    List<CronSchedule.Note> notes = new ArrayList<>();
    String[] parts = new String[raw.size()];
    for (int i = 0; i < parts.length; i++) {
      // getField splits with strings.FieldsFunc, which drops empty ranges ('1,,2' is '1,2').
      List<String> ranges = Arrays.stream(raw.get(i).split(",")).filter(r -> !r.isEmpty()).toList();
      int field = i;
      parts[i] = ranges.stream().map(r -> anyRange(field, r, notes)).collect(Collectors.joining(","));
    }
    Optional<String> unknown = unknownName(parts[3], MONTHS)
        .map(n -> "'" + n + "', which is no month; write JAN-DEC or 1-12")
        .or(() -> unknownName(parts[4], DAYS).map(n -> "'" + n + "', which is no day; write SUN-SAT or 0-6"));
    if (unknown.isPresent()) return failed("has " + unknown.get());
    String[] written = parts.clone();
    parts[3] = named(parts[3], MONTHS, 1);
    parts[4] = named(parts[4], DAYS, 0);
    // The day of the week is 0-6 to robfig/cron: a 7, which other crons take for Sunday, is refused.
    Optional<String> sunday = Arrays.stream(parts[4].split(",")).map(r -> r.split("/")[0])
        .flatMap(r -> Arrays.stream(r.split("-")))
        .filter(v -> v.matches("\\d+") && (v.length() > 9 || Integer.parseInt(v) > 6)).findFirst();
    if (sunday.isPresent()) {
      return failed("has day of the week " + sunday.get() + ", out of 0-6 as Velero reads it (Sunday is 0 or SUN,"
          + " Saturday 6 or SAT)");
    }
    boolean[] star = new boolean[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty()) continue;
      List<String> canonical = new ArrayList<>();
      String[] ranges = parts[i].split(",");
      for (int r = 0; r < ranges.length; r++) {
        Optional<String> wrong = rangeProblem(i, ranges[r], canonical);
        if (wrong.isPresent()) {
          return failed("has '" + written[i].split(",")[r] + "' in the " + NAMES.get(i) + " field: " + wrong.get());
        }
      }
      // getField ORs the ranges' bits, and the star bit of a '*' range with them: the field is '*' to robfig/cron,
      // also where dayMatches asks whether a day field carries the star.
      star[i] = canonical.contains("*");
      if (star[i] && canonical.size() > 1) {
        notes.add(new CronSchedule.Note("has '" + raw.get(i) + "' in the " + NAMES.get(i) + " field, which Velero"
            + " reads as '*' (every " + NAMES.get(i) + "): its cron library takes a list holding a '*' range for the"
            + " whole field" + (i == 2 || i == 4 ? ", so the other day field alone picks the days" : ""),
            "write '*', or leave the '*' range out of the list"));
      }
      parts[i] = star[i] ? "*" : String.join(",", canonical);
    }
    return emptyFields(raw, parts, star, notes);
  }

  /**
   * Fields without a value select nothing, so robfig/cron's {@code Next} finds no run, except an empty day field
   * next to a day field without the star bit: {@code dayMatches} then ORs the two and the other one picks the days.
   */
  private static CronFields emptyFields(List<String> raw, String[] parts, boolean[] star,
      List<CronSchedule.Note> notes) {
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].isEmpty()) continue;
      int other = i == 2 ? 4 : 2;
      if ((i != 2 && i != 4) || parts[other].isEmpty() || star[other]) {
        return never("has no value in the " + NAMES.get(i) + " field '" + raw.get(i) + "'");
      }
      notes.add(new CronSchedule.Note("has no value in the " + NAMES.get(i) + " field '" + raw.get(i) + "', so"
          + " Velero runs it on the days that the " + NAMES.get(other) + " field selects",
          "write '*' in the " + NAMES.get(i) + " field"));
      parts[i] = "*";
    }
    return new CronFields(List.of(parts), null, false, List.copyOf(notes));
  }

  /**
   * What getRange refuses in {@code range} (names already numbers), else adds it to {@code canonical} in plain
   * form: {@code *}, {@code a}, {@code a-b}, or the values a step selects, listed (a step over 1 drops robfig/cron's
   * star, as a list does when the day of the month and the day of the week are matched together).
   */
  private static Optional<String> rangeProblem(int field, String range, List<String> canonical) {
    String[] rangeAndStep = range.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    if (rangeAndStep.length > 2) return Optional.of("it has more than one '/'");
    if (lowAndHigh.length > 2) return Optional.of("it has more than one '-'");
    String step = rangeAndStep.length == 2 ? rangeAndStep[1] : "1";
    if (!step.matches("\\+?\\d{1,9}") || number(step) == 0) {
      return Optional.of("the step '" + step + "' is no positive whole number");
    }
    boolean any = lowAndHigh[0].equals("*");
    int min = FIRST[field];
    int max = LAST[field];
    for (int i = 0; !any && i < lowAndHigh.length; i++) {
      String value = lowAndHigh[i];
      if (value.isEmpty()) return Optional.of("a number is missing at one end of the range");
      if (!value.matches("\\+?\\d+")) return Optional.of("'" + value + "' is no number");
      if (value.length() > 9 || number(value) < min || number(value) > max) {
        return Optional.of(value + " is out of " + min + "-" + max);
      }
    }
    int start = any ? min : number(lowAndHigh[0]);
    // "N/step" means "N-max/step".
    int end = any || (lowAndHigh.length == 1 && rangeAndStep.length == 2) ? max
        : number(lowAndHigh[lowAndHigh.length - 1]);
    if (start > end) return Optional.of("the range begins after it ends");
    if (number(step) == 1) {
      canonical.add(any ? "*" : start == end ? Integer.toString(start) : start + "-" + end);
    } else {
      for (int v = start; v <= end; v += number(step)) canonical.add(Integer.toString(v));
    }
    return Optional.empty();
  }

  /** A number as Go's strconv.Atoi reads it, a leading '+' included. */
  private static int number(String digits) {
    return Integer.parseInt(digits.startsWith("+") ? digits.substring(1) : digits);
  }

  private static CronFields failed(String error) {
    return new CronFields(List.of(), error, false, List.of());
  }

  /** Taken by robfig/cron, but {@code error} says why it never finds a run. */
  private static CronFields never(String error) {
    return new CronFields(List.of(), error, true, List.of());
  }

  /**
   * {@code range} with a low end of {@code *} or {@code ?} read as getRange reads it: the whole field, its step
   * kept; whatever follows {@code *-} up to the step is never even parsed, which {@code notes} gets a warning for.
   */
  private static String anyRange(int field, String range, List<CronSchedule.Note> notes) {
    String[] rangeAndStep = range.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    if (rangeAndStep.length > 2 || !(lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?"))) return range;
    String step = rangeAndStep.length == 2 ? "/" + rangeAndStep[1] : "";
    String read = "*" + step;
    if (lowAndHigh.length > 1) {
      String ignored = rangeAndStep[0].substring(1);
      String name = NAMES.get(field);
      String fix = "write '" + read + "' for " + whole(name, step);
      if (ignored.matches("-(\\d+|[A-Za-z]{3})")) {
        fix = "write '" + FIRST[field] + ignored + step + "' for the range from " + FIRST[field] + " to "
            + ignored.substring(1) + ", or " + fix.substring("write ".length());
      }
      notes.add(new CronSchedule.Note("has '" + range + "' in the " + name + " field, which Velero reads as '"
          + read + "' (" + whole(name, step) + "): its cron library takes a range starting with '" + lowAndHigh[0]
          + "' for the whole field and ignores the '" + ignored + "' part", fix));
    }
    return read;
  }

  private static String whole(String name, String step) {
    return step.isEmpty() ? "every " + name : "every " + name + " in steps of " + step.substring(1);
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

  /** The fields in plain form ({@code *}, or values and ranges {@code a-b} in a list); empty with an {@link #error}. */
  List<String> fields() {
    return fields;
  }

  Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** True when robfig/cron takes the fields, but they select no time: the {@link #error} says which. */
  boolean neverRuns() {
    return never;
  }

  /** Warnings about parts robfig/cron ignores. */
  List<CronSchedule.Note> notes() {
    return notes;
  }
}
