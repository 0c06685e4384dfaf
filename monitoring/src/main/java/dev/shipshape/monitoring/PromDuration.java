package dev.shipshape.monitoring;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus' duration syntax ({@code model.ParseDuration}): whole numbers with the units {@code y w d h m s ms},
 * largest first, each at most once, such as {@code 1h30m} or {@code 90s}; a year is 365 days. This is what
 * {@code for}, {@code keep_firing_for} and a group's {@code interval} take, unlike Go's durations (no fractions,
 * but days and weeks).
 */
final class PromDuration {
  private static final Pattern SYNTAX = Pattern.compile(
      "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?");
  private static final long[] MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};

  private PromDuration() {}

  /** The duration, or empty when {@code text} is not in Prometheus' syntax. */
  static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty()) return Optional.empty();
    if (text.equals("0")) return Optional.of(Duration.ZERO);
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) return Optional.empty();
    long total = 0;
    for (int i = 0; i < MILLIS.length; i++) {
      if (m.group(i + 1) != null) total += Long.parseLong(m.group(i + 1)) * MILLIS[i];
    }
    return Optional.of(Duration.ofMillis(total));
  }

  /** The shortest text for {@code duration}, such as {@code 1d1h} for 25 hours. */
  static String format(Duration duration) {
    long ms = duration.toMillis();
    if (ms == 0) return "0s";
    StringBuilder text = new StringBuilder();
    String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < MILLIS.length; i++) {
      if (ms >= MILLIS[i]) {
        text.append(ms / MILLIS[i]).append(units[i]);
        ms %= MILLIS[i];
      }
    }
    return text.toString();
  }
}
