package dev.shipshape.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Go's {@code time.Duration} text, which Kubernetes APIs and configuration files use for durations
 * ({@code metav1.Duration}, parsed by {@code time.ParseDuration}; Velero ttls and hook timeouts, kube-proxy sync
 * periods): an optional sign, then one or more decimal
 * numbers each followed by a unit {@code ns}, {@code us} ({@code µs}), {@code ms}, {@code s}, {@code m} or
 * {@code h}, such as {@code 720h0m0s} or {@code 1.5h}; a lone {@code 0} is also valid.
 */
public final class GoDuration {
  private static final Map<String, Long> UNIT_NANOS = Map.of(
      "ns", 1L,
      "us", 1_000L,
      "\u00b5s", 1_000L,
      "\u03bcs", 1_000L,
      "ms", 1_000_000L,
      "s", 1_000_000_000L,
      "m", 60_000_000_000L,
      "h", 3_600_000_000_000L);
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /** The duration, or what is wrong with the text in Go's words. */
  public static Parsed parse(String text) {
    if (text == null || text.isEmpty()) return Parsed.error("is empty");
    String s = text;
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) return Parsed.of(Duration.ZERO);
    if (s.isEmpty()) return Parsed.error("has no number");
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        return Parsed.error("has an invalid number at '" + s.substring(start) + "'");
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) return Parsed.error("is missing a unit after '" + number + "'");
      Long nanos = UNIT_NANOS.get(unit);
      if (nanos == null) return Parsed.error("has an unknown unit '" + unit + "'");
      total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
          .multiply(BigDecimal.valueOf(nanos)));
    }
    BigInteger nanos = total.toBigInteger();
    if (nanos.compareTo(MAX_NANOS) > 0) return Parsed.error("is out of range (more than about 2562047h)");
    long value = nanos.longValueExact();
    return Parsed.of(Duration.ofNanos(negative ? -value : value));
  }

  /** The duration as Go prints it, such as {@code 720h0m0s}, {@code 1m30s} or {@code 1.5ms}. */
  public static String format(Duration duration) {
    if (duration.isZero()) return "0s";
    long total = duration.toNanos();
    String sign = total < 0 ? "-" : "";
    BigInteger u = BigInteger.valueOf(total).abs();
    if (u.compareTo(BigInteger.valueOf(1_000_000_000L)) < 0) {
      // Go prints sub-second durations in the largest unit that keeps an integer part.
      long n = u.longValue();
      if (n < 1_000L) return sign + n + "ns";
      if (n < 1_000_000L) return sign + fraction(n, 3) + "\u00b5s";
      return sign + fraction(n, 6) + "ms";
    }
    BigInteger[] secondsAndNanos = u.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
    long seconds = secondsAndNanos[0].longValue();
    long nanos = secondsAndNanos[1].longValue();
    String fractional = nanos == 0 ? "" : fraction(nanos, 9).substring(1);
    long hours = seconds / 3600;
    long minutes = (seconds / 60) % 60;
    StringBuilder out = new StringBuilder();
    if (hours > 0) out.append(hours).append('h');
    if (hours > 0 || minutes > 0) out.append(minutes).append('m');
    out.append(seconds % 60).append(fractional).append('s');
    return sign + out;
  }

  /** {@code value / 10^digits} with trailing zeros (and a bare point) removed. */
  private static String fraction(long value, int digits) {
    BigDecimal d = BigDecimal.valueOf(value).movePointLeft(digits).stripTrailingZeros();
    return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
  }

  /** The result of {@link #parse}: a duration or an error message. */
  public static final class Parsed {
    private final Duration duration;
    private final String error;

    private Parsed(Duration duration, String error) {
      this.duration = duration;
      this.error = error;
    }

    static Parsed of(Duration duration) {
      return new Parsed(duration, null);
    }

    static Parsed error(String message) {
      return new Parsed(null, message);
    }

    public Optional<Duration> duration() {
      return Optional.ofNullable(duration);
    }

    /** What is wrong, such as "is missing a unit after '5'"; empty when valid. */
    public Optional<String> error() {
      return Optional.ofNullable(error);
    }
  }
}
