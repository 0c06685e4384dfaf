package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

/**
 * Velero takes exactly the schedules robfig/cron v3 takes, so {@link CronSchedule} must take what a model of its
 * parser takes ({@link RobfigCronModel}), over generated expressions: ranges, steps, names, {@code *} and {@code ?}
 * ranges with a high end, empty ranges, white space around and between the fields, time zone prefixes and
 * descriptors. Known, deliberate differences: a field that selects nothing and a non-positive {@code @every}
 * duration are taken by robfig/cron but refused here (Velero would never run the first and back up every second
 * with the second), so the generator makes no such durations and the model tells the first apart.
 */
class CronScheduleModelProperties {

  @Property(tries = 2000)
  void takesWhatRobfigCronTakes(@ForAll("expressions") String expression) {
    RobfigCronModel.Verdict verdict = RobfigCronModel.parse(expression);
    CronSchedule.Result result = CronSchedule.parse(expression);
    assertThat(result.error().isEmpty()).as("'%s' (%s): %s", expression, verdict, result.error().orElse("taken"))
        .isEqualTo(verdict == RobfigCronModel.Verdict.TAKEN);
    Statistics.collect(verdict);
    // Both sides of the equivalence are exercised.
    Statistics.coverage(c -> {
      c.check(RobfigCronModel.Verdict.TAKEN).percentage(p -> p > 5);
      c.check(RobfigCronModel.Verdict.REFUSED).percentage(p -> p > 20);
    });
  }

  @Property(tries = 500)
  void warnsExactlyWhenARangeFromAStarHasAHighEnd(@ForAll("fields") List<String> fields) {
    String expression = String.join(" ", fields);
    CronSchedule.Result result = CronSchedule.parse(expression);
    boolean ignoredHighEnd = fields.stream().flatMap(f -> List.of(f.split(",")).stream())
        .anyMatch(r -> r.split("/", -1).length <= 2 && r.matches("[*?]-.*"));
    if (result.error().isEmpty()) assertThat(!result.notes().isEmpty()).as(expression).isEqualTo(ignoredHighEnd);
  }

  @Provide
  Arbitrary<String> expressions() {
    Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "  ", "\t");
    Arbitrary<String> fields = Combinators.combine(fields(), separator).as((f, s) -> String.join(s, f));
    Arbitrary<String> descriptor = Arbitraries.of("@daily", "@hourly", "@weekly", "@Daily", "@every 5m",
        "@every 1h30m", "@every  5m", "@every5m", "@every 90s", "@every 1d", "@fortnightly");
    Arbitrary<String> body = Arbitraries.frequencyOf(Tuple.of(8, fields),
        Tuple.of(2, descriptor));
    Arbitrary<String> prefix = Arbitraries.of("", "", "", "CRON_TZ=UTC ", "TZ=Europe/Berlin  ", "TZ= ",
        "CRON_TZ=Mars/Base ");
    Arbitrary<String> around = Arbitraries.of("", "", "", " ", "\n", "\t");
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
        Tuple.of(1, range.map(r -> r + ",,1")), Tuple.of(6, Arbitraries.just("*")));
    return Arbitraries.frequencyOf(Tuple.of(8, field.list().ofSize(5)), Tuple.of(1, field.list().ofSize(4)),
        Tuple.of(1, field.list().ofSize(6)));
  }
}
