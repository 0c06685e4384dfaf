package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class GoDurationProperties {

  @Property
  void formatThenParseIsTheIdentity(@ForAll @LongRange(min = -9_000_000_000_000_000L,
      max = 9_000_000_000_000_000L) long nanos) {
    Duration d = Duration.ofNanos(nanos);
    assertThat(GoDuration.parse(GoDuration.format(d)).duration()).contains(d);
  }

  @Property
  void hoursMinutesSecondsAddUp(@ForAll @LongRange(max = 100_000) long h, @ForAll @LongRange(max = 59) long m,
      @ForAll @LongRange(max = 59) long s) {
    assertThat(GoDuration.parse(h + "h" + m + "m" + s + "s").duration())
        .contains(Duration.ofHours(h).plusMinutes(m).plusSeconds(s));
  }
}
