package dev.shipshape.networking.proxy;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as Go's {@code time.Duration.String()} prints them, which is how kube-proxy's config reads them. */
final class GoDuration {
  private GoDuration() {}

  /** {@code 0s}, {@code 500ms}, {@code 30s}, {@code 1m0s}, {@code 1h2m3.5s}. */
  static String format(Duration d) {
    if (d.isZero()) return "0s";
    if (d.isNegative()) return "-" + format(d.negated());
    long nanos = d.toNanos();
    if (nanos < 1_000) return nanos + "ns";
    if (nanos < 1_000_000) return decimal(nanos, 1_000) + "µs";
    if (nanos < 1_000_000_000) return decimal(nanos, 1_000_000) + "ms";
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    String seconds = decimal(nanos % 60_000_000_000L, 1_000_000_000) + "s";
    if (hours > 0) return hours + "h" + minutes + "m" + seconds;
    if (minutes > 0) return minutes + "m" + seconds;
    return seconds;
  }

  private static String decimal(long value, long unit) {
    return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }
}
