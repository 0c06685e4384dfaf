package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * (ASCII and not) around and between the fields, time zone prefixes (names and offsets) and descriptors. Known,
 * deliberate differences: a schedule that never runs and a non-positive {@code @every} duration are taken by
 * robfig/cron but refused here (Velero backs up every minute with the first and every second with the second), so
 * the generator makes no such durations and the first must be refused with what Velero does.
 */
class CronScheduleModelProperties {
  private static final int RUNS = 8;
  /** New year, the nights before the clocks go back and forward in Berlin. */
  private static final List<ZonedDateTime> STARTS = List.of(CronSchedule.REFERENCE,
      ZonedDateTime.of(2027, 10, 30, 20, 30, 0, 0, ZoneOffset.UTC),
      ZonedDateTime.of(2028, 3, 25, 20, 30, 0, 0, ZoneOffset.UTC));

  @Property(tries = 3000)
  void runsWhenRobfigCronRuns(@ForAll("expressions") String expression) {
    Optional<RobfigCronModel.Schedule> model = RobfigCronModel.parse(expression);
    CronSchedule.Result result = CronSchedule.parse(expression);
    String verdict = model.isEmpty() ? "refused" : model.get().every ? "every" : "taken";
    List<ZonedDateTime> expected = model.filter(m -> !m.every).map(m -> runs(m::next, null)).orElse(List.of());
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
          List<ZonedDateTime> actual = runs(schedule::nextRun, expected);
          assertThat(unambiguous(actual, model.get())).as(described).isEqualTo(unambiguous(expected, model.get()));
        }
      }
    }
    Statistics.collect(verdict);
    // Both sides of the equivalence are exercised.
    Statistics.coverage(c -> {
      c.check("taken").percentage(p -> p > 5);
      c.check("refused").percentage(p -> p > 20);
      c.check("never runs").count(n -> n > 0);
    });
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
   * The runs after each start: the first {@value #RUNS}, or with {@code until} (runs found this way) those up to
   * the last run {@code until} has from that start.
   */
  private static List<ZonedDateTime> runs(Function<ZonedDateTime, Optional<ZonedDateTime>> next,
      List<ZonedDateTime> until) {
    List<ZonedDateTime> runs = new ArrayList<>();
    for (int s = 0; s < STARTS.size(); s++) {
      Optional<ZonedDateTime> run = next.apply(STARTS.get(s));
      ZonedDateTime last = until == null ? null : until.get(Math.min(until.size(), (s + 1) * RUNS) - 1);
      for (int i = 0; run.isPresent() && (until == null ? i < RUNS : !run.get().isAfter(last)); i++) {
        runs.add(run.get());
        run = next.apply(run.get());
      }
    }
    return runs;
  }

  /**
   * {@code runs} without those in the hour the clocks go back: robfig/cron runs twice then (its minute loop
   * wraps into the repeated hour), cron-utils once; a known difference of at most an hour in a gap.
   */
  private static List<ZonedDateTime> unambiguous(List<ZonedDateTime> runs, RobfigCronModel.Schedule model) {
    return runs.stream().filter(t -> model.zone().getRules()
        .getValidOffsets(t.withZoneSameInstant(model.zone()).toLocalDateTime()).size() == 1).toList();
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
