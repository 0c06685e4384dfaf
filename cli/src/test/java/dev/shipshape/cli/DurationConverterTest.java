package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.cli.spi.DurationConverter;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsKubectlStyleDurations() {
    assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(converter.convert("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void rejectsWhatIsNotADuration() {
    assertRejected("5", "is missing a unit after '5'");
    assertRejected("5 minutes", "has an unknown unit ' minutes'");
    assertRejected("m5", "has an invalid number at 'm5'");
    assertRejected("", "is empty");
    assertRejected("PT2M", "has an invalid number at 'PT2M'");
  }

  @Test
  void rejectsNegativeAndOverflowingDurations() {
    assertRejected("PT-5M", "has an invalid number at 'PT-5M'");
    assertRejected("-5m", "is negative");
    assertRejected("9999999999h", "is out of range (more than about 2562047h)");
  }

  private void assertRejected(String text, String problem) {
    assertThatThrownBy(() -> converter.convert(text)).as(text).isInstanceOf(TypeConversionException.class)
        .hasMessage("'" + text + "' is not a duration (it " + problem + "); write it as 90s, 5m, 1h30m or 500ms");
  }

  @Property
  void hoursMinutesAndSecondsAddUp(@ForAll @IntRange(max = 1000) int h, @ForAll @IntRange(max = 59) int m,
      @ForAll @IntRange(max = 59) int s) {
    assertThat(converter.convert(h + "h" + m + "m" + s + "s"))
        .isEqualTo(Duration.ofHours(h).plusMinutes(m).plusSeconds(s));
  }
}
