package dev.shipshape.cli.spi;

import dev.shipshape.core.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Duration flags read by the SDK's one Go-duration parser, {@link GoDuration}, as kubectl reads them ({@code 90s},
 * {@code 5m}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}); a negative duration, or one beyond Go's range (about
 * 2562047h), is rejected.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    GoDuration.Parsed parsed = GoDuration.parse(value.strip());
    String problem = parsed.error().orElse(parsed.duration().filter(Duration::isNegative).isPresent()
        ? "is negative" : null);
    if (problem != null) {
      throw new TypeConversionException("'" + value + "' is not a duration (it " + problem + "); write it as 90s, "
          + "5m, 1h30m or 500ms");
    }
    return parsed.duration().orElseThrow();
  }
}
