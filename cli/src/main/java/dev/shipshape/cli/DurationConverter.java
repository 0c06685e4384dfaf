package dev.shipshape.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as kubectl writes them ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}: Go's
 * {@code time.ParseDuration} units ns, us, ms, s, m, h), or ISO-8601 ({@code PT5M}).
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS = Map.of(
      "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L,
      "h", 3_600_000_000_000L);

  @Override
  public Duration convert(String value) {
    String text = value.trim();
    if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw invalid(value);
      }
    }
    Matcher matcher = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(NANOS.get(matcher.group(2)))));
      end = matcher.end();
    }
    if (end == 0 || end != text.length()) throw invalid(value);
    return Duration.ofNanos(nanos.longValue());
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException("'" + value + "' is not a duration; write it as 90s, 5m, 1h30m or 500ms");
  }
}
