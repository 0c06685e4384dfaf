package dev.shipshape.core.apply;

import dev.shipshape.core.ShipshapeStyle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.immutables.value.Value;

/**
 * How transient failures are retried: exponential backoff with jitter, bounded in attempts, honouring the
 * server's Retry-After. By default, 5 attempts, 200 ms doubling up to 10 s, ±20 % jitter.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RetryPolicy {

  /** Attempts in all, the first one included. */
  @Value.Default
  public int maxAttempts() {
    return 5;
  }

  @Value.Default
  public Duration initialBackoff() {
    return Duration.ofMillis(200);
  }

  @Value.Default
  public Duration maxBackoff() {
    return Duration.ofSeconds(10);
  }

  /** The share of the backoff that is randomised, from 0 (none) to 1. */
  @Value.Default
  public double jitter() {
    return 0.2;
  }

  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** No retries: every failure is final. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  public static Builder builder() {
    return ImmutableRetryPolicy.builder();
  }

  /**
   * The delay before attempt {@code attempt + 1}, after {@code attempt} failed attempts; the server's Retry-After,
   * when given, is a lower bound.
   */
  public Duration delayAfter(int attempt, Optional<Duration> retryAfter) {
    long base = initialBackoff().toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, maxBackoff().toMillis());
    double spread = capped * jitter();
    long jittered = Math.round(capped - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread);
    long floor = retryAfter.map(Duration::toMillis).orElse(0L);
    return Duration.ofMillis(Math.max(Math.max(jittered, 0), floor));
  }

  @Value.Check
  protected void check() {
    if (maxAttempts() < 1) throw new IllegalArgumentException("RetryPolicy.maxAttempts must be at least 1");
    if (jitter() < 0 || jitter() > 1) throw new IllegalArgumentException("RetryPolicy.jitter must be in [0, 1]");
  }

  /** Builds {@link RetryPolicy}s. */
  public interface Builder {
    /** Starts from every attribute of {@code policy}. */
    Builder from(RetryPolicy policy);

    Builder maxAttempts(int maxAttempts);

    Builder initialBackoff(Duration initialBackoff);

    Builder maxBackoff(Duration maxBackoff);

    Builder jitter(double jitter);

    RetryPolicy build();
  }
}
