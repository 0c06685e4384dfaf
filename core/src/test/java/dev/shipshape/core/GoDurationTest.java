package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's {@code time.ParseDuration} and {@code Duration.String}, on the examples of Go's own documentation. */
class GoDurationTest {

  private static Duration parse(String text) {
    return GoDuration.parse(text).duration().orElseThrow(() -> new AssertionError(text + ": "
        + GoDuration.parse(text).error().orElse("")));
  }

  private static String error(String text) {
    return GoDuration.parse(text).error().orElseThrow(() -> new AssertionError(text + " parsed"));
  }

  @Test
  void parsesGoDurations() {
    assertThat(parse("720h0m0s")).isEqualTo(Duration.ofHours(720));
    assertThat(parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(parse("-1.5h")).isEqualTo(Duration.ofMinutes(-90));
    assertThat(parse("2h45m")).isEqualTo(Duration.ofMinutes(165));
    assertThat(parse("1\u00b5s")).isEqualTo(Duration.ofNanos(1000));
    assertThat(parse("1us")).isEqualTo(Duration.ofNanos(1000));
    assertThat(parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void rejectsWhatGoRejects() {
    assertThat(error("")).isEqualTo("is empty");
    assertThat(error("30d")).isEqualTo("has an unknown unit 'd'");
    assertThat(error("5")).isEqualTo("is missing a unit after '5'");
    assertThat(error("1h 30m")).isEqualTo("has an unknown unit 'h '");
    assertThat(error("h")).isEqualTo("has an invalid number at 'h'");
    assertThat(error("1.2.3s")).isEqualTo("has an invalid number at '1.2.3s'");
    assertThat(error("-")).isEqualTo("has no number");
    assertThat(error("3000000h")).isEqualTo("is out of range (more than about 2562047h)");
  }

  @Test
  void formatsLikeGo() {
    assertThat(GoDuration.format(Duration.ofHours(720))).isEqualTo("720h0m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(Duration.ofMillis(1))).isEqualTo("1ms");
    assertThat(GoDuration.format(Duration.ofNanos(1500))).isEqualTo("1.5\u00b5s");
    assertThat(GoDuration.format(Duration.ofNanos(12))).isEqualTo("12ns");
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDuration.format(Duration.ofMinutes(-90))).isEqualTo("-1h30m0s");
  }
}
