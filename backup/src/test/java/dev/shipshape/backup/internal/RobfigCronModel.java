package dev.shipshape.backup.internal;

import dev.shipshape.core.GoDuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether robfig/cron v3's standard parser, as Velero calls it, takes an expression: a model of {@code Parser.Parse},
 * {@code parseDescriptor}, {@code getField} and {@code getRange} of its {@code parser.go}, bit sets left out.
 */
final class RobfigCronModel {
  /** What the parser makes of an expression. */
  enum Verdict {
    TAKEN,
    REFUSED,
    /** Taken, but with a field that selects nothing, so it never runs. */
    NEVER_RUNS
  }

  private static final Set<String> DESCRIPTORS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Set<String> ZONES = Set.of("", "UTC", "Europe/Berlin");
  private static final int[][] BOUNDS = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
  private static final List<Map<String, Integer>> NAMES = List.of(Map.of(), Map.of(), Map.of(),
      Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
          Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9),
          Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12)),
      Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));

  private RobfigCronModel() {}

  static Verdict parse(String spec) {
    if (spec.isEmpty()) return Verdict.REFUSED;
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int space = spec.indexOf(' ');
      if (space < 0 || !ZONES.contains(spec.substring(spec.indexOf('=') + 1, space))) return Verdict.REFUSED;
      spec = spec.substring(space).strip();
    }
    if (spec.startsWith("@")) {
      if (DESCRIPTORS.contains(spec)) return Verdict.TAKEN;
      if (!spec.startsWith("@every ")) return Verdict.REFUSED;
      return GoDuration.parse(spec.substring("@every ".length())).error().isEmpty() ? Verdict.TAKEN
          : Verdict.REFUSED;
    }
    String[] fields = spec.strip().isEmpty() ? new String[0] : spec.strip().split("\\s+");
    if (fields.length != 5) return Verdict.REFUSED;
    Verdict verdict = Verdict.TAKEN;
    for (int i = 0; i < 5; i++) {
      List<String> ranges = new ArrayList<>();
      for (String r : fields[i].split(",")) if (!r.isEmpty()) ranges.add(r);
      if (ranges.isEmpty()) verdict = Verdict.NEVER_RUNS;
      for (String range : ranges) if (!rangeTaken(range, i)) return Verdict.REFUSED;
    }
    return verdict;
  }

  private static boolean rangeTaken(String expr, int field) {
    int min = BOUNDS[field][0];
    int max = BOUNDS[field][1];
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    long start;
    long end;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = min;
      end = max;
    } else {
      start = value(lowAndHigh[0], field);
      if (lowAndHigh.length == 1) end = start;
      else if (lowAndHigh.length == 2) end = value(lowAndHigh[1], field);
      else return false;
      if (start < 0 || end < 0) return false;
    }
    long step = 1;
    if (rangeAndStep.length == 2) {
      step = value(rangeAndStep[1], -1);
      if (step < 0) return false;
      if (lowAndHigh.length == 1) end = max;
    } else if (rangeAndStep.length > 2) {
      return false;
    }
    return start >= min && end <= max && start <= end && step != 0;
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
}
