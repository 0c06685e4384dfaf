package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.zone.ZoneOffsetTransition;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import org.assertj.core.api.InstanceOfAssertFactories;

/**
 * Velero reads schedules as robfig/cron v3 does, so {@link CronSchedule} must take what a model of its parser and
 * schedule takes ({@link RobfigCronModel}) and run at the times the model runs, over generated expressions: ranges,
 * steps, names, {@code *} and {@code ?} ranges with a high end or in a list, empty ranges and fields, white space
 * (ASCII and not) around and between the fields, time zone prefixes (names and offsets) and descriptors. In zones
 * with daylight saving time the runs are compared across the changes of the clocks too, where robfig/cron runs a
 * time of the repeated hour twice and skips the times of the skipped hour. Known,
 * deliberate differences: a schedule that never runs and a non-positive {@code @every} duration are taken by
 * robfig/cron but refused here (Velero backs up every minute with the first and every second with the second), so
 * the generator makes no such durations and the first must be refused with what Velero does.
 */
class CronScheduleModelProperties {
  private static final int RUNS = 8;
  /** Before a change of the clocks, so that runs every minute, hour or day all cross it. */
  private static final List<Duration> BEFORE_CHANGE = List.of(Duration.ofMinutes(65), Duration.ofMinutes(3));

  @Property(tries = 3000)
  void runsWhenRobfigCronRuns(@ForAll("expressions") String expression) {
    Optional<RobfigCronModel.Schedule> model = RobfigCronModel.parse(expression);
    CronSchedule.Result result = CronSchedule.parse(expression);
    String verdict = model.isEmpty() ? "refused" : model.get().every ? "every" : "taken";
    List<ZonedDateTime> starts = model.map(m -> starts(m.zone())).orElse(List.of());
    List<ZonedDateTime> expected = model.filter(m -> !m.every).map(m -> runs(m::next, starts, null))
        .orElse(List.of());
    if (verdict.equals("taken") && expected.isEmpty()) verdict = "never runs";
    String described = "'" + expression + "' (" + verdict + "): " + result.error().orElse("taken");
    switch (verdict) {
      case "refused" -> assertThat(result.error()).as(described).isPresent();
      case "never runs" -> assertThat(result.error()).as(described).get(InstanceOfAssertFactories.STRING)
          .contains("finds no next run");
      default -> {
        assertThat(result.error()).as(described).isEmpty();
        CronSchedule schedule = result.schedule().orElseThrow();
        if (!model.get().every) {
          assertThat(runs(schedule::nextRun, starts, expected)).as(described).isEqualTo(expected);
        }
      }
    }
    Statistics.collect(verdict);
    Statistics.label("zone").collect(model.map(m -> m.zone().getRules().isFixedOffset() ? "fixed" : "changes")
        .orElse("refused"));
    // Both sides of the equivalence are exercised.
    Statistics.coverage(c -> {
      c.check("taken").percentage(p -> p > 5);
      c.check("refused").percentage(p -> p > 20);
      c.check("never runs").count(n -> n > 0);
    });
    Statistics.label("zone").coverage(c -> c.check("changes").percentage(p -> p > 5));
  }

  @Property(tries = 500)
  void warnsExactlyWhenARangeFromAStarHasAHighEnd(@ForAll("fields") List<String> fields) {
    String expression = String.join(" ", fields);
    CronSchedule.Result result = CronSchedule.parse(expression);
    boolean ignoredHighEnd = fields.stream().flatMap(f -> List.of(f.split(",")).stream())
        .anyMatch(r -> r.split("/", -1).length <= 2 && r.matches("[*?]-.*"));
    if (result.error().isEmpty()) {
      assertThat(result.notes().stream().anyMatch(n -> n.problem().contains("ignores the '"))).as(expression)
          .isEqualTo(ignoredHighEnd);
    }
  }

  /**
   * New year (in the fixed reference year), and in a zone with daylight saving time also shortly before the two
   * changes of its clocks in the year before.
   */
  private static List<ZonedDateTime> starts(ZoneId zone) {
    List<ZonedDateTime> starts = new ArrayList<>(List.of(CronSchedule.REFERENCE));
    ZoneOffsetTransition change = zone.getRules().nextTransition(CronSchedule.REFERENCE.minusYears(1).toInstant());
    for (int i = 0; change != null && i < 2; i++) {
      Instant at = change.getInstant();
      BEFORE_CHANGE.forEach(d -> starts.add(at.minus(d).atZone(ZoneOffset.UTC)));
      change = zone.getRules().nextTransition(at);
    }
    return starts;
  }

  /**
   * The runs after each start: the first {@value #RUNS}, or with {@code until} (runs found this way) those up to
   * the last run {@code until} has from that start.
   */
  private static List<ZonedDateTime> runs(Function<ZonedDateTime, Optional<ZonedDateTime>> next,
      List<ZonedDateTime> starts, List<ZonedDateTime> until) {
    List<ZonedDateTime> runs = new ArrayList<>();
    for (int s = 0; s < starts.size(); s++) {
      Optional<ZonedDateTime> run = next.apply(starts.get(s));
      ZonedDateTime last = until == null ? null : until.get(Math.min(until.size(), (s + 1) * RUNS) - 1);
      for (int i = 0; run.isPresent() && (until == null ? i < RUNS : !run.get().isAfter(last)); i++) {
        runs.add(run.get());
        run = next.apply(run.get());
      }
    }
    return runs;
  }

  @Provide
  Arbitrary<String> expressions() {
    Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "  ", "\t", "\u00a0", "\u0085");
    Arbitrary<String> fields = Combinators.combine(fields(), separator).as((f, s) -> String.join(s, f));
    Arbitrary<String> descriptor = Arbitraries.of("@daily", "@hourly", "@weekly", "@Daily", "@every 5m",
        "@every 1h30m", "@every  5m", "@every5m", "@every 90s", "@every 1d", "@fortnightly");
    Arbitrary<String> body = Arbitraries.frequencyOf(Tuple.of(8, fields),
        Tuple.of(2, descriptor));
    Arbitrary<String> prefix = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")),
        Tuple.of(3, Arbitraries.of("CRON_TZ=UTC ", "TZ=Europe/Berlin  ", "TZ= ", "CRON_TZ=Local ", "TZ=Etc/GMT-2 ",
            "CRON_TZ=Asia/Kolkata ", "CRON_TZ=Europe/Berlin ")),
        Tuple.of(8, Arbitraries.of("CRON_TZ=America/New_York ", "TZ=Australia/Sydney ", "CRON_TZ=Europe/Dublin ",
            "CRON_TZ=America/Santiago ", "CRON_TZ=Europe/Berlin ")),
        Tuple.of(2, Arbitraries.of("CRON_TZ=Mars/Base ", "CRON_TZ=+02:00 ", "TZ=Z ", "CRON_TZ=UTC+2 ", "TZ=GMT+2 ",
            "CRON_TZ=europe/berlin ", "CRON_TZ=UTC\u00a0", "TZ=UTC\t")));
    Arbitrary<String> around = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.of(" ", "\n", "\t", "\u00a0", "\u0085")));
    return Combinators.combine(around, prefix, body, around).as((a, p, b, z) -> a + p + b + z);
  }

  @Provide
  Arbitrary<List<String>> fields() {
    Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(1, 6)
        .map(String::valueOf)), Tuple.of(2, Arbitraries.integers().between(0, 64).map(String::valueOf)),
        Tuple.of(1, Arbitraries.of("sun", "MON", "Fri", "jan", "DEC", "friday", "x", "+3")));
    Arbitrary<String> low = Arbitraries.frequencyOf(Tuple.of(5, value),
        Tuple.of(2, Arbitraries.of("*", "?")));
    Arbitrary<String> high = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
        Tuple.of(2, value.map(v -> "-" + v)), Tuple.of(1, Arbitraries.of("-", "-1-2")));
    Arbitrary<String> step = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
        Tuple.of(2, Arbitraries.integers().between(0, 40).map(s -> "/" + s)),
        Tuple.of(1, Arbitraries.of("/", "/2/3", "/x")));
    Arbitrary<String> range = Combinators.combine(low, high, step).as((l, h, s) -> l + h + s);
    Arbitrary<String> field = Arbitraries.frequencyOf(
        Tuple.of(6, range.list().ofMinSize(1).ofMaxSize(3).map(r -> String.join(",", r))),
        Tuple.of(1, range.map(r -> r + ",,1")), Tuple.of(12, Arbitraries.just("*")),
        Tuple.of(1, Arbitraries.of(",", ",,")));
    return Arbitraries.frequencyOf(Tuple.of(8, field.list().ofSize(5)), Tuple.of(1, field.list().ofSize(4)),
        Tuple.of(1, field.list().ofSize(6)));
  }
}
