package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryPolicyProperties {

  private static RetryPolicy policy(long initialMillis, long extraMaxMillis, double jitter) {
    return RetryPolicy.builder().initialBackoff(Duration.ofMillis(initialMillis))
        .maxBackoff(Duration.ofMillis(initialMillis + extraMaxMillis)).jitter(jitter).build();
  }

  @Property
  void theDelayIsBoundedByTheMaximumBackoffWithJitter(@ForAll @LongRange(min = 1, max = 5_000) long initial,
      @ForAll @LongRange(max = 60_000) long extraMax, @ForAll @DoubleRange(max = 1) double jitter,
      @ForAll @IntRange(min = 1, max = 100) int attempt) {
    RetryPolicy policy = policy(initial, extraMax, jitter);

    Duration delay = policy.delayAfter(attempt, Optional.empty());

    long max = policy.maxBackoff().toMillis();
    assertThat(delay.toMillis()).isBetween(0L, (long) Math.ceil(max * (1 + jitter)));
  }

  @Property
  void theDelayIsNeverShorterThanTheServersRetryAfter(@ForAll @LongRange(min = 1, max = 5_000) long initial,
      @ForAll @LongRange(max = 60_000) long extraMax, @ForAll @DoubleRange(max = 1) double jitter,
      @ForAll @IntRange(min = 1, max = 100) int attempt, @ForAll @LongRange(max = 600) long retryAfterSeconds) {
    RetryPolicy policy = policy(initial, extraMax, jitter);

    Duration delay = policy.delayAfter(attempt, Optional.of(Duration.ofSeconds(retryAfterSeconds)));

    assertThat(delay).isGreaterThanOrEqualTo(Duration.ofSeconds(retryAfterSeconds));
    long bound = Math.max((long) Math.ceil(policy.maxBackoff().toMillis() * (1 + jitter)),
        retryAfterSeconds * 1000);
    assertThat(delay.toMillis()).isLessThanOrEqualTo(bound);
  }

  @Property
  void withoutJitterTheDelayDoublesUpToTheMaximum(@ForAll @LongRange(min = 1, max = 5_000) long initial,
      @ForAll @LongRange(max = 60_000) long extraMax, @ForAll @IntRange(min = 1, max = 100) int attempt) {
    RetryPolicy policy = policy(initial, extraMax, 0);

    Duration delay = policy.delayAfter(attempt, Optional.empty());

    double doubled = initial * Math.pow(2, attempt - 1);
    assertThat(delay.toMillis()).isEqualTo((long) Math.min(doubled, policy.maxBackoff().toMillis()));
  }

  @Property
  void jitterStaysWithinItsShareOfTheBackoff(@ForAll @LongRange(min = 1, max = 5_000) long initial,
      @ForAll @DoubleRange(max = 1) double jitter, @ForAll @IntRange(min = 1, max = 10) int attempt) {
    RetryPolicy policy = policy(initial, 1_000_000, jitter);
    long base = Math.min(initial << (attempt - 1), policy.maxBackoff().toMillis());

    long delay = policy.delayAfter(attempt, Optional.empty()).toMillis();

    assertThat(delay).isBetween((long) Math.floor(base * (1 - jitter)), (long) Math.ceil(base * (1 + jitter)));
  }

  @Example
  void theDefaultsAreFiveAttemptsFrom200MillisUpTo10Seconds() {
    RetryPolicy defaults = RetryPolicy.defaults();

    assertThat(defaults.maxAttempts()).isEqualTo(5);
    assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.jitter()).isEqualTo(0.2);
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }

  @Example
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .hasMessage("RetryPolicy.maxAttempts must be at least 1");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5).build())
        .hasMessage("RetryPolicy.jitter must be in [0, 1]");
  }
}
